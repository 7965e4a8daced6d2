/**
 * parseFaq: one markdown document → FaqDocument. Pure: no file system, no
 * database. The steps:
 *
 * 1. normalise the text (NFC, LF) and parse it once with remark;
 * 2. build the block sequence (details, html headings, references resolved);
 * 3. restrict to the FAQ section when a README has one;
 * 4. walk the blocks: headings become topics or questions, question-shaped
 *    lists/paragraphs/details become questions, and everything else belongs
 *    to the question above it (or, with none, to its topic's description);
 * 5. derive ids, answer trees, snippets, links and hashes.
 */
import type { Heading } from 'mdast';
import type { Block } from './blocks.js';
import { documentBlocks } from './blocks.js';
import { emptyAnswerWarnings, finalize, usedTopics } from './finalize.js';
import { frontMatterTitle } from './front-matter.js';
import { sha256Hex } from './ids.js';
import { parseMarkdown } from './markdown.js';
import type { FaqDocument, ParseWarning } from './model.js';
import { normalizeText } from './normalize.js';
import { headingText } from './shapes/headings.js';
import { isFaqHeading } from './shapes/question-text.js';
import { sourceIdFromPath } from './slug.js';
import { fileTitle, findTitleHeading, isNavigation } from './title.js';
import { dropUnsafeUrls } from './urls.js';
import { Walker } from './walker.js';

/** Options for parseFaq. */
export interface ParseOptions {
  /** Path relative to the seeds folder; gives the source id and warning locations. */
  path: string;
}

/**
 * Parse one FAQ markdown document.
 *
 * @param input The document text (any line endings, any normalisation form).
 * @param opts.path Path relative to the seeds folder, '/' separated.
 * @returns The document model; problems are reported in `warnings`, never thrown.
 */
export function parseFaq(input: string, opts: ParseOptions): FaqDocument {
  const text = normalizeText(input);
  const path = opts.path.replace(/\\/g, '/');
  const sourceId = sourceIdFromPath(path);
  const warnings: ParseWarning[] = [];
  const root = parseMarkdown(text);
  const fmTitle = frontMatterTitle(root, path, warnings);
  const blocks = documentBlocks(root, text);

  const titleHeading = findTitleHeading(blocks);
  const title =
    fmTitle ?? (titleHeading && !isNavigation(titleHeading) ? headingText(titleHeading) : null) ?? fileTitle(path);

  const scopes = faqScopes(blocks, titleHeading);
  let walker = new Walker(text, path, titleHeading, false);
  for (const scope of scopes) walker.walk(scope);
  if (walker.drafts.length === 0 && FAQ_DOCUMENT.test(`${title} ${path}`)) {
    // An FAQ whose headings state problems instead of asking ('### adb not
    // found'): read the headings that carry content as the questions.
    walker = new Walker(text, path, titleHeading, true);
    for (const scope of scopes) walker.walk(scope);
  }
  const drafts = walker.drafts;

  if (drafts.length === 0) {
    warnings.push({
      file: path,
      line: 1,
      code: 'FAQ_WARN_NO_QUESTIONS',
      message: 'no recognisable questions in this file',
    });
  } else {
    warnings.push(...walker.warnings);
  }
  const questions = finalize(drafts, sourceId, text);
  const descriptions = walker.descriptions();
  const topics = walker.topics.topics.map((topic) => ({ ...topic, description: descriptions.get(topic.slug) ?? null }));
  warnings.push(...emptyAnswerWarnings(questions, path));
  warnings.push(...dropUnsafeUrls({ path, questions, topicImages: walker.topicImages }));
  warnings.sort((a, b) => a.line - b.line);

  return {
    id: sourceId,
    path,
    title,
    contentHash: sha256Hex(text),
    topics: usedTopics(topics, questions, walker.topicImages),
    questions,
    description: descriptions.get(null) ?? null,
    unplaced: drafts.length === 0 ? 0 : walker.unplacedCount,
    topicImages: walker.topicImages,
    warnings,
  };
}

/** Titles and paths of documents that are FAQs as a whole. */
const FAQ_DOCUMENT =
  /faq|frequently|questions?|interview|troubleshoot|help|q&a|질문|면접|문답|도움말|よくある|質問|常见问题|问题|帮助|問題/iu;

/**
 * The runs of blocks that may hold questions. A README with an 'FAQ' section
 * (not the document's own title) yields questions from that section only;
 * the rest of the README is not FAQ content.
 */
function faqScopes(blocks: readonly Block[], titleHeading: Heading | undefined): Block[][] {
  const scopes: Block[][] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block?.type !== 'heading' || block === titleHeading || !isFaqHeading(headingText(block))) continue;
    let end = i + 1;
    while (end < blocks.length) {
      const next = blocks[end];
      if (next?.type === 'heading' && next.depth <= block.depth) break;
      end++;
    }
    scopes.push(blocks.slice(i, end));
    i = end - 1;
  }
  return scopes.length > 0 ? scopes : [[...blocks]];
}
