/**
 * Look-ups in the vocabulary tables built at seed time: does any indexed
 * term start with a word, which terms contain it, and which are one edit
 * away (typo correction). Statements are prepared once per database.
 */
import type { Database } from 'better-sqlite3';
import { deletionVariants } from './index-build.js';
import { phrase } from './fts-query.js';
import { boundedDistance, toKeystrokes } from './hangul.js';
import { englishSoundKey, englishVowelKey, hangulSoundKey, hangulVowelKey } from './romanize.js';

export interface Vocabulary {
  /** True when some indexed term starts with `prefix`. */
  hasPrefix(prefix: string): boolean;
  /** True when some indexed term starts with `prefix` and is longer than it. */
  hasLonger(prefix: string): boolean;
  /** True when `term` itself is an indexed term. */
  has(term: string): boolean;
  /** Indexed terms containing `part` but not starting with it (image → baseimage), most frequent first. */
  containing(part: string, limit: number): string[];
  /** Indexed terms within one edit (insert, delete, substitute, swap) of `word`, most frequent first. */
  corrections(word: string, limit: number): string[];
  /** True when `word` is a Hangul word of the documents, or the noun under a particle of one. */
  hasWord(word: string): boolean;
  /** True when some Hangul word of the documents starts with `stem` (의미 in 의미인가요). */
  startsWord(stem: string): boolean;
  /**
   * Hangul words of the documents one jamo off `word` (or one syllable off,
   * for words of three or more syllables), closest then most frequent first.
   */
  hangulCorrections(word: string, limit: number): string[];
  /**
   * English terms of the documents that sound like the Hangul `word`
   * (loanwords: 스테이트풀셋 → statefulset): the closest by consonants, then
   * vowels; `exact` when the consonant keys are equal. `strict` allows only
   * equal consonant keys and vowels at most one off.
   */
  soundsLike(word: string, limit: number, strict?: boolean): { term: string; exact: boolean }[];
}

/** A word list held in memory for the scans only unknown words need, loaded on first use. */
function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

/** Whether two Hangul words differ in exactly one syllable position (same length). */
function oneSyllableOff(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i] && ++differences > 1) return false;
  return differences === 1;
}

/**
 * Optimal string alignment distance, stopping early above 1: all typo
 * correction needs is "at most one edit".
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    // substitution, or a swap of two neighbours
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}

/** Prepare the vocabulary look-ups for `db`. */
export function createVocabulary(db: Database): Vocabulary {
  // '\u{10FFFF}' sorts after every character, so [p, p+max) is "starts with p".
  const prefixProbe = db.prepare('SELECT 1 FROM search_vocab WHERE term >= ? AND term < ? LIMIT 1').pluck();
  const longerProbe = db.prepare('SELECT 1 FROM search_vocab WHERE term > ? AND term < ? LIMIT 1').pluck();
  const infix = db
    .prepare(
      `SELECT v.term FROM search_vocab_trigram t JOIN search_vocab v ON v.id = t.rowid
      WHERE search_vocab_trigram MATCH ? AND substr(v.term, 1, ?) <> ?
      ORDER BY v.df DESC, v.term LIMIT ?`,
    )
    .pluck();
  const byVariant = db.prepare(
    `SELECT v.term, v.df FROM search_vocab_deletes d JOIN search_vocab v ON v.id = d.term_id
      WHERE d.variant = ?`,
  );
  const exact = db.prepare('SELECT term, df FROM search_vocab WHERE term = ?');
  const wordProbe = db.prepare('SELECT 1 FROM search_words WHERE word = ?').pluck();
  const wordPrefixProbe = db.prepare('SELECT 1 FROM search_words WHERE word >= ? AND word < ? LIMIT 1').pluck();
  const wordCache = new Map<string, boolean>();
  // Hangul words by length, for the typo scan (only words the index does not know reach it).
  const hangulWords = lazy(() => {
    const byLength = new Map<number, { word: string; df: number; keys: string }[]>();
    for (const row of db.prepare('SELECT word, df FROM search_words').all() as { word: string; df: number }[]) {
      const list = byLength.get(row.word.length) ?? [];
      list.push({ ...row, keys: toKeystrokes(row.word) });
      byLength.set(row.word.length, list);
    }
    return byLength;
  });
  // English terms by sound key, for loanwords.
  const sounds = lazy(() => {
    const byKey = new Map<string, { term: string; df: number; vowels: string }[]>();
    for (const row of db.prepare('SELECT term, df FROM search_vocab').all() as { term: string; df: number }[]) {
      const key = englishSoundKey(row.term);
      if (key.length < 3) continue;
      byKey.set(key, [...(byKey.get(key) ?? []), { ...row, vowels: englishVowelKey(row.term) }]);
    }
    return byKey;
  });

  return {
    hasPrefix: (prefix) => prefixProbe.get(prefix, `${prefix}\u{10FFFF}`) !== undefined,
    hasLonger: (prefix) => longerProbe.get(prefix, `${prefix}\u{10FFFF}`) !== undefined,
    has: (term) => exact.get(term) !== undefined,
    containing: (part, limit) =>
      part.length < 3 ? [] : (infix.all(phrase([part]), part.length, part, limit) as string[]),
    corrections: (word, limit) => {
      const found = new Map<string, number>();
      const consider = (rows: { term: string; df: number }[]): void => {
        for (const row of rows) if (row.term !== word && withinOneEdit(row.term, word)) found.set(row.term, row.df);
      };
      // A term one edit away shares a deletion variant with the word, or is one.
      consider(byVariant.all(word) as { term: string; df: number }[]);
      for (const variant of deletionVariants(word)) {
        consider(exact.all(variant) as { term: string; df: number }[]);
        consider(byVariant.all(variant) as { term: string; df: number }[]);
      }
      return [...found]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
        .map(([term]) => term);
    },
    hasWord: (word) => {
      let known = wordCache.get(word);
      if (known === undefined) {
        known = wordProbe.get(word) !== undefined;
        if (wordCache.size < 50_000) wordCache.set(word, known);
      }
      return known;
    },
    startsWord: (stem) => wordPrefixProbe.get(stem, `${stem}\u{10FFFF}`) !== undefined,
    hangulCorrections: (word, limit) => {
      const typed = toKeystrokes(word);
      const found: { word: string; df: number; distance: number }[] = [];
      for (let length = word.length - 1; length <= word.length + 1; length += 1) {
        for (const entry of hangulWords().get(length) ?? []) {
          if (entry.word === word) continue;
          const distance = boundedDistance(typed, entry.keys, 1);
          if (distance <= 1) found.push({ ...entry, distance });
          else if (word.length >= 3 && oneSyllableOff(word, entry.word)) found.push({ ...entry, distance: 2 });
        }
      }
      return found
        .sort((a, b) => a.distance - b.distance || b.df - a.df || (a.word < b.word ? -1 : 1))
        .slice(0, limit)
        .map((entry) => entry.word);
    },
    soundsLike: (word, limit, strict = false) => {
      const key = hangulSoundKey(word);
      if (key.length < 3) return [];
      const vowels = hangulVowelKey(word);
      const found: { term: string; df: number; distance: number; vowelDistance: number }[] = [];
      const consider = (rows: { term: string; df: number; vowels: string }[], distance: number): void => {
        for (const row of rows) {
          const vowelDistance = boundedDistance(vowels, row.vowels, 3);
          // A known word must sound right: vowels equal, or one off in a word of 4+ syllables.
          const allowed = strict ? (word.length >= 4 ? 1 : 0) : Math.max(1, Math.ceil(vowels.length / 2));
          if (vowelDistance <= allowed) found.push({ ...row, distance, vowelDistance });
        }
      };
      consider(sounds().get(key) ?? [], 0);
      // One consonant off only for longer words with no exact key.
      if (found.length === 0 && !strict && key.length >= 4) {
        for (const [other, rows] of sounds()) if (boundedDistance(key, other, 1) === 1) consider(rows, 1);
      }
      found.sort(
        (a, b) =>
          a.distance - b.distance || a.vowelDistance - b.vowelDistance || b.df - a.df || (a.term < b.term ? -1 : 1),
      );
      const best = found[0];
      return found
        .filter((entry) => entry.distance === best!.distance && (strict || entry.vowelDistance === best!.vowelDistance))
        .slice(0, limit)
        .map((entry) => ({ term: entry.term, exact: entry.distance === 0 }));
    },
  };
}
