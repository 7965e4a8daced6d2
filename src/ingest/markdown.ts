/**
 * The markdown parser every document goes through. Processors are built once
 * at module load and reused: creating a unified processor per document (or
 * per node) would dominate seed time for 100k questions.
 *
 * Micromark is most of the seed's CPU time, and the GFM extensions add about
 * a fifth to it on FAQ text. GFM only changes how text with its trigger
 * characters parses (tables need '|', strikethrough '~', footnotes '[^',
 * task items '[ ]'/'[x]', autolink literals 'www.', '://', 'mailto:',
 * 'xmpp:' or an '@'), so a document without any of them parses to the very
 * same tree without the extensions. The check below is conservative: any
 * doubt means GFM.
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseInChunks } from './chunks.js';

const gfmParser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const commonmarkParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

/** Characters that start a GFM table, strikethrough, email autolink, footnote or task item. */
const GFM_TRIGGERS = /[|~@]|\[\^|\[[\sxX]\]/u;
/**
 * A complete inline link or image whose destination is a URL: '[text](https://…)'.
 * Its URL is a destination, never an autolink literal, so it does not need GFM.
 */
const LINK_WITH_URL = /\[[^\]\n]*\]\(\s*(?:https?:\/\/|www\.)[^\s()<>]*(?:\s+"[^"\n]*")?\s*\)/giu;
/** Autolink literal starts, checked once link destinations are out of the way. */
const AUTOLINK_LITERAL = /:\/\/|www\.|mailto:|xmpp:/iu;

/**
 * Whether a text may contain GFM syntax (false only when it certainly does not).
 *
 * @param text Normalised markdown text.
 */
export function mayContainGfm(text: string): boolean {
  if (GFM_TRIGGERS.test(text)) return true;
  if (!AUTOLINK_LITERAL.test(text)) return false;
  return AUTOLINK_LITERAL.test(text.replace(LINK_WITH_URL, '[]()'));
}

function parsePiece(text: string): Root {
  return (mayContainGfm(text) ? gfmParser : commonmarkParser).parse(text);
}

/**
 * Parse markdown (CommonMark + GFM + YAML front matter) into an mdast tree
 * with positions. Parsing only: no transforms run, so positions map straight
 * back to the text. Long documents are parsed in chunks (see chunks.ts): same
 * tree, several times faster on long lists.
 *
 * @param text Normalised markdown text.
 * @returns The mdast root.
 */
export function parseMarkdown(text: string): Root {
  return parseInChunks(text, parsePiece);
}

/** The same parse without chunking; tests compare the two. */
export function parseMarkdownWhole(text: string): Root {
  return parsePiece(text);
}
