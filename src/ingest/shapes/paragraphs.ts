/**
 * Questions written as paragraphs: 'Q: …' / 'A: …' lines (also inside one
 * paragraph joined by a hard break), '**Q: …**' bold lines, whole-paragraph
 * bold or italic questions, and '> question' blockquotes.
 */
import type { Blockquote, Paragraph, PhrasingContent } from 'mdast';
import type { AnswerInput } from '../answers.js';
import { parseMarkdown } from '../markdown.js';
import { collapseWhitespace } from '../normalize.js';
import { plainText } from '../render.js';
import { sliceNodes, startLine } from '../source.js';
import type { QuestionDraft } from './draft.js';
import { hasAnswerLabel, hasQuestionLabel, isFollowUp, isQuestionLike, stripLabel } from './question-text.js';

function meaningful(children: readonly PhrasingContent[]): PhrasingContent[] {
  return children.filter((c) => !(c.type === 'text' && c.value.trim() === '') && c.type !== 'break');
}

/** Whether a paragraph is nothing but one bold or italic span. */
function isEmphasisOnly(p: Paragraph): boolean {
  const kids = meaningful(p.children);
  return kids.length === 1 && (kids[0]?.type === 'strong' || kids[0]?.type === 'emphasis');
}

/** A whole line in bold or italics: '**…**', '__…__', '*…*', '_…_' (two trailing spaces allowed). */
const EMPHASISED_LINE = /^\s*(\*\*|__|\*|_)(?=\S)(.+?)\1\s*\\?$/u;

/** Plain text of markdown that is not a whole node (rare path: parse it alone). */
function markdownText(markdown: string): string {
  return collapseWhitespace(plainText(parseMarkdown(markdown).children));
}

/** Remove emphasis markers around a line to read its label ('**A:** x' → 'A: x'). */
function unwrap(line: string): string {
  return line.replace(/^\s*(\*\*|__|\*|_)\s*/u, '').replace(/\s*(\*\*|__|\*|_)\s*$/u, '');
}

/**
 * Read a paragraph as a question, if it is written as one.
 *
 * @param p The paragraph.
 * @param text Normalised document text.
 * @param topicSlug Topic the question sits under.
 * @returns The draft, or null when the paragraph is not a question.
 */
export function questionFromParagraph(p: Paragraph, text: string, topicSlug: string | null): QuestionDraft | null {
  const markdown = sliceNodes(text, [p]);
  const lines = markdown.split('\n');
  const firstLine = unwrap(lines[0] ?? '');
  const labelled = hasQuestionLabel(firstLine);
  const emphasised = isEmphasisOnly(p) && isQuestionLike(plainText([p]));
  // '**How do I X?**' on a line of its own, the answer on the lines below.
  const boldFirstLine =
    !emphasised && lines.length > 1 && EMPHASISED_LINE.test(lines[0] ?? '') && isQuestionLike(unwrap(lines[0] ?? ''));
  if (!labelled && !emphasised && !boldFirstLine) return null;

  // Where the question ends: at an 'A:' line, else after the first line that
  // ends with a question mark (the rest is a lazily continued answer).
  let split = lines.findIndex((line, i) => i > 0 && hasAnswerLabel(unwrap(line)));
  if (split === -1 && boldFirstLine) split = 1;
  if (split === -1 && labelled && lines.length > 1 && !emphasised) {
    const end = lines.findIndex((line) => /[?？]\s*(\*\*|__|\*|_)?\s*$/u.test(line));
    if (end !== -1 && end < lines.length - 1) split = end + 1;
  }
  const questionLines = split === -1 ? lines : lines.slice(0, split);
  const answerLines = split === -1 ? [] : lines.slice(split);
  let questionMarkdown = questionLines.map((l) => l.trimEnd()).join('\n');
  if (labelled) questionMarkdown = stripLabel(questionMarkdown, 'question');
  const questionText = split === -1 && !labelled ? collapseWhitespace(plainText([p])) : markdownText(questionMarkdown);
  if (questionText === '') return null;

  const content: AnswerInput[] = [];
  if (answerLines.length > 0) {
    const answerMarkdown = stripLabel(answerLines.join('\n').trim(), 'answer');
    if (answerMarkdown !== '')
      content.push({ type: 'faqMarkdown', markdown: answerMarkdown, line: startLine(p) + (split === -1 ? 0 : split) });
  }
  return {
    markdown: questionMarkdown,
    text: questionText,
    line: startLine(p),
    topicSlug,
    headNodes: [p],
    content,
    followUpOf: isFollowUp(questionText) ? 'previous' : null,
    origin: 'paragraph',
  };
}

/**
 * An answer paragraph: 'A: …' loses its label, anything else is kept whole.
 *
 * @param p The paragraph.
 * @param text Normalised document text.
 */
export function answerFromParagraph(p: Paragraph, text: string): AnswerInput {
  const markdown = sliceNodes(text, [p]);
  if (!hasAnswerLabel(unwrap(markdown.split('\n')[0] ?? ''))) return p;
  return { type: 'faqMarkdown', markdown: stripLabel(markdown, 'answer'), line: startLine(p) };
}

/**
 * Read a blockquote as a question when it holds one short question
 * paragraph ('> How do I …?'), the way some READMEs mark FAQ questions.
 *
 * @param quote The blockquote.
 * @param text Normalised document text.
 * @param topicSlug Topic the question sits under.
 */
export function questionFromBlockquote(
  quote: Blockquote,
  text: string,
  topicSlug: string | null,
): QuestionDraft | null {
  const only = quote.children.length === 1 ? quote.children[0] : undefined;
  if (only?.type !== 'paragraph') return null;
  const questionText = collapseWhitespace(plainText([only]));
  if (!isQuestionLike(questionText) || questionText.length > 300) return null;
  const markdown = sliceNodes(text, [only])
    .split('\n')
    .map((line) => line.replace(/^\s*>\s?/u, ''))
    .join('\n');
  return {
    markdown,
    text: questionText,
    line: startLine(quote),
    topicSlug,
    headNodes: [only],
    content: [],
    followUpOf: isFollowUp(questionText) ? 'previous' : null,
    origin: 'blockquote',
  };
}
