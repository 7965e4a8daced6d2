/**
 * Turning a question's answer content (mdast blocks) into the answer tree,
 * code snippets, links and images of the model.
 *
 * - one answer node per top-level block; a list contributes one node per
 *   item, and nested items become child nodes (the tree is kept, never
 *   flattened);
 * - a node's markdown is its own content without its children, dedented;
 * - fenced and indented code blocks become snippets of the question, with the
 *   answer node they sit in (null at the top level, e.g. a fence that
 *   follows the answer list);
 * - `<details>` inside an answer becomes a node whose children are its content.
 */
import { decodeHTMLAttribute } from 'entities';
import type { Code, Definition, ListItem, Nodes, RootContent } from 'mdast';
import { referenceDefinitions, type Block, type DetailsBlock } from './blocks.js';
import { answerId as makeAnswerId, snippetId } from './ids.js';
import type { AnswerNode, FaqImage, FaqLink, FaqSnippet } from './model.js';
import { collapseWhitespace } from './normalize.js';
import { htmlToText, plainText, renderHtml, renderMarkdownHtml } from './render.js';
import { sliceNodes, startLine } from './source.js';

/** Answer content that is not a whole mdast node (e.g. the 'A: …' half of a paragraph). */
export interface MarkdownPiece {
  type: 'faqMarkdown';
  markdown: string;
  line: number;
}

/** One item of a question's answer content. */
export type AnswerInput = Block | MarkdownPiece;

/** Everything that hangs off one question. */
export interface BuiltAnswers {
  answers: AnswerNode[];
  snippets: FaqSnippet[];
  links: FaqLink[];
  images: FaqImage[];
}

interface BuildState {
  text: string;
  questionId: string;
  snippets: FaqSnippet[];
  links: FaqLink[];
  images: FaqImage[];
}

/**
 * Build a question's answer tree and attachments.
 *
 * @param text Normalised document text (markdown is sliced from it).
 * @param questionId Id of the question (answer and snippet ids derive from it).
 * @param content The answer blocks, in document order.
 * @returns Answer nodes, snippets, links and images.
 */
export function buildAnswers(text: string, questionId: string, content: readonly AnswerInput[]): BuiltAnswers {
  const state: BuildState = { text, questionId, snippets: [], links: [], images: [] };
  const answers = buildNodes(state, content, [], null);
  return { answers, snippets: state.snippets, links: state.links, images: state.images };
}

function buildNodes(
  state: BuildState,
  blocks: readonly AnswerInput[],
  parentPath: number[],
  parentId: string | null,
): AnswerNode[] {
  const nodes: AnswerNode[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'list':
        for (const item of block.children) nodes.push(itemNode(state, item, [...parentPath, nodes.length]));
        break;
      case 'code':
        addSnippet(state, block, parentId);
        break;
      case 'faqDetails':
        nodes.push(detailsNode(state, block, [...parentPath, nodes.length]));
        break;
      case 'faqMarkdown':
        nodes.push(markdownNode(state, block, [...parentPath, nodes.length]));
        break;
      case 'thematicBreak':
      case 'definition':
      case 'yaml':
        break;
      case 'html':
        if (isEmptyHtml(block.value)) break;
        nodes.push(blockNode(state, [block], [...parentPath, nodes.length]));
        break;
      default:
        nodes.push(blockNode(state, [block], [...parentPath, nodes.length]));
    }
  }
  return nodes;
}

/** Html that shows nothing: bare tags like '<p>', '</div>', '<br><br>', comments. */
export function isEmptyHtml(value: string): boolean {
  return htmlToText(value) === '' && !/<(img|video|iframe|hr|table)\b/i.test(value);
}

function newNode(
  state: BuildState,
  path: number[],
  line: number,
  markdown: string,
  own: readonly RootContent[],
): AnswerNode {
  const id = makeAnswerId(state.questionId, path);
  markdown = withDefinitions(state.text, markdown, own);
  collectLinks(state, own, id);
  // Code nested in the node's own content (an error message quoted as
  // '>     ERROR: …') stays in its markdown and is a snippet of the question too.
  for (const node of own) collectNestedCode(state, node, id);
  return { id, markdown, text: plainText(own), html: renderHtml(own), line, children: [] };
}

function blockNode(state: BuildState, own: RootContent[], path: number[]): AnswerNode {
  const first = own[0];
  return newNode(state, path, first ? startLine(first) : 1, sliceNodes(state.text, own), own);
}

function markdownNode(state: BuildState, piece: MarkdownPiece, path: number[]): AnswerNode {
  const id = makeAnswerId(state.questionId, path);
  // Rare path: the piece is part of a paragraph, so it is parsed on its own.
  const html = renderMarkdownHtml(piece.markdown);
  return { id, markdown: piece.markdown, text: htmlToText(html), html, line: piece.line, children: [] };
}

function itemNode(state: BuildState, item: ListItem, path: number[]): AnswerNode {
  // The item's own content is everything but nested lists (its children in
  // the tree) and code blocks (its snippets); contiguous runs are sliced as
  // written so the markdown stays byte-for-byte what the author typed.
  const runs: RootContent[][] = [];
  let run: RootContent[] = [];
  const rest: RootContent[] = [];
  for (const child of item.children) {
    if (child.type === 'list' || child.type === 'code') {
      if (run.length > 0) runs.push(run);
      run = [];
      rest.push(child);
    } else {
      run.push(child);
    }
  }
  if (run.length > 0) runs.push(run);
  const own = runs.flat();
  const markdown = runs.map((r) => sliceNodes(state.text, r)).join('\n\n');
  const node = newNode(state, path, startLine(item), withCheckbox(item, markdown), own);
  node.children = buildNodes(state, rest, path, node.id);
  return node;
}

/**
 * Append the link reference definitions that some nodes use, as written, so
 * that '[the guide][g]' in an answer's markdown still renders on its own.
 *
 * @param text Normalised document text.
 * @param markdown The nodes' markdown.
 * @param nodes The nodes.
 */
export function withDefinitions(text: string, markdown: string, nodes: readonly Nodes[]): string {
  const used: Definition[] = [];
  const walk = (node: Nodes): void => {
    const def = referenceDefinitions.get(node);
    if (def && !used.includes(def)) used.push(def);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  for (const node of nodes) walk(node);
  if (used.length === 0) return markdown;
  return `${markdown}\n\n${used.map((def) => sliceNodes(text, [def])).join('\n')}`;
}

/** Keep a GFM task checkbox ('[x] done') visible in the item's markdown. */
function withCheckbox(item: ListItem, markdown: string): string {
  if (item.checked === true) return `[x] ${markdown}`;
  if (item.checked === false) return `[ ] ${markdown}`;
  return markdown;
}

function detailsNode(state: BuildState, details: DetailsBlock, path: number[]): AnswerNode {
  const id = makeAnswerId(state.questionId, path);
  const markdown = details.summary;
  const node: AnswerNode = {
    id,
    markdown,
    text: markdown,
    html: markdown === '' ? '' : renderMarkdownHtml(escapeMarkdown(markdown)),
    line: details.summaryLine,
    children: [],
  };
  node.children = buildNodes(state, details.children, path, id);
  return node;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`);
}

function collectNestedCode(state: BuildState, node: Nodes, answerId: string): void {
  if (!('children' in node)) return;
  for (const child of node.children as Nodes[]) {
    if (child.type === 'code') addSnippet(state, child, answerId);
    else if (child.type === 'blockquote' || child.type === 'list' || child.type === 'listItem')
      collectNestedCode(state, child, answerId);
  }
}

function addSnippet(state: BuildState, code: Code, answerId: string | null): void {
  const position = state.snippets.length;
  const language = code.lang ? code.lang.split(/[\s{,]/u)[0]?.toLowerCase() || null : null;
  state.snippets.push({
    id: snippetId(state.questionId, position),
    language,
    code: code.value,
    line: startLine(code),
    answerId,
  });
}

/**
 * Record the links and images inside some nodes.
 *
 * @param state Where to record them.
 * @param nodes Nodes to search (code is never searched).
 * @param answerId The answer node they sit in; null for the question itself.
 */
function collectLinks(
  state: Pick<BuildState, 'links' | 'images'>,
  nodes: readonly Nodes[],
  answerId: string | null,
): void {
  // A hand-written walk: unist-util-visit's generality costs measurable time
  // at 100k questions, and only parents and three leaf types matter here.
  const walk = (child: Nodes): void => {
    if (child.type === 'link') {
      const label = collapseWhitespace(plainText(child.children));
      state.links.push({
        url: child.url,
        // An autolink ('<https://…>', a bare URL) shows its URL: it has no label.
        text: label === child.url || `mailto:${label}` === child.url || `http://${label}` === child.url ? '' : label,
        title: child.title ?? null,
        line: startLine(child),
        answerId,
      });
    } else if (child.type === 'image') {
      state.images.push({
        url: child.url,
        alt: child.alt ?? '',
        title: child.title ?? null,
        line: startLine(child),
        answerId,
      });
    } else if (child.type === 'html') {
      for (const image of htmlImages(child.value, startLine(child))) state.images.push({ ...image, answerId });
    }
    if ('children' in child) for (const grandchild of child.children) walk(grandchild as Nodes);
  };
  for (const node of nodes) walk(node);
}

/** `<img src="…" alt="…">` tags inside raw html. */
function htmlImages(html: string, line: number): Omit<FaqImage, 'answerId'>[] {
  const images: Omit<FaqImage, 'answerId'>[] = [];
  const tag = /<img\b[^>]*>/gi;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    const attrs = match[0];
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
    const url = src?.[1] ?? src?.[2] ?? src?.[3];
    if (!url) continue;
    const alt = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attrs);
    const title = /\btitle\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attrs);
    const titleText = title?.[1] ?? title?.[2];
    // Attribute values as a browser reads them: '&colon;' is ':' (so a
    // 'javascript&colon;' URL is seen for what it is).
    images.push({
      url: decodeHTMLAttribute(url),
      alt: decodeHTMLAttribute(alt?.[1] ?? alt?.[2] ?? ''),
      title: titleText === undefined ? null : decodeHTMLAttribute(titleText),
      line: line + countNewlines(html.slice(0, match.index)),
    });
  }
  return images;
}

function countNewlines(text: string): number {
  let count = 0;
  for (const ch of text) if (ch === '\n') count++;
  return count;
}

/**
 * Links and images of a question's own text (answerId null).
 *
 * @param nodes The nodes that make up the question as written.
 */
export function questionLinks(nodes: readonly Nodes[]): Pick<BuiltAnswers, 'links' | 'images'> {
  const state = { links: [] as FaqLink[], images: [] as FaqImage[] };
  collectLinks(state, nodes, null);
  return state;
}

/**
 * Images of topic-level content (outside any question).
 *
 * @param nodes Blocks to search.
 */
export function topicLevelImages(nodes: readonly Nodes[]): FaqImage[] {
  return questionLinks(nodes).images;
}
