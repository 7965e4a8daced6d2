/**
 * Answer HTML and plain text, produced from mdast nodes that are already
 * parsed (no re-parsing per answer node). HTML is sanitised with the GitHub
 * schema (rehype-sanitize defaults), so the API can hand it to a browser.
 */
import type { Nodes as MdastNodes, Root, RootContent } from 'mdast';
import type { Root as HastRoot } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { toString } from 'mdast-util-to-string';
import { unified } from 'unified';
import { parseMarkdown } from './markdown.js';

// Two pipelines, each built once. Raw HTML inside markdown needs rehype-raw
// (parse5 re-parses the whole tree, which is slow), so it only runs for the
// few nodes that actually contain an `html` node.
const plainPipeline = unified().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();
const rawPipeline = unified()
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize)
  .use(rehypeStringify)
  .freeze();

function containsHtml(node: MdastNodes): boolean {
  if (node.type === 'html') return true;
  return 'children' in node && node.children.some((child) => containsHtml(child as MdastNodes));
}

/**
 * Render mdast block nodes to sanitised HTML.
 *
 * @param nodes Block (or phrasing) nodes of one answer node; not modified.
 * @returns The HTML string ('' for no nodes).
 */
export function renderHtml(nodes: readonly RootContent[]): string {
  if (nodes.length === 0) return '';
  const fast = nodes.length === 1 && nodes[0] ? fastParagraph(nodes[0]) : null;
  if (fast !== null) return fast;
  return renderWithPipeline(nodes);
}

/**
 * Render through remark-rehype, rehype-sanitize and rehype-stringify.
 * Exported so tests can check the fast path against it.
 */
export function renderWithPipeline(nodes: readonly RootContent[]): string {
  if (nodes.length === 0) return '';
  const root: Root = { type: 'root', children: [...nodes] };
  const pipeline = nodes.some(containsHtml) ? rawPipeline : plainPipeline;
  const hast = pipeline.runSync(root) as HastRoot;
  return pipeline.stringify(hast).trim();
}

// Most answer nodes are one paragraph of text with a little bold or code.
// Building hast, sanitising and stringifying it for each of them is most of
// the rendering time, and the result is fixed: so it is written directly.
// Anything else (links, images, html, tables…) takes the full pipeline.
const FAST_TAGS: Record<string, string> = { strong: 'strong', emphasis: 'em', delete: 'del' };

function fastParagraph(node: RootContent): string | null {
  if (node.type !== 'paragraph') return null;
  const inner = fastPhrasing(node.children);
  return inner === null ? null : `<p>${inner}</p>`;
}

function fastPhrasing(children: readonly RootContent[]): string | null {
  let out = '';
  for (const child of children) {
    // Same whitespace rules as mdast-util-to-hast: text lines are trimmed
    // around line endings, inline code turns line endings into spaces.
    if (child.type === 'text') out += escapeHtml(child.value.replace(/[ \t]*(\r?\n|\r)[ \t]*/g, '$1'));
    else if (child.type === 'inlineCode') out += `<code>${escapeHtml(child.value.replace(/\r?\n|\r/g, ' '))}</code>`;
    else if (child.type === 'break') out += '<br>\n';
    else if (child.type === 'strong' || child.type === 'emphasis' || child.type === 'delete') {
      const inner = fastPhrasing(child.children);
      if (inner === null) return null;
      const tag = FAST_TAGS[child.type];
      out += `<${tag}>${inner}</${tag}>`;
    } else if (
      child.type === 'link' &&
      SIMPLE_URL.test(child.url) &&
      (child.title == null || SIMPLE_TITLE.test(child.title))
    ) {
      // Plain http(s) URLs pass the sanitiser and URI normalisation unchanged.
      const inner = fastPhrasing(child.children);
      if (inner === null) return null;
      const title = child.title == null ? '' : ` title="${child.title}"`;
      out += `<a href="${child.url}"${title}>${inner}</a>`;
    } else return null;
  }
  return out;
}

/** URLs that normalisation, sanitising and attribute escaping all leave as they are. */
const SIMPLE_URL = /^https?:\/\/[A-Za-z0-9\-._~:/?#@!$()*+,;=%]+$/u;
const SIMPLE_TITLE = /^[^"&<>\n]*$/u;

/** Escape text the way hast-util-to-html does for text nodes. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;');
}

/**
 * Render a markdown string to sanitised HTML. Used only where an answer's
 * markdown does not map to whole mdast nodes (e.g. the answer half of a
 * 'Q: …  A: …' paragraph), so the extra parse stays rare.
 *
 * @param markdown Markdown text.
 * @returns The HTML string.
 */
export function renderMarkdownHtml(markdown: string): string {
  return renderHtml(parseMarkdown(markdown).children);
}

const TAG = /<[^>]*>/g;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/**
 * Visible text of a raw HTML fragment: tags dropped, the common entities
 * decoded, whitespace collapsed. Good enough for search text; the HTML that
 * is shown comes from the sanitiser, not from here.
 *
 * @param html Raw HTML.
 * @returns Its text.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(TAG, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** Nodes whose children are blocks (joined by newlines); all others hold phrasing. */
const BLOCK_PARENTS = new Set(['root', 'list', 'listItem', 'blockquote', 'table', 'footnoteDefinition']);

/**
 * Plain text of mdast nodes: like mdast-util-to-string, but block nodes are
 * separated by newlines, hard breaks become newlines, raw HTML contributes its
 * visible text, and images their alt text.
 *
 * @param nodes Nodes to read.
 * @returns Trimmed plain text.
 */
export function plainText(nodes: readonly MdastNodes[]): string {
  const parts: string[] = [];
  for (const node of nodes) parts.push(nodeText(node, false));
  return parts
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function nodeText(node: MdastNodes, inline: boolean): string {
  switch (node.type) {
    case 'html':
      // Inside a paragraph, '<code>' is markup around words: drop the tags
      // but keep the spacing around them exactly.
      return inline ? node.value.replace(/<br\s*\/?>/gi, '\n').replace(TAG, '') : htmlToText(node.value);
    case 'break':
      return '\n';
    case 'code':
      return node.value;
    case 'image':
      return node.alt ?? '';
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
      return '';
    case 'tableRow':
      return node.children.map((cell) => nodeText(cell, true).replace(/\n/g, ' ')).join(' | ');
    default:
      break;
  }
  if (!('children' in node)) return toString(node, { includeHtml: false });
  const children = node.children as MdastNodes[];
  const block = BLOCK_PARENTS.has(node.type);
  return children.map((child) => nodeText(child, !block)).join(block ? '\n' : '');
}
