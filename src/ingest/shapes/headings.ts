/**
 * One heading per question ('### How do I …?'). Which heading level holds the
 * questions is decided per document (or FAQ section) from how question-like
 * the headings at each level are; levels above it are topics, levels below
 * it are part of the answer (unless they are questions themselves).
 */
import type { Heading } from 'mdast';
import type { Block, SyntheticHeadingData } from '../blocks.js';
import { collapseWhitespace } from '../normalize.js';
import { plainText } from '../render.js';
import { stripHeadingDecorations } from '../slug.js';
import type { QuestionDraft } from './draft.js';
import { isFaqHeading, isFollowUp, isNonContentHeading, isQuestionLike } from './question-text.js';

/** Leading '1. ' / '12) ' numbering of a question heading: not part of the question. */
const HEADING_NUMBER = /^\s*(?:Q\s*)?\d+(?:\.\d+)*\s*[.):]\s+/iu;

/** Plain text of a heading, decorations ('{#id}', closing '#') removed. */
export function headingText(heading: Heading): string {
  return collapseWhitespace(stripHeadingDecorations(plainText([heading])));
}

/** The heading's inline markdown as written, decorations removed. */
export function headingMarkdown(heading: Heading, text: string): string {
  const synthetic = (heading.data as SyntheticHeadingData | undefined)?.faqMarkdown;
  if (synthetic !== undefined) return synthetic;
  const first = heading.children[0];
  const last = heading.children[heading.children.length - 1];
  if (!first?.position || !last?.position) return headingText(heading);
  const raw = text.slice(first.position.start.offset, last.position.end.offset);
  // Setext headings can span lines; a heading is one line of meaning.
  return stripHeadingDecorations(raw.replace(/\s*\n\s*/g, ' '));
}

/**
 * Pick the heading level that holds questions in a run of blocks: the
 * shallowest level where at least half the headings read as questions (so
 * '## Question' with '### Sub-question' picks '##'), else the level with the
 * most question-like headings.
 *
 * @param blocks The blocks in scope.
 * @param ignore Headings that are not candidates (the document title).
 * @returns The depth, or null when headings are not used for questions.
 */
export function questionLevel(blocks: readonly Block[], ignore: ReadonlySet<Block>): number | null {
  const counts = new Map<number, number>();
  const totals = new Map<number, number>();
  for (const block of blocks) {
    if (block.type !== 'heading' || ignore.has(block)) continue;
    const t = headingText(block);
    if (isFaqHeading(t) || isNonContentHeading(t)) continue;
    totals.set(block.depth, (totals.get(block.depth) ?? 0) + 1);
    if (isQuestionLike(t)) counts.set(block.depth, (counts.get(block.depth) ?? 0) + 1);
  }
  const depths = [...counts.keys()].sort((a, b) => a - b);
  // A lone question-like heading among several statements is a section title
  // that happens to ask something, not a question level.
  const eligible = depths.filter((d) => (counts.get(d) ?? 0) >= 2 || (totals.get(d) ?? 0) <= 2);
  const majority = eligible.find((d) => (counts.get(d) ?? 0) * 2 >= (totals.get(d) ?? 1));
  if (majority !== undefined) return majority;
  let best: number | null = null;
  for (const d of eligible) if (best === null || (counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * The level to read statement headings as questions at, for an FAQ document
 * none of whose headings asks anything ('### adb not found'): the level with
 * the most headings that have content of their own (ties: the deeper one).
 *
 * @param blocks The blocks in scope.
 * @param ignore Headings that are not candidates (the document title).
 */
export function statementLevel(blocks: readonly Block[], ignore: ReadonlySet<Block>): number | null {
  const withContent = new Map<number, number>();
  blocks.forEach((block, index) => {
    if (block.type !== 'heading' || ignore.has(block)) return;
    const next = blocks[index + 1];
    if (!next || next.type === 'heading') return;
    const t = headingText(block);
    if (isFaqHeading(t) || isNonContentHeading(t)) return;
    withContent.set(block.depth, (withContent.get(block.depth) ?? 0) + 1);
  });
  let best: number | null = null;
  for (const [depth, count] of withContent) {
    const bestCount = best === null ? 0 : (withContent.get(best) ?? 0);
    if (count > bestCount || (count === bestCount && best !== null && depth > best)) best = depth;
  }
  return best !== null && (withContent.get(best) ?? 0) >= 2 ? best : null;
}

/**
 * Read a heading as a question.
 *
 * @param heading The heading.
 * @param text Normalised document text.
 * @param topicSlug Topic the question sits under.
 */
export function questionFromHeading(heading: Heading, text: string, topicSlug: string | null): QuestionDraft | null {
  const markdown = headingMarkdown(heading, text).replace(HEADING_NUMBER, '');
  const questionText = headingText(heading).replace(HEADING_NUMBER, '');
  if (questionText === '') return null;
  return {
    markdown,
    text: questionText,
    line: heading.position?.start.line ?? 1,
    topicSlug,
    headNodes: [heading],
    content: [],
    followUpOf: isFollowUp(questionText) ? 'previous' : null,
    origin: 'heading',
  };
}
