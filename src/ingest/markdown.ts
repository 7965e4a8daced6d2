/**
 * The one markdown parser every document goes through. Built once at module
 * load and reused: creating a unified processor per document (or per node)
 * would dominate seed time for 100k questions.
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/**
 * Parse markdown (CommonMark + GFM + YAML front matter) into an mdast tree
 * with positions. Parsing only: no transforms run, so positions map straight
 * back to the text.
 *
 * @param text Normalised markdown text.
 * @returns The mdast root.
 */
export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}
