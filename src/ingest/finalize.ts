/**
 * The last step of parsing: ids, answer trees and hashes once every question
 * of the document is known, plus the checks that need the whole result.
 */
import { buildAnswers, questionLinks, withDefinitions } from './answers.js';
import { questionId, sha256Hex } from './ids.js';
import type { AnswerNode, FaqDocument, FaqQuestion, FaqTopic, ParseWarning } from './model.js';
import type { QuestionDraft } from './shapes/draft.js';

/**
 * Ids, answer trees and hashes, once every question of the document is known.
 *
 * @param drafts Questions in document order.
 * @param sourceId The document's source id.
 * @param text Normalised document text.
 */
export function finalize(drafts: readonly QuestionDraft[], sourceId: string, text: string): FaqQuestion[] {
  const occurrences = new Map<string, number>();
  const ids = new Map<QuestionDraft, string>();
  for (const draft of drafts) {
    const occurrence = occurrences.get(draft.text) ?? 0;
    occurrences.set(draft.text, occurrence + 1);
    ids.set(draft, questionId(sourceId, draft.text, occurrence));
  }
  return drafts.map((draft, index) => {
    const id = ids.get(draft) ?? '';
    const built = buildAnswers(text, id, draft.content);
    const own = draft.headNodes.length > 0 ? questionLinks(draft.headNodes) : { links: [], images: [] };
    const previous = index > 0 ? drafts[index - 1] : undefined;
    const parent = draft.followUpOf === 'previous' ? previous : (draft.followUpOf ?? undefined);
    const markdown = withDefinitions(text, draft.markdown, draft.headNodes);
    return {
      id,
      question: draft.text,
      markdown,
      line: draft.line,
      topicSlug: draft.topicSlug,
      followUpOf: parent ? (ids.get(parent) ?? null) : null,
      answers: built.answers,
      snippets: built.snippets,
      links: [...own.links, ...built.links],
      images: [...own.images, ...built.images],
      contentHash: questionHash(markdown, built.answers, built.snippets),
    };
  });
}

/**
 * Hash of what a reader sees of a question: its markdown, the answer tree
 * (markdown and depth) and snippet code. Positions and line numbers are left
 * out, so moving a question does not count as changing it.
 */
function questionHash(markdown: string, answers: readonly AnswerNode[], snippets: FaqQuestion['snippets']): string {
  const parts: string[] = ['q', markdown];
  const walk = (nodes: readonly AnswerNode[], depth: number): void => {
    for (const node of nodes) {
      parts.push(`a${depth}`, node.markdown);
      walk(node.children, depth + 1);
    }
  };
  walk(answers, 0);
  for (const snippet of snippets) parts.push('s', snippet.language ?? '', snippet.code);
  return sha256Hex(...parts);
}

/** One warning per empty answer, or a single summary when there are many. */
export function emptyAnswerWarnings(questions: readonly FaqQuestion[], file: string): ParseWarning[] {
  const empty = questions.filter((q) => q.answers.length === 0 && q.snippets.length === 0 && q.images.length === 0);
  if (empty.length === 0) return [];
  if (empty.length <= 3) {
    return empty.map((q) => ({
      file,
      line: q.line,
      code: 'FAQ_WARN_EMPTY_ANSWER',
      message: `question has no answer: "${truncate(q.question)}"`,
    }));
  }
  const first = empty[0] as FaqQuestion;
  const lines = empty
    .slice(0, 10)
    .map((q) => q.line)
    .join(', ');
  return [
    {
      file,
      line: first.line,
      code: 'FAQ_WARN_EMPTY_ANSWER',
      message: `${empty.length} of ${questions.length} questions have no answer (lines ${lines}${empty.length > 10 ? ', …' : ''})`,
    },
  ];
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Topics worth listing: those holding a question, a topic image or a
 * description, and their ancestors. A README's 'Installation' heading above
 * the FAQ is not a topic.
 */
export function usedTopics(
  topics: readonly FaqTopic[],
  questions: readonly FaqQuestion[],
  images: FaqDocument['topicImages'],
): FaqTopic[] {
  const used = new Set<string>();
  for (const q of questions) if (q.topicSlug) used.add(q.topicSlug);
  for (const i of images) if (i.topicSlug) used.add(i.topicSlug);
  for (const t of topics) if (t.description) used.add(t.slug);
  const parents = new Map(topics.map((t) => [t.slug, t.parentSlug]));
  for (const slug of [...used]) {
    for (let p = parents.get(slug); p; p = parents.get(p)) used.add(p);
  }
  return topics.filter((t) => used.has(t.slug));
}
