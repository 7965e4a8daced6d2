/**
 * Document analysis: text → the space-separated terms stored in the FTS5
 * index. The index's own tokenizer (unicode61) only splits on spaces here,
 * because every term is made of letters and digits.
 *
 * - Hangul words become syllable bigrams (도커에서 → 도커 커에 에서), so a
 *   two-syllable stem is found inside any inflected form (trigram indexes miss
 *   terms under three characters); one-syllable words are kept whole.
 * - Other words are lower-cased and plural-stemmed, followed by their
 *   camelCase parts (ownerReferences → ownerreference owner reference).
 * - Compatibility jamo runs are kept as they are.
 * - With a synonym tagger, the tokens of the synonym groups whose terms
 *   occur in the text follow (see synonym-tokens.ts).
 */
import { foldForm } from './normalize.js';
import { synonymToken, type SynonymTagger } from './synonym-tokens.js';
import { camelParts, splitWords, stemEnglish } from './tokenize.js';

const SURROGATE = /[\ud800-\udfff]/;

/** Syllable bigrams of a Hangul word; the word itself when it has one syllable. */
export function hangulBigrams(word: string): string[] {
  // Syllables are single UTF-16 units, so the string itself is the list of
  // characters; only a word with a surrogate pair is spread into code points.
  const syllables: ArrayLike<string> = SURROGATE.test(word) ? [...word] : word;
  if (syllables.length < 2) return [word];
  const grams: string[] = [];
  for (let i = 0; i + 1 < syllables.length; i += 1) grams.push(syllables[i]! + syllables[i + 1]!);
  return grams;
}

/** Index terms of one non-Hangul word as written: its stem, then its camelCase parts' stems. */
export function latinTerms(word: string): string[] {
  const whole = stemEnglish(word.toLowerCase());
  const terms = [whole];
  for (const part of camelParts(word)) {
    const stem = stemEnglish(part.text);
    if (stem !== whole) terms.push(stem);
  }
  return terms;
}

/**
 * Analyse document text into index terms.
 *
 * @param text Stored document text (question, answer or code).
 * @param onLatin Called with every non-Hangul term, to build the vocabulary.
 * @param tagger Adds synonym group tokens when given.
 * @returns The terms joined by spaces, ready for an FTS5 column.
 */
export function analyzeDocument(text: string, onLatin?: (term: string) => void, tagger?: SynonymTagger): string {
  const terms: string[] = [];
  const words = splitWords(foldForm(text));
  for (const word of words) {
    if (word.kind === 'hangul') {
      terms.push(...hangulBigrams(word.text));
    } else if (word.kind === 'jamo') {
      terms.push(word.text);
    } else {
      for (const term of latinTerms(word.text)) {
        terms.push(term);
        onLatin?.(term);
      }
    }
  }
  // Synonym group tokens go after the text, so they never split a phrase.
  if (tagger) {
    const lowered = words.map((word) => ({ kind: word.kind, text: word.text.toLowerCase() }));
    for (const group of [...tagger.groupsIn(lowered)].sort((a, b) => a - b)) terms.push(synonymToken(group));
  }
  return terms.join(' ');
}
