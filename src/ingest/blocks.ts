/**
 * The block sequence the shape detectors walk: the document's top-level mdast
 * nodes, with three things a human reader sees that CommonMark does not:
 *
 * - `<details><summary>Q</summary> … </details>` becomes one `faqDetails`
 *   block whose inner content is parsed as markdown (CommonMark splits it
 *   into loose html fragments and markdown blocks at every blank line);
 * - raw `<h3>Question</h3>` html blocks become headings;
 * - a one-line paragraph like '###Title' (no space after the hashes)
 *   becomes a heading.
 *
 * Reference-style links and images are resolved to plain links/images here
 * too, so that extraction and rendering see one kind of link.
 */
import type { Definition, Heading, Nodes, Parent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseMarkdown } from './markdown.js';
import { htmlToText } from './render.js';
import { endOffset, startLine, startOffset } from './source.js';

/** A `<details>` element read as one block: summary plus markdown content. */
export interface DetailsBlock {
  type: 'faqDetails';
  /** Summary text with tags stripped. */
  summary: string;
  /** Line of the `<summary>` (or of `<details>` when there is none). */
  summaryLine: number;
  children: Block[];
  position: NonNullable<RootContent['position']>;
}

/** A block as the shape detectors see it. */
export type Block = RootContent | DetailsBlock;

/** Markdown of a heading that was synthesised from html or a malformed line. */
export interface SyntheticHeadingData {
  faqMarkdown?: string;
}

/**
 * Build the block sequence for a parsed document.
 *
 * @param root The document's mdast root (its link references are resolved in place).
 * @param text The normalised text the root was parsed from.
 * @returns Top-level blocks, front matter and definitions removed.
 */
export function documentBlocks(root: Root, text: string): Block[] {
  const definitions = collectDefinitions(root);
  resolveReferences(root, definitions);
  return toBlocks(root.children, text, definitions);
}

/** Containers whose children are blocks; definitions only ever sit in these. */
const BLOCK_CONTAINERS = new Set(['root', 'list', 'listItem', 'blockquote', 'footnoteDefinition']);

function collectDefinitions(root: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  // Definitions are blocks, so only block containers are searched: walking
  // every phrasing node of a 100k-question corpus would cost real time.
  const walk = (node: Nodes): void => {
    if (node.type === 'definition') {
      const key = normalizeIdentifier(node.identifier);
      // CommonMark: the first definition of a label wins.
      if (!definitions.has(key)) definitions.set(key, node);
      return;
    }
    if (BLOCK_CONTAINERS.has(node.type) && 'children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(root);
  return definitions;
}

function normalizeIdentifier(identifier: string): string {
  return identifier.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Replace linkReference/imageReference nodes that have a definition by link/image nodes. */
/**
 * The definition each resolved link or image came from. Answer markdown is
 * sliced from the text, so '[driver]' alone would dangle: answers.ts appends
 * the definitions a node uses to its markdown.
 */
export const referenceDefinitions = new WeakMap<Nodes, Definition>();

function resolveReferences(tree: Parent, definitions: Map<string, Definition>): void {
  if (definitions.size === 0) return;
  visit(tree, (visited, index, parent) => {
    if (!parent || index === undefined) return;
    const node = visited as Nodes;
    if (node.type === 'linkReference') {
      const def = definitions.get(normalizeIdentifier(node.identifier));
      if (!def) return;
      const link: Nodes = {
        type: 'link',
        url: def.url,
        title: def.title ?? null,
        children: node.children,
        position: node.position,
      };
      referenceDefinitions.set(link, def);
      parent.children[index] = link as never;
    } else if (node.type === 'imageReference') {
      const def = definitions.get(normalizeIdentifier(node.identifier));
      if (!def) return;
      const image: Nodes = {
        type: 'image',
        url: def.url,
        title: def.title ?? null,
        alt: node.alt ?? '',
        position: node.position,
      };
      referenceDefinitions.set(image, def);
      parent.children[index] = image as never;
    }
  });
}

const DETAILS_OPEN = /<details\b/gi;
const DETAILS_CLOSE = /<\/details\s*>/gi;
const HTML_HEADING = /^\s*<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>\s*$/i;
const MALFORMED_HEADING = /^(#{2,6})([^#\s].*)$/u;

function countMatches(re: RegExp, value: string): number {
  return value.match(re)?.length ?? 0;
}

function stripComments(value: string): string {
  return value.replace(/<!--[\s\S]*?-->/g, '');
}

function toBlocks(nodes: readonly RootContent[], text: string, definitions: Map<string, Definition>): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (!node || node.type === 'yaml' || node.type === 'definition') continue;
    if (node.type === 'html') {
      const value = stripComments(node.value);
      if (/^\s*<details\b/i.test(value)) {
        const j = detailsEnd(nodes, i, value);
        const last = nodes[j] ?? node;
        out.push(detailsBlock(text, startOffset(node), endOffset(last), node, last, definitions));
        i = j;
        continue;
      }
      const heading = HTML_HEADING.exec(value);
      if (heading) {
        const title = htmlToText(heading[2] ?? '')
          .replace(/\s+/g, ' ')
          .trim();
        if (title !== '') {
          out.push(syntheticHeading(Number(heading[1]), title, node));
          continue;
        }
      }
    }
    if (node.type === 'paragraph' && node.children.length === 1 && node.children[0]?.type === 'text') {
      const match = MALFORMED_HEADING.exec(node.children[0].value);
      if (match && !node.children[0].value.includes('\n')) {
        out.push(syntheticHeading(match[1]?.length ?? 2, (match[2] ?? '').trim(), node));
        continue;
      }
    }
    out.push(node);
  }
  return out;
}

/**
 * Index of the block that closes the `<details>` opened at `start`: the html
 * fragment that brings the nesting depth back to zero (markdown blocks in
 * between, headings included, are its content). An element that is never
 * closed ends before the next heading, where a reader would stop reading it.
 */
function detailsEnd(nodes: readonly RootContent[], start: number, value: string): number {
  let depth = countMatches(DETAILS_OPEN, value) - countMatches(DETAILS_CLOSE, value);
  let firstHeading = -1;
  for (let j = start + 1; depth > 0 && j < nodes.length; j++) {
    const next = nodes[j];
    if (next?.type === 'heading' && firstHeading === -1) firstHeading = j;
    if (next?.type !== 'html') continue;
    const v = stripComments(next.value);
    depth += countMatches(DETAILS_OPEN, v) - countMatches(DETAILS_CLOSE, v);
    if (depth <= 0) return j;
  }
  if (depth <= 0) return start;
  return firstHeading === -1 ? nodes.length - 1 : firstHeading - 1;
}

function syntheticHeading(depth: number, title: string, from: RootContent): Heading {
  const data: SyntheticHeadingData = { faqMarkdown: title };
  return {
    type: 'heading',
    depth: Math.min(6, Math.max(1, depth)) as Heading['depth'],
    children: [{ type: 'text', value: title, position: from.position }],
    position: from.position,
    data: data as Heading['data'],
  };
}

function detailsBlock(
  text: string,
  start: number,
  end: number,
  first: RootContent,
  last: RootContent,
  definitions: Map<string, Definition>,
): DetailsBlock {
  const raw = text.slice(start, end);
  const summary = /<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/i.exec(raw);
  const open = /<details\b[^>]*>/i.exec(raw);
  const innerStart = summary ? summary.index + summary[0].length : open ? open.index + open[0].length : 0;
  const closeAt = raw.search(/<\/details\s*>\s*$/i);
  const innerEnd = closeAt >= innerStart ? closeAt : raw.length;
  const firstLine = startLine(first);
  const lineAt = (offset: number): number => firstLine + countNewlines(raw, offset);
  const inner = raw.slice(innerStart, innerEnd);
  const innerRoot = parseMarkdown(inner);
  shiftPositions(innerRoot, start + innerStart, lineAt(innerStart) - 1);
  resolveReferences(innerRoot, definitions);
  return {
    type: 'faqDetails',
    summary: summary
      ? htmlToText(summary[1] ?? '')
          .replace(/\s+/g, ' ')
          .trim()
      : '',
    summaryLine: summary ? lineAt(summary.index) : firstLine,
    children: toBlocks(innerRoot.children, text, definitions),
    position: {
      start: first.position?.start ?? { line: 1, column: 1, offset: start },
      end: last.position?.end ?? { line: 1, column: 1, offset: end },
    },
  };
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Move every position in a sub-tree parsed from a slice back into document coordinates. */
function shiftPositions(tree: Nodes, offset: number, lines: number): void {
  visit(tree, (node) => {
    const position = node.position;
    if (!position) return;
    position.start = {
      ...position.start,
      line: position.start.line + lines,
      offset: (position.start.offset ?? 0) + offset,
    };
    position.end = { ...position.end, line: position.end.line + lines, offset: (position.end.offset ?? 0) + offset };
  });
}
