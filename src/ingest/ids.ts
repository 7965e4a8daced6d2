/**
 * Stable ids. LMS integrations store question ids, so an id must survive
 * everything that is not a change of the question itself:
 *
 * - source id: slug of the path without extension (see slug.ts);
 * - question id: 'q_' + 16 hex digits (64 bits) of sha256 over the source id,
 *   the question's whitespace-collapsed plain text and its occurrence index
 *   among questions with identical text in that source. Reordering questions
 *   or editing an answer keeps the id; editing the question's wording gives a
 *   new one (it is a different question).
 * - answer id: 'a_' + 16 hex of sha256 over the question id and the node's path
 *   of sibling positions in the answer tree ('0', '2.1.0').
 * - snippet id: 's_' + 16 hex of sha256 over the question id and the snippet's
 *   position among the question's snippets.
 *
 * 64 bits keep ids short in URLs; for 10^6 questions the chance of any
 * collision is about 3·10^-8.
 */
import { createHash } from 'node:crypto';

/** Full sha256 hex digest of the given parts, joined with NUL separators. */
export function sha256Hex(...parts: string[]): string {
  const hash = createHash('sha256');
  parts.forEach((part, index) => {
    if (index > 0) hash.update('\u0000');
    hash.update(part);
  });
  return hash.digest('hex');
}

function shortId(prefix: string, parts: string[]): string {
  return prefix + sha256Hex(...parts).slice(0, 16);
}

/**
 * Id of a question.
 *
 * @param sourceId The document's source id.
 * @param questionText Whitespace-collapsed plain text of the question.
 * @param occurrence 0 for the first question with this text in the source,
 *   1 for the second, …
 */
export function questionId(sourceId: string, questionText: string, occurrence: number): string {
  return shortId('q_', [sourceId, questionText, String(occurrence)]);
}

/**
 * Id of an answer node.
 *
 * @param questionIdValue Id of the question the node answers.
 * @param path Sibling positions from the root of the answer tree, e.g. [2, 1].
 */
export function answerId(questionIdValue: string, path: readonly number[]): string {
  return shortId('a_', [questionIdValue, path.join('.')]);
}

/**
 * Id of a code snippet.
 *
 * @param questionIdValue Id of the question the snippet belongs to.
 * @param position Position among the question's snippets, from 0.
 */
export function snippetId(questionIdValue: string, position: number): string {
  return shortId('s_', [questionIdValue, String(position)]);
}
