/**
 * Reading a node's markdown back out of the document text. Every mdast node
 * carries offsets into the normalised text, so "the markdown as written" is a
 * slice, not a re-serialisation (which would change emphasis markers, escapes
 * and spacing).
 */
import type { Nodes } from 'mdast';

/** Start offset of a node (0 when the node has no position, e.g. synthetic). */
export function startOffset(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

/** End offset of a node. */
export function endOffset(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** 1-based line of a node's first character. */
export function startLine(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/**
 * Remove `width` columns of indentation from every line but the first (the
 * first starts at the node itself, so it has none). Lines indented less
 * (lazy continuation lines) lose what they have.
 *
 * @param text A slice of the document.
 * @param width Columns to remove.
 * @returns The dedented text.
 */
export function dedent(text: string, width: number): string {
  if (width <= 0 || !text.includes('\n')) return text;
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let cut = 0;
    while (cut < width && cut < line.length && (line[cut] === ' ' || line[cut] === '\t')) cut++;
    lines[i] = line.slice(cut);
  }
  return lines.join('\n');
}

/**
 * The markdown of a run of sibling nodes as written, dedented by the first
 * node's column (so a list item's paragraph loses the item's indentation).
 *
 * @param text The normalised document text the nodes were parsed from.
 * @param nodes Consecutive sibling nodes (at least one).
 * @returns The markdown, with trailing whitespace trimmed.
 */
export function sliceNodes(text: string, nodes: readonly Nodes[]): string {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (!first || !last) return '';
  const raw = text.slice(startOffset(first), endOffset(last));
  const column = first.position?.start.column ?? 1;
  return dedent(raw, column - 1).trimEnd();
}
