/**
 * The search index input of a parsed document, computed where the document
 * is parsed (in the seed's worker threads) so that the one thread that
 * writes the database only inserts it.
 */
import type { AnswerNode, FaqDocument, FaqQuestion } from '../ingest/model.js';
import { questionTerms, type QuestionTerms, type QuestionTexts } from '../search/index-build.js';
import type { SynonymTagger } from '../search/synonym-tokens.js';

/** A question's texts in the order the search index reads them from the database (SearchIndexBuilder.finish). */
export function questionTexts(question: FaqQuestion): QuestionTexts {
  const nodes: { text: string; line: number; depth: number; position: number }[] = [];
  const walk = (children: AnswerNode[], depth: number): void => {
    children.forEach((node, position) => {
      nodes.push({ text: node.text, line: node.line, depth, position });
      walk(node.children, depth + 1);
    });
  };
  walk(question.answers, 0);
  // Same order as `ORDER BY line, depth, position` (a stable sort keeps the
  // tree order for ties, as the database's insertion order does).
  nodes.sort((a, b) => a.line - b.line || a.depth - b.depth || a.position - b.position);
  return {
    question: question.question,
    answers: nodes.map((node) => node.text),
    codes: question.snippets.map((snippet) => snippet.code),
  };
}

/** Index terms of every question of `doc`, by question id. */
export function documentTerms(doc: FaqDocument, tagger: SynonymTagger): [string, QuestionTerms][] {
  return doc.questions.map((question) => [question.id, questionTerms(questionTexts(question), tagger)]);
}
