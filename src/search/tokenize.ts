/**
 * Splitting folded text into words by script. Hangul, compatibility jamo and
 * other letters/digits form separate runs, so `Volume의` is `Volume` + `의`
 * and `Pod들이` is `Pod` + `들이` (unicode61 would glue them).
 */
import { isCompatJamo, isSyllable } from './hangul.js';

export type WordKind = 'latin' | 'hangul' | 'jamo';

/** A word with its UTF-16 offsets in the text it came from. */
export interface Word {
  kind: WordKind;
  text: string;
  start: number;
  end: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The kind of the code point `cp` (the character `ch`), or undefined for a separator. */
function kindOf(cp: number, ch: string): WordKind | undefined {
  // ASCII first: most of every document is ASCII, and a regex test per
  // character would be most of the seed's search-analysis time.
  if (cp < 0x80)
    return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39) ? 'latin' : undefined;
  if (isSyllable(ch)) return 'hangul';
  if (isCompatJamo(ch)) return 'jamo';
  // Everything else that is a letter or digit (Latin, digits, other scripts)
  // is treated like an English word: case-folded, never split into n-grams.
  return LETTER_OR_DIGIT.test(ch) ? 'latin' : undefined;
}

/**
 * Split text into words: maximal runs of one kind; everything that is not a
 * letter or digit separates words (so `kube-system`, `8080:80`, `don't` and
 * FTS5 syntax characters never survive into a word).
 *
 * @param text Folded text (see `foldForm`).
 * @returns Words in order, with offsets.
 */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let kind: WordKind | undefined;
  let start = 0;
  let offset = 0;
  while (offset < text.length) {
    const cp = text.codePointAt(offset)!;
    const size = cp > 0xffff ? 2 : 1;
    const next = kindOf(cp, size === 1 ? text[offset]! : text.slice(offset, offset + 2));
    if (next !== kind) {
      if (kind !== undefined) words.push({ kind, text: text.slice(start, offset), start, end: offset });
      kind = next;
      start = offset;
    }
    offset += size;
  }
  if (kind !== undefined) words.push({ kind, text: text.slice(start, offset), start, end: offset });
  return words;
}

/**
 * Light English stemming, plural only, applied identically to documents and
 * queries (pods → pod, policies → policy, classes → class, images → image).
 * Words with digits (k8s) and short words are left alone.
 *
 * @param word Lower-cased word.
 * @returns Its stem.
 */
export function stemEnglish(word: string): string {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** A word of lower-case letters only: one camelCase part. */
const LOWER_CASE_WORD = /^\p{Ll}+$/u;

/**
 * The camelCase / PascalCase parts of a word as written (ownerReferences →
 * owner, References; ReplicaSet → Replica, Set; PVCs → PVCs), lower-cased.
 * Returns [] when the word has only one part.
 *
 * @param word The word with its original case.
 * @returns Lower-cased parts, or [] when there is nothing to split.
 */
export function camelParts(word: string): { text: string; start: number }[] {
  // Most words are all lower case: one part, nothing to split.
  if (LOWER_CASE_WORD.test(word)) return [];
  const parts: { text: string; start: number }[] = [];
  // An upper-case run followed by a capitalised word is an acronym (HTTPServer);
  // a run with one trailing lower-case letter is an acronym plural (PVCs, APIs).
  const pattern = /\p{Lu}+(?=\p{Lu}\p{Ll}{2})|\p{Lu}?\p{Ll}+|\p{Lu}+s?(?!\p{Ll})|\p{N}+|\p{L}+/gu;
  for (const match of word.matchAll(pattern)) parts.push({ text: match[0].toLowerCase(), start: match.index });
  return parts.length > 1 ? parts : [];
}
