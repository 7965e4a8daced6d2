/**
 * Questions written as list items: '- Question?' with nested bullets as the
 * answer tree (the bundled course FAQ), numbered lists of questions, and
 * interview-question lists without answers. Also recognises tables of
 * contents (lists of in-page anchor links), which are never questions.
 */
import type { List, ListItem, Paragraph } from 'mdast';
import type { AnswerInput } from '../answers.js';
import { parseMarkdown } from '../markdown.js';
import { collapseWhitespace } from '../normalize.js';
import { plainText } from '../render.js';
import { sliceNodes, startLine } from '../source.js';
import type { QuestionDraft } from './draft.js';
import { answerFromParagraph } from './paragraphs.js';
import { hasQuestionLabel, isFollowUp, isQuestionLike, stripLabel } from './question-text.js';

function head(item: ListItem): Paragraph | null {
  const first = item.children[0];
  return first?.type === 'paragraph' ? first : null;
}

function headText(item: ListItem): string {
  const p = head(item);
  return p ? collapseWhitespace(plainText([p])) : '';
}

/** Whether an item's head reads as a question (on its first line at least), or is a statement answered below it. */
function itemIsQuestionLike(item: ListItem, text: string): boolean {
  const p = head(item);
  // An entry that is only a link ('[How it works](docs.md)') points elsewhere;
  // it is a menu or table-of-contents entry, not a question asked here.
  if (!p || isSingleLink(p)) return false;
  if (isQuestionLike(headText(item)) || isAnsweredStatement(item)) return true;
  const firstLine = sliceNodes(text, [p]).split('\n')[0] ?? '';
  return isQuestionLike(firstLine) && /[?？]\s*$/u.test(firstLine);
}

/**
 * Whether an item is a question written as a statement ('Pod가 자꾸
 * 재시작돼요.', 'kubectl apply 하면 에러가 납니다') with answer bullets
 * nested under it. Students ask that way as often as with '?'. An outline
 * ('- tree' / '  - binary tree') nests labels, not answers, and a line that
 * ends with ':' introduces its list rather than asking something.
 */
function isAnsweredStatement(item: ListItem): boolean {
  const t = headText(item);
  if (t.length > 200 || /[:：]$/u.test(t) || !isSentence(t, 4)) return false;
  return item.children
    .slice(1)
    .some((child) => child.type === 'list' && child.children.some((answer) => isSentence(headText(answer), 6)));
}

/**
 * Whether text reads as a sentence rather than a label ('binary tree',
 * '`const`', '간단한 scope 예시'): it ends like one, or has `words` words.
 */
function isSentence(text: string, words: number): boolean {
  if (text.length < 8) return false;
  return /[.!。！]$|[다요죠][.!]?$/u.test(text) || text.split(/\s+/u).length >= words;
}

/** Whether a paragraph is a single link (possibly in bold), nothing else. */
function isSingleLink(p: Paragraph): boolean {
  const kids = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const only = kids.length === 1 ? kids[0] : undefined;
  return (
    only?.type === 'link' ||
    (only?.type === 'strong' && only.children.length === 1 && only.children[0]?.type === 'link')
  );
}

/** Whether a paragraph is a single link to an anchor in the page ('[Q](#q)'). */
function isAnchorLink(p: Paragraph | null): boolean {
  if (!p) return false;
  const kids = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (kids.length !== 1) return false;
  const only = kids[0];
  const link =
    only?.type === 'link'
      ? only
      : only?.type === 'strong' && only.children.length === 1 && only.children[0]?.type === 'link'
        ? only.children[0]
        : null;
  return link !== null && link !== undefined && link.type === 'link' && link.url.startsWith('#');
}

/**
 * Whether a list is a table of contents: (nearly) every entry is a link to an
 * anchor in the same page, possibly grouped under plain labels.
 *
 * @param list The list.
 */
export function isTocList(list: List): boolean {
  let anchors = 0;
  let others = 0;
  const walk = (l: List): void => {
    for (const item of l.children) {
      const nested = item.children.filter((c): c is List => c.type === 'list');
      if (isAnchorLink(head(item))) anchors++;
      else if (nested.length === 0 || item.children.length > nested.length + 1) others++;
      for (const n of nested) walk(n);
    }
  };
  walk(list);
  return anchors > 0 && others <= anchors * 0.2;
}

/**
 * Read a list as questions, when most of its items are questions.
 *
 * @param list The list.
 * @param text Normalised document text.
 * @param topicSlug Topic the questions sit under.
 * @returns Drafts in document order (nested follow-up questions right after
 *   their parent), or null when the list is not a question list.
 */
export function questionsFromList(list: List, text: string, topicSlug: string | null): QuestionDraft[] | null {
  const items = list.children;
  const questionLike = items.filter((item) => itemIsQuestionLike(item, text)).length;
  if (questionLike === 0 || questionLike * 2 < items.length) return null;
  // Nested question bullets are follow-up questions only in a list that
  // answers nothing (an interview question bank). Where other questions have
  // real answers, a nested '- Did you check X?' is an answer given as a hint.
  const index = items.every((item) => item.children.slice(1).every((child) => isQuestionOnlyList(child, text)));
  const drafts: QuestionDraft[] = [];
  for (const item of items) {
    const draft = questionFromItem(item, text, topicSlug);
    if (!draft) {
      // An item without a paragraph head (e.g. only code) continues the answer above.
      drafts[drafts.length - 1]?.content.push(...item.children);
      continue;
    }
    drafts.push(draft);
    if (index) drafts.push(...followUps(draft, text, topicSlug));
  }
  return drafts;
}

/** Whether a node is a list of questions, each with nothing under it but more such lists. */
function isQuestionOnlyList(node: ListItem['children'][number], text: string): boolean {
  if (node.type !== 'list') return false;
  return node.children.every((item) => asks(item) && item.children.slice(1).every((c) => isQuestionOnlyList(c, text)));
}

/** A looser test for nested bullets: a question mark anywhere ('무엇인가요? argyle (…)') will do. */
function asks(item: ListItem): boolean {
  const t = headText(item);
  return t !== '' && (isQuestionLike(t) || /[?？]/u.test(t));
}

/**
 * When every nested bullet under a question is itself a question (interview
 * lists: '- What is X?' / '  - And Y?'), they are follow-up questions, not an
 * answer: move them out of the answer into their own drafts.
 */
function followUps(parent: QuestionDraft, text: string, topicSlug: string | null): QuestionDraft[] {
  const nested = parent.content.filter((c): c is List => c.type === 'list');
  if (nested.length === 0 || nested.length !== parent.content.length) return [];
  const items = nested.flatMap((l) => l.children);
  if (!items.every(asks)) return [];
  parent.content = [];
  const drafts: QuestionDraft[] = [];
  for (const item of items) {
    const draft = questionFromItem(item, text, topicSlug);
    if (!draft) continue;
    if (draft.followUpOf === null) draft.followUpOf = parent;
    drafts.push(draft, ...followUps(draft, text, topicSlug));
  }
  return drafts;
}

function questionFromItem(item: ListItem, text: string, topicSlug: string | null): QuestionDraft | null {
  const p = head(item);
  if (!p) return null;
  let markdown = sliceNodes(text, [p]);
  let questionText = collapseWhitespace(plainText([p]));
  const content: AnswerInput[] = item.children
    .slice(1)
    .map((c) => (c.type === 'paragraph' ? answerFromParagraph(c, text) : c));
  if (!isQuestionLike(questionText)) {
    // 'How do I X?\nDo Y.' — the answer continues the item's paragraph lazily.
    const lines = markdown.split('\n');
    const end = lines.findIndex((line) => /[?？]\s*$/u.test(line));
    if (end !== -1 && end < lines.length - 1) {
      markdown = lines.slice(0, end + 1).join('\n');
      questionText = collapseWhitespace(plainText(parseMarkdown(markdown).children));
      const answer = lines
        .slice(end + 1)
        .join('\n')
        .trim();
      content.unshift({ type: 'faqMarkdown', markdown: stripLabel(answer, 'answer'), line: startLine(p) + end + 1 });
    }
  }
  if (hasQuestionLabel(questionText)) {
    markdown = stripLabel(markdown, 'question');
    questionText = stripLabel(questionText, 'question');
  }
  if (questionText === '') return null;
  return {
    markdown,
    text: questionText,
    line: startLine(item),
    topicSlug,
    headNodes: [p],
    content,
    followUpOf: isFollowUp(questionText) ? 'previous' : null,
    origin: 'list',
  };
}
