/**
 * As-you-type suggestions over question titles. Every title word is stored
 * in keystroke form (쿠버네티스 → ㅋㅜㅂㅓㄴㅔㅌㅣㅅㅡ) and, for Hangul, as its
 * initial consonants (ㄷㅋ), so a prefix scan answers plain prefixes,
 * half-typed syllables (쿠버ㄴ, 쿠번) and initial-consonant queries alike.
 */
import type { Database } from 'better-sqlite3';
import { isInitialsQuery, toInitials, toKeystrokes } from './hangul.js';
import { segmentsFromMarks, type Segment } from './highlight.js';
import { koreanStems } from './korean.js';
import { normalizeForSearch, normalizeWithOffsets } from './normalize.js';
import { synonymKey, type SynonymLookup } from './synonym-lookup.js';
import type { SynonymSets } from './synonyms.js';
import { splitWords, stemEnglish } from './tokenize.js';

export interface Suggestion {
  id: string;
  question: string;
  topic: { slug: string; title: string } | null;
  highlights: Segment[];
}

/** Words of a query beyond this are ignored. */
const MAX_WORDS = 6;
/** Key rows read per query key, shortest keys first: enough to fill a list, bounded for one-letter queries. */
const SCAN_LIMIT = 300;
/** Key rows read per synonym of a query word: they rank below what was typed anyway. */
const SYNONYM_SCAN_LIMIT = 60;

interface Prefix {
  kind: number;
  key: string;
  viaSynonym: boolean;
}

/**
 * Query words as typed: a Hangul word and the jamo typed right after it are
 * one half-typed word (쿠버ㄴ), though they are different kinds of characters.
 */
function typedWords(q: string): { kind: string; text: string }[] {
  const words: { kind: string; text: string; end: number }[] = [];
  for (const word of splitWords(normalizeForSearch(q))) {
    const last = words[words.length - 1];
    if (last && last.end === word.start && last.kind === 'hangul' && word.kind === 'jamo') {
      last.text += word.text;
      last.end = word.end;
    } else {
      words.push({ kind: word.kind, text: word.text, end: word.end });
    }
  }
  return words;
}

interface KeyRow {
  seq: number;
  position: number;
  exact: number;
}

interface TitleRow {
  seq: number;
  id: string;
  question: string;
  topic_slug: string | null;
  topic_title: string | null;
}

/** Mark whole words of `original` at the given word positions (as split at index time). */
function markWords(original: string, positions: Set<number>): Segment[] {
  const { text, origin } = normalizeWithOffsets(original);
  const marked = new Uint8Array(text.length);
  splitWords(text).forEach((word, position) => {
    if (positions.has(position)) marked.fill(1, word.start, word.end);
  });
  return segmentsFromMarks(original, origin, marked);
}

/**
 * Prepare suggestions over `db`.
 *
 * @param fallback Full search, used to fill up when titles alone give too few (typos, words inside titles).
 */
export function createSuggester(
  db: Database,
  groups: SynonymSets,
  synonyms: SynonymLookup,
  fallback: (q: string, limit: number) => { id: string; highlights: Segment[] }[],
): (q: string, limit: number) => { items: Suggestion[] } {
  const scan = db.prepare<[{ kind: number; low: string; high: string; limit: number }], KeyRow>(
    `SELECT seq, position, length(key) = length(@low) AS exact FROM search_suggest_keys
      WHERE kind = @kind AND key >= @low AND key < @high ORDER BY key LIMIT @limit`,
  );
  const title = db.prepare<[number], TitleRow>(
    `SELECT q.seq, q.id, q.question, q.topic_slug, t.title AS topic_title
       FROM questions q LEFT JOIN topics t ON t.slug = q.topic_slug WHERE q.seq = ?`,
  );
  const titleById = db.prepare<[string], TitleRow>(
    `SELECT q.seq, q.id, q.question, q.topic_slug, t.title AS topic_title
       FROM questions q LEFT JOIN topics t ON t.slug = q.topic_slug WHERE q.id = ?`,
  );

  // Synonym terms in typed forms, so a half-typed 쿠버ㄴ or ㅋㅂㄴ reaches
  // titles that only say Kubernetes.
  const typedTerms = groups.flat().map((term) => ({
    keystrokes: toKeystrokes(term),
    initials: toInitials(term.replace(/\s+/g, '')),
    hangulOnly: /^[\uac00-\ud7a3\s]+$/.test(term),
    others: synonyms.expand(synonymKey(term)),
  }));
  const synonymPrefixes = (word: { kind: string; text: string }): string[] => {
    const initials = word.kind === 'jamo' && isInitialsQuery(word.text);
    const typed = toKeystrokes(word.text);
    if (!initials && typed.length < 3) return [];
    const out: string[] = [];
    for (const entry of typedTerms) {
      const hit = initials
        ? entry.hangulOnly && entry.initials.startsWith(word.text)
        : entry.keystrokes.startsWith(typed);
      if (!hit) continue;
      for (const other of entry.others) {
        const first = splitWords(other)[0];
        if (first) out.push(toKeystrokes(first.text));
      }
    }
    return out;
  };

  /** Title words matching one query word: seq → (best score, positions). */
  const matchWord = (prefixes: Prefix[]): Map<number, { score: number; positions: number[] }> => {
    const found = new Map<number, { score: number; positions: number[] }>();
    const seen = new Set<string>();
    for (const { kind, key, viaSynonym } of prefixes) {
      if (seen.has(`${kind}${key}`)) continue;
      seen.add(`${kind}${key}`);
      const limit = viaSynonym ? SYNONYM_SCAN_LIMIT : SCAN_LIMIT;
      for (const row of scan.all({ kind, low: key, high: `${key}\u{10FFFF}`, limit })) {
        const entry = found.get(row.seq) ?? { score: 0, positions: [] };
        // What was typed beats its synonyms; a whole word beats a prefix; an
        // early word beats a late one.
        const score = viaSynonym ? 0.5 : row.exact ? 2 : 1;
        entry.score = Math.max(entry.score, score - row.position * 0.01);
        entry.positions.push(row.position);
        found.set(row.seq, entry);
      }
    }
    return found;
  };

  return (q, limit) => {
    const words = typedWords(q).slice(0, MAX_WORDS);
    if (words.length === 0) return { items: [] };

    let candidates: Map<number, { score: number; positions: Set<number> }> | undefined;
    words.forEach((word, index) => {
      const isLast = index === words.length - 1;
      const prefixes: Prefix[] = [];
      for (const key of synonymPrefixes(word)) prefixes.push({ kind: 0, key, viaSynonym: true });
      if (word.kind === 'jamo' && isInitialsQuery(word.text)) {
        prefixes.push({ kind: 1, key: word.text, viaSynonym: false });
      } else {
        // A finished Korean word may carry a particle the title does not (도커를 → 도커).
        const forms =
          word.kind === 'hangul' && !isLast ? koreanStems(word.text, (k) => synonyms.has(k)).slice(-1) : [word.text];
        for (const form of forms) prefixes.push({ kind: 0, key: toKeystrokes(form), viaSynonym: false });
        const key = word.kind === 'latin' ? stemEnglish(word.text) : word.text;
        for (const other of synonyms.expand(key)) {
          const first = splitWords(other)[0];
          if (first) prefixes.push({ kind: 0, key: toKeystrokes(first.text), viaSynonym: true });
        }
      }
      const matches = matchWord(prefixes);
      const next = new Map<number, { score: number; positions: Set<number> }>();
      for (const [seq, match] of matches) {
        const before = candidates === undefined ? { score: 0, positions: new Set<number>() } : candidates.get(seq);
        if (!before) continue;
        next.set(seq, {
          score: before.score + match.score,
          positions: new Set([...before.positions, ...match.positions]),
        });
      }
      candidates = next;
    });

    const ranked = [...(candidates ?? new Map<number, { score: number; positions: Set<number> }>())].sort(
      (a, b) => b[1].score - a[1].score || a[0] - b[0],
    );
    const items: Suggestion[] = [];
    const seenTitles = new Set<string>();
    const seenIds = new Set<string>();
    for (const [seq, match] of ranked) {
      if (items.length >= limit) break;
      const row = title.get(seq);
      if (!row || seenTitles.has(row.question)) continue;
      seenTitles.add(row.question);
      seenIds.add(row.id);
      items.push({
        id: row.id,
        question: row.question,
        topic: row.topic_slug === null ? null : { slug: row.topic_slug, title: row.topic_title ?? row.topic_slug },
        highlights: markWords(row.question, match.positions),
      });
    }

    // No title word starts like this (a typo, a word inside the question):
    // fall back to full search, which knows stems, synonyms and corrections.
    if (items.length === 0) {
      for (const hit of fallback(q, limit)) {
        if (items.length >= limit) break;
        const row = titleById.get(hit.id);
        if (!row || seenIds.has(row.id) || seenTitles.has(row.question)) continue;
        seenTitles.add(row.question);
        seenIds.add(row.id);
        items.push({
          id: row.id,
          question: row.question,
          topic: row.topic_slug === null ? null : { slug: row.topic_slug, title: row.topic_title ?? row.topic_slug },
          highlights: hit.highlights,
        });
      }
    }
    return { items };
  };
}
