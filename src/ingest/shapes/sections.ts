/**
 * Facts about the section under a heading, and the question heading level in
 * force in each part of a scope. Used by the walker to tell topics, questions
 * and page furniture apart.
 */
import type { Table } from 'mdast';
import { isEmptyHtml } from '../answers.js';
import type { Block } from '../blocks.js';
import { questionLevel, statementLevel } from './headings.js';
import { isTocList } from './lists.js';

/**
 * The question heading level in force at each block of a scope. It is
 * decided for the whole scope, then again per top-level section (split at
 * the shallowest topic headings), so that one section can ask its questions
 * at '###' and another, one level of sub-topics deeper, at '####'. A section
 * that shows no level of its own keeps the scope's.
 */
export function sectionLevels(
  scope: readonly Block[],
  ignore: ReadonlySet<Block>,
  statements: boolean,
): (number | null)[] {
  const whole = questionLevel(scope, ignore) ?? (statements ? statementLevel(scope, ignore) : null);
  const levels: (number | null)[] = new Array<number | null>(scope.length).fill(whole);
  let shallowest = 7;
  for (const block of scope)
    if (block.type === 'heading' && !ignore.has(block)) shallowest = Math.min(shallowest, block.depth);
  if (whole === null || whole <= shallowest) return levels;
  let start = -1;
  const close = (end: number): void => {
    if (start === -1) return;
    const own = questionLevel(scope.slice(start + 1, end), ignore);
    if (own !== null && own > shallowest) levels.fill(own, start, end);
  };
  scope.forEach((block, index) => {
    if (block.type === 'heading' && block.depth === shallowest && !ignore.has(block)) {
      close(index);
      start = index;
    }
  });
  close(scope.length);
  return levels;
}

/**
 * Whether the section under the heading at `index` is a menu: nothing but
 * lists whose every entry is a single link ('## Contributing' with links to
 * CONTRIBUTING.md and LICENSE). Such a heading names no topic.
 */
export function isMenuSection(scope: readonly Block[], index: number): boolean {
  let lists = 0;
  for (let i = index + 1; i < scope.length; i++) {
    const block = scope[i];
    if (!block || block.type === 'heading') break;
    if (block.type !== 'list') return false;
    if (!block.children.every((item) => item.children.length === 1 && isSingleLink(item.children[0]))) return false;
    lists++;
  }
  return lists > 0;
}

/** A table whose rows link to anchors in the page ('| 1 | [What is X?](#x) |'): a table of contents. */
export function isTocTable(table: Table): boolean {
  const rows = table.children.slice(1);
  const linked = rows.filter((row) =>
    row.children.some((cell) => cell.children.some((c) => c.type === 'link' && c.url.startsWith('#'))),
  );
  return rows.length > 0 && linked.length * 2 >= rows.length;
}

/** Whether the section under a heading holds nothing but a table of contents or a menu. */
export function isTocSection(scope: readonly Block[], index: number): boolean {
  let toc = false;
  for (let i = index + 1; i < scope.length; i++) {
    const block = scope[i];
    if (!block || block.type === 'heading') break;
    if (block.type === 'list' && isTocList(block)) toc = true;
    else if (block.type === 'html' && isEmptyHtml(block.value)) continue;
    else return false;
  }
  return toc || isMenuSection(scope, index);
}

function isSingleLink(node: Block | undefined): boolean {
  if (node?.type !== 'paragraph') return false;
  const kids = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return kids.length === 1 && kids[0]?.type === 'link';
}
