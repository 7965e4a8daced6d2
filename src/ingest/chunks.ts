/**
 * Parse a long markdown document as a series of independent chunks and stitch
 * the trees back together, so that the result is the very tree a whole-document
 * parse gives (positions included).
 *
 * Why: micromark's time per list item grows with the length of the list it
 * sits in. A 500-question bullet FAQ (one top-level list with nested answers)
 * parses at ~0.15 MB/s here, the same text cut into ~8 KB pieces at ~1 MB/s.
 *
 * Where a document may be cut: before a line that starts in column 0 right
 * after a blank line. Nothing in CommonMark continues across such a boundary
 * except
 * - a fenced code block or an HTML block of kinds 1–5 (`<pre>`, `<!--`…) that
 *   is still open: such a block then runs into the chunk's trailing blank line,
 *   which `stitch` detects, and the chunk is grown to the next boundary;
 * - a list: an item in column 0 after a blank line continues the list above
 *   (same marker), so the two lists are merged back into one;
 * - YAML front matter (may hold blank lines and `- ` lines): never cut inside,
 *   and never before a `---` line, which would be read as front matter;
 * - link reference and footnote definitions, which apply to the whole
 *   document: a document that has any is parsed whole.
 */
import type { List, Nodes, Root, RootContent } from 'mdast';

/** A parser for one piece of text (the GFM-or-not choice stays per piece). */
export type ParseText = (text: string) => Root;

/** Below this many characters a document is parsed whole: chunking only pays on long lists. */
export const CHUNK_CHARS = 8_000;

/** A definition line (`[label]: url`, `[^note]: text`), also inside lists or quotes. */
const DEFINITION = /^[ \t>]*\[[^\]\n]+\]:/mu;
const BLANK = /^[ \t]*$/u;
const FRONT_MATTER_OPEN = /^---[ \t]*\n/u;
const FRONT_MATTER_CLOSE = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/u;

/**
 * Offsets where `text` may be cut (each the start of a column-0 line after a
 * blank line), roughly `size` characters apart. Empty when the document must
 * be parsed whole.
 */
export function cutPoints(text: string, size: number): number[] {
  if (text.length < size * 2 || DEFINITION.test(text)) return [];
  let from = 0;
  if (FRONT_MATTER_OPEN.test(text)) {
    const close = FRONT_MATTER_CLOSE.exec(text.slice(4));
    if (!close) return [];
    from = 4 + close.index + close[0].length;
  }
  const cuts: number[] = [];
  let chunkStart = 0;
  let previousBlank = false;
  let lineStart = from;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const first = text.charCodeAt(lineStart);
    const blank = lineEnd === lineStart || BLANK.test(text.slice(lineStart, lineEnd));
    // 32 space, 9 tab: the line must start in column 0 with content.
    // A chunk must not start with '---': at the start of a text the front
    // matter extension tries it as an opening fence, and when no closing
    // fence follows, lists after it parse as paragraphs.
    const cuttable = !blank && first !== 32 && first !== 9 && !text.startsWith('---', lineStart);
    if (previousBlank && cuttable && lineStart - chunkStart >= size) {
      cuts.push(lineStart);
      chunkStart = lineStart;
    }
    previousBlank = blank;
    lineStart = lineEnd + 1;
  }
  return cuts;
}

/**
 * Parse `text` chunk by chunk (see the module comment) and return the tree a
 * whole parse gives. Falls back to one parse when there is nowhere to cut.
 *
 * @param text Normalised markdown (LF line endings).
 * @param parse The parser for one piece.
 * @param size Target chunk length in characters.
 */
export function parseInChunks(text: string, parse: ParseText, size = CHUNK_CHARS): Root {
  const cuts = cutPoints(text, size);
  if (cuts.length === 0) return parse(text);
  cuts.push(text.length);

  const children: RootContent[] = [];
  let start = 0;
  let line = 1;
  let lastList: { node: List; marker: string } | null = null;
  let next = 0;
  while (start < text.length) {
    // Grow the chunk while its last block runs into the trailing blank line
    // (an unclosed fence or HTML block continues into the next chunk).
    let end = cuts[next]!;
    let root = parse(text.slice(start, end));
    while (end < text.length && runsToEnd(root, text, start, end)) {
      next += 1;
      end = cuts[next]!;
      root = parse(text.slice(start, end));
    }
    next += 1;
    shift(root, line - 1, start);
    for (const [index, node] of root.children.entries()) {
      const marker = node.type === 'list' ? listMarker(text, node) : '';
      if (
        index === 0 &&
        lastList &&
        node.type === 'list' &&
        marker === lastList.marker &&
        node.ordered === lastList.node.ordered
      ) {
        mergeLists(lastList.node, node);
        continue;
      }
      children.push(node);
      lastList = node.type === 'list' ? { node, marker } : null;
    }
    if (root.children.length === 0) lastList = null;
    line += countLines(text, start, end);
    start = end;
  }
  return {
    type: 'root',
    children,
    // `line` is now the number of the text's last line.
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: { line, column: text.length - text.lastIndexOf('\n'), offset: text.length },
    },
  };
}

/** Whether the chunk's last block reaches past its last non-blank line (so it was cut open). */
function runsToEnd(root: Root, text: string, start: number, end: number): boolean {
  const last = root.children.at(-1);
  const lastEnd = last?.position?.end.offset;
  if (lastEnd === undefined) return false;
  // The chunk ends "…content\n<blank line>\n": its content ends at the newline
  // before the blank line.
  const contentEnd = text.lastIndexOf('\n', text.lastIndexOf('\n', end - 1) - 1);
  return start + lastEnd > contentEnd;
}

/** The marker that decides whether two adjacent lists are one: '-', '*', '+', '.' or ')'. */
function listMarker(text: string, list: List): string {
  const offset = list.position?.start.offset ?? 0;
  if (!list.ordered) return text.charAt(offset);
  const match = /^\d{1,9}([.)])/u.exec(text.slice(offset, offset + 12));
  return match?.[1] ?? '';
}

/** Append `next`'s items to `list`; a blank line separated them, so the joined list is spread. */
function mergeLists(list: List, next: List): void {
  list.children.push(...next.children);
  list.spread = true;
  if (list.position && next.position) list.position.end = next.position.end;
}

/** Move every position in the tree `lines` lines and `offset` characters down the document. */
function shift(node: Nodes, lines: number, offset: number): void {
  if (node.position) {
    const { start, end } = node.position;
    node.position = {
      start: { line: start.line + lines, column: start.column, offset: (start.offset ?? 0) + offset },
      end: { line: end.line + lines, column: end.column, offset: (end.offset ?? 0) + offset },
    };
  }
  if ('children' in node) for (const child of node.children) shift(child, lines, offset);
}

function countLines(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n', start); index !== -1 && index < end; index = text.indexOf('\n', index + 1))
    count += 1;
  return count;
}
