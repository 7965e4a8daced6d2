/**
 * Synonym groups as index tokens. At seed time every word (or run of words)
 * of a document that is a term of a synonym group adds that group's token,
 * e.g. `0syn12` for [디플로이먼트, deployment], at the end of the column.
 * A query term then matches its groups with one cheap token instead of
 * OR-ing every transliteration as a phrase of bigrams (which cost tens of
 * milliseconds on 100,000 questions). Expansion stays one hop: a query term
 * and a document term match when they share a group.
 */
import { koreanStems } from './korean.js';
import type { SynonymSets } from './synonyms.js';
import { splitWords, stemEnglish, type Word } from './tokenize.js';

/** The index token of synonym group `group` (letters and digits only, never produced by text analysis in practice). */
export function synonymToken(group: number): string {
  return `0syn${group}`;
}

/** A word's lookup key: English stemmed, Hangul as is. */
function key(word: Pick<Word, 'kind' | 'text'>): string {
  return word.kind === 'latin' ? stemEnglish(word.text) : word.text;
}

export interface SynonymTagger {
  /** Group ids of every synonym term occurring in `words` (lower-cased, in order). */
  groupsIn(words: readonly Pick<Word, 'kind' | 'text'>[]): Set<number>;
  /** Group ids containing the term with this key (a term's words' keys, space-joined). */
  groupsOf(termKey: string): number[];
}

/** Build a tagger over the synonym groups. */
export function createSynonymTagger(groups: SynonymSets): SynonymTagger {
  const byKey = new Map<string, number[]>();
  // Hangul words that occur in any term: only these can start a match, so
  // particle stripping (koreanStems) runs only on words that can hit.
  const hangulWords = new Set<string>();
  let maxWords = 1;
  groups.forEach((group, id) => {
    for (const term of group) {
      const words = splitWords(term);
      maxWords = Math.max(maxWords, words.length);
      for (const word of words) if (word.kind === 'hangul') hangulWords.add(word.text);
      const termKey = words.map(key).join(' ');
      const ids = byKey.get(termKey) ?? [];
      if (!ids.includes(id)) ids.push(id);
      byKey.set(termKey, ids);
      // Korean spacing varies: 바인드 마운트 and 바인드마운트 are one term.
      if (words.length > 1 && words.every((word) => word.kind === 'hangul')) {
        const joined = words.map((word) => word.text).join('');
        hangulWords.add(joined);
        byKey.set(joined, [...new Set([...(byKey.get(joined) ?? []), id])]);
      }
    }
  });

  // First words of multi-word terms: only these start a longer look-up.
  const firstWords = new Set<string>();
  for (const termKey of byKey.keys()) if (termKey.includes(' ')) firstWords.add(termKey.slice(0, termKey.indexOf(' ')));

  // Documents repeat their words; a word's forms are computed once per build.
  const formCache = new Map<string, string[]>();
  /** The forms a document word may stand for: itself, or a known term it inflects (도커를 → 도커). */
  const forms = (word: Pick<Word, 'kind' | 'text'>): string[] => {
    if (word.kind !== 'hangul') return [key(word)];
    const cached = formCache.get(word.text);
    if (cached) return cached;
    const out = [word.text];
    let stems: string[] | undefined;
    for (let length = word.text.length - 1; length >= 2; length -= 1) {
      const prefix = word.text.slice(0, length);
      if (!hangulWords.has(prefix)) continue;
      stems ??= koreanStems(word.text, (stem) => hangulWords.has(stem));
      if (stems.includes(prefix)) out.push(prefix);
    }
    if (formCache.size < 200_000) formCache.set(word.text, out);
    return out;
  };

  return {
    groupsOf: (termKey) => byKey.get(termKey) ?? [],
    groupsIn(words) {
      const found = new Set<number>();
      const keys = words.map(key);
      for (let i = 0; i < words.length; i += 1) {
        for (const form of forms(words[i]!)) for (const id of byKey.get(form) ?? []) found.add(id);
        if (!firstWords.has(keys[i]!)) continue;
        for (let n = 2; n <= maxWords && i + n <= words.length; n += 1) {
          const head = keys.slice(i, i + n - 1).join(' ');
          for (const form of forms(words[i + n - 1]!))
            for (const id of byKey.get(`${head} ${form}`) ?? []) found.add(id);
        }
      }
      return found;
    },
  };
}
