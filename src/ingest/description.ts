/**
 * Descriptions: the text of a topic (or of the document before its first
 * topic) that belongs to no question, kept as written so that nothing a file
 * holds disappears.
 */
import type { Nodes } from 'mdast';
import { withDefinitions, type AnswerInput } from './answers.js';
import type { FaqDescription } from './model.js';
import { renderMarkdownHtml } from './render.js';
import { sliceNodes } from './source.js';

/**
 * The description made of blocks that no question owns.
 *
 * @param text Normalised document text (the markdown is sliced from it).
 * @param blocks The blocks, in document order.
 * @returns The description, or null when the blocks hold no text.
 */
export function describe(text: string, blocks: readonly AnswerInput[]): FaqDescription | null {
  const parts: string[] = [];
  let line = 0;
  for (const block of blocks) {
    const markdown =
      block.type === 'faqMarkdown'
        ? block.markdown
        : withDefinitions(text, sliceNodes(text, [block as Nodes]), [block as Nodes]);
    if (markdown.trim() === '') continue;
    if (line === 0) line = block.type === 'faqMarkdown' ? block.line : (block.position?.start.line ?? 1);
    parts.push(markdown);
  }
  if (parts.length === 0) return null;
  const markdown = parts.join('\n\n');
  // One extra parse per description (rare and short): the blocks may be
  // <details> or pieces of paragraphs, which have no mdast node to render.
  return { markdown, html: renderMarkdownHtml(markdown), line };
}
