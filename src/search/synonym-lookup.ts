/**
 * Synonym expansion at query time, from the groups stored in the database.
 * Terms are looked up by their analysis key (English words plural-stemmed),
 * so `pods` finds the group of `pod`.
 */
import type { Database } from 'better-sqlite3';
import { toInitials } from './hangul.js';
import type { SynonymSets } from './synonyms.js';
import { splitWords, stemEnglish } from './tokenize.js';

/** The lookup key of a normalised term: its words, English ones stemmed, space-joined. */
export function synonymKey(term: string): string {
  return splitWords(term)
    .map((word) => (word.kind === 'latin' ? stemEnglish(word.text) : word.text))
    .join(' ');
}

export interface SynonymLookup {
  /** Other terms of every group containing `key` (one hop), excluding the key itself. */
  expand(key: string): string[];
  /** True when `key` is a term of some group. */
  has(key: string): boolean;
  /** Longest term length in words, to bound multi-word lookups. */
  maxWords: number;
  /** Hangul terms whose initial consonants are exactly `initials` (ㄷㅋ → 도커). */
  byInitials(initials: string): string[];
}

/** Build a lookup over synonym groups. */
export function createSynonymLookup(groups: SynonymSets): SynonymLookup {
  const byKey = new Map<string, Set<string>>();
  let maxWords = 1;
  for (const group of groups) {
    for (const term of group) {
      const key = synonymKey(term);
      maxWords = Math.max(maxWords, key.split(' ').length);
      const others = byKey.get(key) ?? new Set<string>();
      for (const other of group) if (synonymKey(other) !== key) others.add(other);
      byKey.set(key, others);
    }
  }
  const initialsIndex = new Map<string, string[]>();
  for (const term of new Set(groups.flat())) {
    if (!/^[\uac00-\ud7a3 ]+$/.test(term)) continue;
    const initials = toInitials(term);
    initialsIndex.set(initials, [...(initialsIndex.get(initials) ?? []), term]);
  }
  return {
    byInitials: (initials) => initialsIndex.get(initials) ?? [],
    expand: (key) => [...(byKey.get(key) ?? [])],
    has: (key) => byKey.has(key),
    maxWords,
  };
}

/** Read the synonym groups that the seed step stored. */
export function readSynonyms(db: Database): SynonymSets {
  const rows = db.prepare('SELECT group_id, term FROM search_synonyms ORDER BY group_id, position').all() as {
    group_id: number;
    term: string;
  }[];
  const groups = new Map<number, string[]>();
  for (const row of rows) {
    const group = groups.get(row.group_id) ?? [];
    group.push(row.term);
    groups.set(row.group_id, group);
  }
  return [...groups.values()];
}
