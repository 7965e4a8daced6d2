/**
 * The document title: front matter `title:` (read elsewhere), else the
 * title heading found here, else the file name.
 */
import type { Heading } from 'mdast';
import type { Block } from './blocks.js';
import { headingText } from './shapes/headings.js';
import { isFaqHeading } from './shapes/question-text.js';

/**
 * The heading that titles the document, if any: the first heading when it is
 * an h1, an 'FAQ' heading, or the only heading at the shallowest level used
 * ('## TrafficMonitor 常见问题' above '###' questions). It is never a topic.
 */
export function findTitleHeading(blocks: readonly Block[]): Heading | undefined {
  const headings = blocks.filter((b): b is Heading => b.type === 'heading');
  const first = headings[0];
  if (!first) return undefined;
  if (isFaqHeading(headingText(first))) return first;
  let shallowest = 6;
  for (const h of headings) shallowest = Math.min(shallowest, h.depth);
  const peers = headings.filter((h) => h.depth === first.depth).length;
  if (first.depth === 1 && peers === 1) return first;
  if (first.depth !== shallowest || (first.depth !== 1 && (peers !== 1 || headings.length === 1))) return undefined;
  // Among several top-level headings, or as a lone '##', the first one is a
  // title only over an introduction: a heading with questions right under it
  // ('# Docker' + bullets) names a topic. A sentence ('Below is a list of
  // questions.') introduces rather than titles.
  if (/[.。]$/u.test(headingText(first))) return undefined;
  const start = blocks.indexOf(first);
  for (let i = start + 1; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block || block.type === 'heading') break;
    if (block.type !== 'paragraph' && block.type !== 'html') return undefined;
  }
  return first;
}

/** A '# [Docs](…) | [Help](…)' heading is a navigation bar, not a title. */
export function isNavigation(heading: Heading): boolean {
  const kids = heading.children.filter((c) => !(c.type === 'text' && /^[\s|·•/-]*$/u.test(c.value)));
  return kids.length > 1 && kids.every((c) => c.type === 'link');
}

/** The file name without folders and extension. */
export function fileTitle(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.[^.]*$/u, '') || base;
}
