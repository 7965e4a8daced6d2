/**
 * Parse a long markdown document as a series of independent chunks and stitch
 * the trees back together, so that the result is the very tree a whole-document
 * parse gives (positions included).
 *
 * Why: micromark's time per list item grows with the length of the list it
 * sits in (each closed item copies the document's event list so far), so a
 * long list costs quadratic time and memory: 10,000 questions in one tight
 * list took minutes. Cut into ~8 KB pieces, every list is short.
 *
 * Where a document may be cut: before a line that starts in column 0 right
 * after a blank line, or before a column-0 list item line that directly
 * follows a list (a tight list: no blank line between its items). Nothing in
 * CommonMark continues across such a boundary except
 * - a fenced code block or an HTML block of kinds 1–5 (`<pre>`, `<!--`…) that
 *   is still open: such a block then runs into the chunk's trailing blank line,
 *   which `stitch` detects, and the chunk is grown to the next boundary;
 * - at a tight cut, anything but a list before it (an HTML block, a paragraph
 *   the item line would not interrupt): the chunk is grown likewise;
 * - a list: an item in column 0 continues the list above (same marker), so
 *   the two lists are merged back into one (loose when a blank line
 *   separated them);
 * - YAML front matter (may hold blank lines and `- ` lines): never cut inside,
 *   and never before a `---` line, which would be read as front matter;
 * - link reference and footnote definitions, which apply to the whole
 *   document: once every chunk is parsed, the definitions are collected, and
 *   a chunk whose text names a label defined in another chunk is parsed again
 *   with a stub definition of that label after its end (a reference only
 *   needs its label to be defined; the stubs are dropped again).
 */
import type { List, Nodes, Root, RootContent } from 'mdast';

/** A parser for one piece of text (the GFM-or-not choice stays per piece). */
export type ParseText = (text: string) => Root;

/** Below this many characters a document is parsed whole: chunking only pays on long lists. */
export const CHUNK_CHARS = 8_000;

const BLANK = /^[ \t]*$/u;
const FRONT_MATTER_OPEN = /^---[ \t]*\n/u;
const FRONT_MATTER_CLOSE = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/u;
/** A list item line with content in column 0: '- a', '* a', '+ a', '1. a', '1) a'. */
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])[ \t]+\S/u;
/** A thematic break made of '-', '*' or '_' (with spaces between): never a list item. */
const THEMATIC_BREAK = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/u;

/**
 * Offsets where `text` may be cut (each the start of a column-0 line after a
 * blank line, or of a column-0 list item line), roughly `size` characters
 * apart. Empty when the document must be parsed whole.
 */
export function cutPoints(text: string, size: number): number[] {
  if (text.length < size * 2) return [];
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
    if (lineStart - chunkStart >= size && !blank && first !== 32 && first !== 9) {
      // 32 space, 9 tab: the line must start in column 0 with content.
      // A chunk must not start with '---': at the start of a text the front
      // matter extension tries it as an opening fence, and when no closing
      // fence follows, lists after it parse as paragraphs.
      const line = text.slice(lineStart, lineEnd);
      const cuttable = previousBlank
        ? !line.startsWith('---')
        : lineStart > from && LIST_ITEM.test(line) && !THEMATIC_BREAK.test(line);
      if (cuttable) {
        cuts.push(lineStart);
        chunkStart = lineStart;
      }
    }
    previousBlank = blank;
    lineStart = lineEnd + 1;
  }
  return cuts;
}

/** One parsed piece of the document: text[start, end), its tree with positions relative to the piece. */
interface Piece {
  start: number;
  end: number;
  /** Whether no blank line precedes the piece (a tight cut: it starts with a list item). */
  tight: boolean;
  root: Root;
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

  const pieces: Piece[] = [];
  let start = 0;
  let next = 0;
  while (start < text.length) {
    // Grow the piece while it does not end cleanly (an unclosed fence or HTML
    // block continues into the next piece; a tight cut must follow a list),
    // at least doubling it each time so that growing stays linear.
    let end = cuts[next]!;
    let root = parse(text.slice(start, end));
    while (end < text.length && !endsCleanly(root, text, start, end)) {
      const least = start + 2 * (end - start);
      while (next < cuts.length - 1 && cuts[next]! < least) next += 1;
      end = cuts[next]!;
      root = parse(text.slice(start, end));
    }
    next += 1;
    pieces.push({ start, end, tight: start > 0 && isTightCut(text, start), root });
    start = end;
  }
  if (!addMissingDefinitions(text, pieces, parse)) return parse(text);
  return stitch(text, pieces);
}

/** Join the pieces' trees into one, positions moved to the document's. */
function stitch(text: string, pieces: Piece[]): Root {
  const children: RootContent[] = [];
  let line = 1;
  let lastList: { node: List; marker: string } | null = null;
  for (const piece of pieces) {
    const { root } = piece;
    shift(root, line - 1, piece.start);
    for (const [index, node] of root.children.entries()) {
      const marker = node.type === 'list' ? listMarker(text, node) : '';
      if (
        index === 0 &&
        lastList &&
        node.type === 'list' &&
        marker === lastList.marker &&
        node.ordered === lastList.node.ordered
      ) {
        mergeLists(lastList.node, node, piece.tight);
        continue;
      }
      children.push(node);
      lastList = node.type === 'list' ? { node, marker } : null;
    }
    if (root.children.length === 0) lastList = null;
    line += countLines(text, piece.start, piece.end);
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

/** Whether the line before `cut` has content (the cut is between two lines of a tight list). */
function isTightCut(text: string, cut: number): boolean {
  const previousStart = text.lastIndexOf('\n', cut - 2) + 1;
  return !BLANK.test(text.slice(previousStart, cut - 1));
}

/**
 * Whether the piece text[start, end) can end where it does: at a blank-line
 * cut its last block must not reach into the trailing blank line; at a tight
 * cut its last block must be a list, which the next line's item continues or
 * follows, as in the whole document.
 */
function endsCleanly(root: Root, text: string, start: number, end: number): boolean {
  if (isTightCut(text, end)) return root.children.at(-1)?.type === 'list';
  return !runsToEnd(root, text, start, end);
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

/** A bracketed run that may be a reference label: `[label]`, `[^note]` (no unescaped brackets inside). */
const BRACKETED = /\[((?:[^[\]\\]|\\[\s\S])+)\]/gu;

/** micromark's label normalisation, then lower case, as mdast identifiers are. */
function normalizeLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/gu, ' ')
    .replace(/^ | $/gu, '')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}

/** Definitions (`[label]: url`) and footnote definitions (`[^note]: text`) of a tree, by identifier. */
function collectDefinitions(root: Root): { links: Set<string>; notes: Set<string> } {
  const links = new Set<string>();
  const notes = new Set<string>();
  const walk = (node: Nodes): void => {
    if (node.type === 'definition') links.add(node.identifier);
    else if (node.type === 'footnoteDefinition') notes.add(node.identifier);
    // Definitions sit only in containers of blocks.
    if (node.type === 'root' || node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem')
      for (const child of node.children) walk(child);
    if (node.type === 'footnoteDefinition') for (const child of node.children) walk(child);
  };
  walk(root);
  return { links, notes };
}

/**
 * Give every piece the definitions it names but does not hold: its text is
 * parsed again with a stub definition per such label after it. False when a
 * stub did not parse as one (the caller then parses the document whole).
 */
function addMissingDefinitions(text: string, pieces: Piece[], parse: ParseText): boolean {
  if (!text.includes(']:')) return true;
  const defined = pieces.map((piece) => collectDefinitions(piece.root));
  const allLinks = new Set(defined.flatMap((d) => [...d.links]));
  const allNotes = new Set(defined.flatMap((d) => [...d.notes]));
  if (allLinks.size === 0 && allNotes.size === 0) return true;
  for (const [index, piece] of pieces.entries()) {
    const own = defined[index]!;
    const stubs = new Set<string>();
    for (const match of text.slice(piece.start, piece.end).matchAll(BRACKETED)) {
      const label = match[1]!;
      if (label.startsWith('^')) {
        const note = normalizeLabel(label.slice(1));
        if (allNotes.has(note) && !own.notes.has(note)) stubs.add(`[^${note}]: x`);
      }
      const link = normalizeLabel(label);
      if (allLinks.has(link) && !own.links.has(link)) stubs.add(`[${link}]: x`);
    }
    if (stubs.size === 0) continue;
    const body = text.slice(piece.start, piece.end);
    const root = parse(`${body}${body.endsWith('\n') ? '' : '\n'}\n${[...stubs].join('\n\n')}\n`);
    const kept = root.children.length - stubs.size;
    const added = root.children.slice(kept);
    if (
      kept < 0 ||
      added.some(
        (node) =>
          (node.type !== 'definition' && node.type !== 'footnoteDefinition') ||
          (node.position?.start.offset ?? 0) < body.length,
      )
    )
      return false;
    root.children.length = kept;
    piece.root = root;
  }
  return true;
}

/** The marker that decides whether two adjacent lists are one: '-', '*', '+', '.' or ')'. */
function listMarker(text: string, list: List): string {
  const offset = list.position?.start.offset ?? 0;
  if (!list.ordered) return text.charAt(offset);
  const match = /^\d{1,9}([.)])/u.exec(text.slice(offset, offset + 12));
  return match?.[1] ?? '';
}

/**
 * Append `next`'s items to `list`. A list is loose when a blank line separates
 * two of its items: so the joined list is loose after a blank-line cut, and
 * as loose as its halves after a tight one.
 */
function mergeLists(list: List, next: List, tight: boolean): void {
  list.children.push(...next.children);
  list.spread = tight ? Boolean(list.spread || next.spread) : true;
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
