/**
 * `<details>` blocks read as questions: the summary asks, the content
 * answers; a raw `<ul>` of questions inside is a list of follow-ups.
 */
import type { DetailsBlock } from '../blocks.js';
import { collapseWhitespace } from '../normalize.js';
import { htmlToText } from '../render.js';
import { startLine } from '../source.js';
import type { QuestionDraft } from './draft.js';
import { isFollowUp, isQuestionLike } from './question-text.js';

/** Summaries that reveal an answer rather than ask a question ('정답', 'Answer'). */
export const ANSWER_SUMMARY =
  /^(정답|답|답변|해설|풀이|answer|solution|show answer|hint|explanation|example|output|결과|코드|code)\b/iu;

/**
 * Read a `<details>` block as a question.
 *
 * @param block The block.
 * @param topicSlug Topic the question sits under.
 * @returns The draft, or null for an empty summary.
 */
export function detailsQuestion(block: DetailsBlock, topicSlug: string | null): QuestionDraft | null {
  const question = block.summary.replace(/^\s*(?:Q\s*)?\d+(?:\.\d+)*\s*[.):]\s+/iu, '');
  if (question === '') return null;
  return {
    markdown: question,
    text: collapseWhitespace(question),
    line: block.summaryLine,
    topicSlug,
    headNodes: [],
    content: [...block.children],
    followUpOf: isFollowUp(question) ? 'previous' : null,
    origin: 'details',
  };
}

/**
 * Follow-up questions written as a raw html list under a question:
 * `<ul><li>And then?</li>…</ul>` with every item phrased as a question.
 */
export function htmlListFollowUps(parent: QuestionDraft): QuestionDraft[] {
  const blocks = parent.content;
  if (blocks.length === 0 || !blocks.every((b) => b.type === 'html')) return [];
  const drafts: QuestionDraft[] = [];
  for (const block of blocks) {
    if (block.type !== 'html') return [];
    const value = block.value;
    // Anything besides list tags and items means this is prose, not a list of questions.
    if (
      value
        .replace(/<li\b[^>]*>[\s\S]*?(<\/li\s*>|(?=<li\b)|$)/gi, '')
        .replace(/<\/?(ul|ol)\b[^>]*>/gi, '')
        .trim() !== ''
    )
      return [];
    const item = /<li\b[^>]*>([\s\S]*?)(?:<\/li\s*>|(?=<li\b)|$)/gi;
    for (let match = item.exec(value); match; match = item.exec(value)) {
      const text = collapseWhitespace(htmlToText(match[1] ?? ''));
      if (text === '') continue;
      if (!isQuestionLike(text)) return [];
      drafts.push({
        markdown: text,
        text,
        line: startLine(block) + (value.slice(0, match.index).match(/\n/g)?.length ?? 0),
        topicSlug: parent.topicSlug,
        headNodes: [],
        content: [],
        followUpOf: parent,
        origin: 'details',
      });
      if (match[0].length === 0) item.lastIndex++;
    }
  }
  return drafts;
}
