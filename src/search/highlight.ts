/**
 * Highlights as typed segments (`[{ text, match }]`) cut from the original
 * text, so frontends render them without injecting HTML.
 */
import { normalizeWithOffsets } from './normalize.js';
import type { HighlightKeys } from './query-plan.js';
import { camelParts, splitWords, stemEnglish } from './tokenize.js';

export interface Segment {
  text: string;
  match: boolean;
}

/**
 * Split `original` into matched and unmatched segments. English words match
 * by stem or prefix (the matched prefix is marked: **Replica**Set), camelCase
 * parts match on their own (owner**References**), Korean keys match inside
 * words (**도커**를).
 *
 * @param original Stored text (NFC).
 * @param keys What the query matched on.
 * @returns Segments that concatenate back to `original`; adjacent segments differ in `match`.
 */
export function highlight(original: string, keys: HighlightKeys): Segment[] {
  const { text, origin } = normalizeWithOffsets(original);
  const marked = new Uint8Array(text.length);
  const mark = (start: number, end: number): void => {
    marked.fill(1, start, end);
  };

  const matchLatin = (word: string, start: number): boolean => {
    const stem = stemEnglish(word);
    if (keys.exact.has(word) || keys.exact.has(stem)) {
      mark(start, start + word.length);
      return true;
    }
    let best = 0;
    for (const prefix of keys.prefixes) {
      if (stem === prefix) best = word.length;
      else if (prefix.length >= 3 && word.startsWith(prefix) && prefix.length > best) best = prefix.length;
    }
    if (best > 0) mark(start, start + best);
    return best > 0;
  };

  for (const word of splitWords(text)) {
    if (word.kind === 'hangul') {
      for (const key of keys.hangul) {
        for (let at = word.text.indexOf(key); at >= 0; at = word.text.indexOf(key, at + 1)) {
          mark(word.start + at, word.start + at + key.length);
        }
      }
    } else if (word.kind === 'latin' && !matchLatin(word.text, word.start)) {
      // camelCase parts need the original case, which normalisation removed.
      const written = original.slice(origin[word.start], origin[word.end]);
      if (written.length !== word.text.length) continue;
      for (const part of camelParts(written)) matchLatin(part.text, word.start + part.start);
    }
  }

  return segmentsFromMarks(original, origin, marked);
}

/**
 * Cut `original` into typed segments from per-character marks on its
 * normalised form (`origin` maps each normalised index back to `original`).
 * @returns runs of marked (`match: true`) and unmarked text, in order
 */
export function segmentsFromMarks(original: string, origin: ArrayLike<number>, marked: Uint8Array): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= marked.length; i += 1) {
    if (i === marked.length || marked[i] !== marked[start]) {
      const piece = original.slice(origin[start], origin[i]);
      if (piece.length > 0) segments.push({ text: piece, match: marked[start] === 1 });
      start = i;
    }
  }
  return segments;
}
