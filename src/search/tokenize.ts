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

function kindOf(ch: string): WordKind | undefined {
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
  let current: Word | undefined;
  let offset = 0;
  for (const ch of text) {
    const kind = kindOf(ch);
    if (kind !== undefined && current?.kind === kind && current.end === offset) {
      current.text += ch;
      current.end = offset + ch.length;
    } else if (kind !== undefined) {
      current = { kind, text: ch, start: offset, end: offset + ch.length };
      words.push(current);
    } else {
      current = undefined;
    }
    offset += ch.length;
  }
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

/**
 * The camelCase / PascalCase parts of a word as written (ownerReferences →
 * owner, References; ReplicaSet → Replica, Set; PVCs → PVCs), lower-cased.
 * Returns [] when the word has only one part.
 *
 * @param word The word with its original case.
 * @returns Lower-cased parts, or [] when there is nothing to split.
 */
export function camelParts(word: string): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  // An upper-case run followed by a capitalised word is an acronym (HTTPServer);
  // a run with one trailing lower-case letter is an acronym plural (PVCs, APIs).
  const pattern = /\p{Lu}+(?=\p{Lu}\p{Ll}{2})|\p{Lu}?\p{Ll}+|\p{Lu}+s?(?!\p{Ll})|\p{N}+|\p{L}+/gu;
  for (const match of word.matchAll(pattern)) parts.push({ text: match[0].toLowerCase(), start: match.index });
  return parts.length > 1 ? parts : [];
}
