/**
 * How deeply a document nests block containers (block quotes and list
 * items), found by a scan of line prefixes before any parsing: micromark
 * checks every open container on every line, so 20,000 nested items take
 * it quadratic time, and deep trees overflow the stack of the recursive
 * steps after it. The scan never under-counts what the parser would build;
 * it may over-count marker-like lines inside code blocks, which only
 * matters past the limit.
 */

/** Where a document first nests deeper than a limit. */
export interface DeepNesting {
  /** 1-based line. */
  line: number;
  /** Nesting depth of that line (at least limit + 1). */
  depth: number;
}

const SPACE = 32;
const TAB = 9;
const GREATER = 62;

/**
 * Find the first line nested more than `limit` containers deep.
 *
 * @param text Markdown text (any line endings).
 * @param limit Deepest nesting allowed.
 * @returns The first line over the limit, or null when there is none.
 */
export function findDeepNesting(text: string, limit: number): DeepNesting | null {
  // Content columns of the list items still open, innermost last: a line
  // indented to an item's content column continues it.
  const open: number[] = [];
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    line += 1;
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const depth = lineDepth(text, start, end, open);
    if (depth > limit) return { line, depth };
    start = end + 1;
  }
  return null;
}

/** Depth of one line; updates `open` with the items the line starts or leaves. */
function lineDepth(text: string, start: number, end: number, open: number[]): number {
  let p = start;
  let col = 0;
  for (; p < end; p += 1) {
    const c = text.charCodeAt(p);
    if (c === SPACE) col += 1;
    else if (c === TAB) col += 4 - (col % 4);
    else break;
  }
  if (p >= end || text.charCodeAt(p) === 13) return open.length; // blank: containers stay open
  let kept = open.length;
  while (kept > 0 && open[kept - 1]! > col) kept -= 1;
  open.length = kept;
  let depth = kept;
  let base = kept > 0 ? open[kept - 1]! : 0;
  while (p < end && col - base < 4) {
    const c = text.charCodeAt(p);
    let markerEnd = -1;
    if (c === GREATER) {
      markerEnd = p + 1;
    } else {
      markerEnd = listMarkerEnd(text, p, end);
      if (markerEnd === -1) break;
    }
    depth += 1;
    col += markerEnd - p;
    p = markerEnd;
    // The spaces after a marker; the content starts after them.
    const markerCol = col;
    for (; p < end; p += 1) {
      const s = text.charCodeAt(p);
      if (s === SPACE) col += 1;
      else if (s === TAB) col += 4 - (col % 4);
      else break;
    }
    if (c === GREATER) {
      base = col;
    } else {
      // Five or more spaces after a list marker: content starts after one.
      base = col - markerCol > 4 ? markerCol + 1 : col;
      open.push(base);
    }
  }
  return depth;
}

/** End of a list marker ('-', '+', '*', '1.', '1)') at `p` followed by a space, tab or line end; -1 if none. */
function listMarkerEnd(text: string, p: number, end: number): number {
  const c = text.charCodeAt(p);
  let q = p;
  if (c === 45 || c === 43 || c === 42) q = p + 1;
  else {
    while (q < end && q - p < 9 && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q += 1;
    if (q === p) return -1;
    const d = text.charCodeAt(q);
    if (d !== 46 && d !== 41) return -1;
    q += 1;
  }
  if (q === end) return q;
  const after = text.charCodeAt(q);
  return after === SPACE || after === TAB || after === 13 ? q : -1;
}
