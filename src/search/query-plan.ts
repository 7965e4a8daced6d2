/**
 * Query analysis: user text → one FTS5 expression per query word (its
 * alternatives OR-ed), plus the keys that highlight matches in results.
 * A word's alternatives are its own forms (stems, Korean particle- and
 * ending-stripped forms), its synonyms, and for English words the indexed
 * compounds that contain it and, when it matches nothing, its one-edit
 * corrections.
 */
import { analyzeDocument, hangulBigrams } from './analyze.js';
import { anyOf, phrase } from './fts-query.js';
import { ENGLISH_STOPWORDS, FRAMING_WORDS, isBareSuffix, KOREAN_STOPWORDS, koreanStems } from './korean.js';
import { normalizeForSearch } from './normalize.js';
import { synonymKey, type SynonymLookup } from './synonym-lookup.js';
import { synonymToken, type SynonymTagger } from './synonym-tokens.js';
import { splitWords, stemEnglish, type Word } from './tokenize.js';
import type { Vocabulary } from './vocabulary.js';

/** Query words beyond this are ignored: bounds the work a 1,000-character query can cause. */
export const MAX_QUERY_WORDS = 12;
const MAX_ALTERNATIVES = 24;
const MAX_INFIX = 6;
const MAX_CORRECTIONS = 3;
/** Typos are corrected only in words at least this long ("one typo in longer words"). */
const MIN_TYPO_LENGTH = 5;

/** What to mark in result text. */
export interface HighlightKeys {
  /** English stems matched as word prefixes (replica → ReplicaSet). */
  prefixes: Set<string>;
  /** English terms matched as whole words (corrections, compounds). */
  exact: Set<string>;
  /** Korean strings matched anywhere inside Hangul words. */
  hangul: Set<string>;
}

export interface QueryPlan {
  /** One FTS5 expression per query word that a hit must (in the top tiers) contain. */
  groups: string[];
  /** Expressions for framing words (차이, meaning): never required to match; kept for callers and tests. */
  boosts: string[];
  highlight: HighlightKeys;
}

export interface PlanContext {
  synonyms: SynonymLookup;
  tagger: SynonymTagger;
  vocabulary: Vocabulary;
}

class GroupBuilder {
  readonly alternatives = new Set<string>();
  constructor(
    private readonly keys: HighlightKeys,
    private readonly context: PlanContext,
  ) {}

  add(expression: string): void {
    if (this.alternatives.size < MAX_ALTERNATIVES) this.alternatives.add(expression);
  }

  /**
   * A Korean stem. Its bigrams as a phrase find it inside any inflected form
   * or compound; a known term of three or more syllables is matched by its
   * synonym token instead (the index tags it wherever it stands as a word),
   * because long bigram phrases are the most expensive thing FTS5 evaluates.
   */
  hangul(stem: string): void {
    const known = this.context.synonyms.has(stem);
    if (stem.length === 1) this.add(phrase([stem], true));
    else if (stem.length === 2 || !known) this.add(phrase(hangulBigrams(stem)));
    this.keys.hangul.add(stem);
    if (known) this.synonymsOf(stem);
  }

  /**
   * An English stem typed by the user: matched as a prefix from 3 letters
   * when longer indexed terms start with it (replica → replicaset). The exact
   * term is added too, so a question that says "docker" outranks one that
   * only says "dockerfile" (FTS5's bm25 adds up every phrase a row matches).
   */
  latinPrefix(stem: string): void {
    this.add(phrase([stem]));
    // A complete indexed word is not widened: "docker" must not rank
    // Dockerfile questions level with Docker ones. camelCase parts are
    // indexed, so "replica" still finds ReplicaSet.
    const { vocabulary } = this.context;
    const partial = /^[a-z]+$/.test(stem) ? !vocabulary.has(stem) && vocabulary.hasLonger(stem) : true;
    if (stem.length >= 3 && partial) this.add(phrase([stem], true));
    this.keys.prefixes.add(stem);
  }

  /** An indexed English term found through the vocabulary: matched exactly. */
  latinExact(term: string): void {
    this.add(phrase([term]));
    this.keys.exact.add(term);
  }

  /**
   * The synonym groups of a term (by key): one index token per group, and
   * every other term of those groups highlighted.
   */
  synonymsOf(key: string): void {
    for (const group of this.context.tagger.groupsOf(key)) this.add(phrase([synonymToken(group)]));
    for (const other of this.context.synonyms.expand(key)) {
      for (const word of splitWords(other)) {
        if (word.kind === 'hangul') this.keys.hangul.add(word.text);
        else this.keys.exact.add(stemEnglish(word.text));
      }
    }
  }
}

/** Lookup key of a word (English stemmed), for multi-word synonym matching. */
function wordKey(word: Word): string {
  return word.kind === 'latin' ? stemEnglish(word.text) : word.text;
}

/**
 * Plan a search query.
 *
 * @param query Raw user text (any length, any characters).
 * @param context Synonyms and vocabulary of the database being searched.
 * @returns The per-word expressions (empty when nothing searchable remains) and highlight keys.
 */
export function planQuery(query: string, context: PlanContext): QueryPlan {
  const { synonyms, vocabulary } = context;
  const keys: HighlightKeys = { prefixes: new Set(), exact: new Set(), hangul: new Set() };
  const words = splitWords(normalizeForSearch(query)).filter(
    (word) => !(word.kind === 'hangul' && isBareSuffix(word.text)),
  );
  type Role = 'required' | 'stopword' | 'framing';
  const groups: { expression: string; role: Role }[] = [];

  let i = 0;
  while (i < words.length && groups.length < MAX_QUERY_WORDS) {
    const group = new GroupBuilder(keys, context);
    // Multi-word synonym terms first (bind mount, 롤링 업데이트), longest first.
    let consumed = 0;
    for (let n = Math.min(synonyms.maxWords, words.length - i); n >= 2 && consumed === 0; n -= 1) {
      const span = words.slice(i, i + n);
      const head = span.slice(0, -1).map(wordKey).join(' ');
      const last = span[n - 1]!;
      const lastForms = last.kind === 'hangul' ? koreanStems(last.text, (k) => synonyms.has(k)) : [wordKey(last)];
      // Korean spacing varies (베이스 이미지 / 베이스이미지): try the words joined too.
      const allHangul = span.every((w) => w.kind === 'hangul');
      const keysToTry = lastForms.flatMap((form) => {
        const spaced = `${head} ${form}`;
        return allHangul ? [spaced, spaced.replace(/ /g, '')] : [spaced];
      });
      for (const key of keysToTry) {
        if (!synonyms.has(key)) continue;
        // The words as typed, as a phrase, plus the term's synonym groups.
        group.add(phrase(analyzeDocument(span.map((w) => w.text).join(' ')).split(' ')));
        for (const word of span) {
          if (word.kind === 'hangul') keys.hangul.add(word.text);
          else keys.prefixes.add(stemEnglish(word.text));
        }
        group.synonymsOf(key);
        consumed = n;
        break;
      }
    }
    if (consumed > 0) {
      groups.push({ expression: anyOf([...group.alternatives]), role: 'required' });
      i += consumed;
      continue;
    }

    const word = words[i]!;
    i += 1;
    if (word.kind === 'hangul') {
      const stems = koreanStems(word.text, (k) => synonyms.has(k));
      for (const stem of stems) group.hangul(stem);
      const role: Role =
        word.text.length === 1 || KOREAN_STOPWORDS.has(word.text) || stems.some((stem) => KOREAN_STOPWORDS.has(stem))
          ? 'stopword'
          : stems.some((stem) => FRAMING_WORDS.has(stem))
            ? 'framing'
            : 'required';
      groups.push({ expression: anyOf([...group.alternatives]), role });
      continue;
    }
    if (word.kind === 'jamo') {
      group.add(phrase([word.text]));
      // Initial consonants of a known term (ㄷㅋ → 도커, docker).
      for (const term of synonyms.byInitials(word.text)) {
        keys.hangul.add(term);
        group.synonymsOf(synonymKey(term));
      }
      groups.push({ expression: anyOf([...group.alternatives]), role: 'required' });
      continue;
    }

    const stem = stemEnglish(word.text);
    // Question words, and bare one- or two-digit numbers (1-stage, hands-on 05).
    if (ENGLISH_STOPWORDS.has(word.text) || /^\d{1,2}$/.test(word.text)) {
      groups.push({ expression: phrase([word.text]), role: 'stopword' });
      continue;
    }
    group.latinPrefix(stem);
    // Simple verb forms: mounted → mount*, building → build*.
    if (/^[a-z]{5,}ed$/.test(stem)) group.latinPrefix(stem.slice(0, -2));
    if (/^[a-z]{4,}ing$/.test(stem)) group.latinPrefix(stem.slice(0, -3));
    group.synonymsOf(stem);
    // Compounds containing the word (image → baseimage) only for a partial
    // word: a complete indexed word means itself (stage ≠ multistage).
    if (/^[a-z]{4,}$/.test(stem) && !vocabulary.has(stem)) {
      const compounds = vocabulary.containing(stem, MAX_INFIX);
      for (const term of compounds) group.latinExact(term);
      if (compounds.length === 0 && stem.length >= MIN_TYPO_LENGTH && !vocabulary.hasPrefix(stem)) {
        for (const term of vocabulary.corrections(stem, MAX_CORRECTIONS)) {
          group.latinExact(term);
          group.synonymsOf(term);
        }
      }
    }
    groups.push({ expression: anyOf([...group.alternatives]), role: FRAMING_WORDS.has(stem) ? 'framing' : 'required' });
  }

  // Question words (무엇인가요, how) only count when nothing else was asked;
  // framing words (차이) are required only when they are all there is.
  const required = groups.filter((group) => group.role === 'required');
  const framing = groups.filter((group) => group.role === 'framing');
  const kept = required.length > 0 ? required : framing.length > 0 ? framing : groups;
  const boosts = required.length > 0 ? framing : [];
  return {
    groups: [...new Set(kept.map((group) => group.expression))],
    boosts: [...new Set(boosts.map((group) => group.expression))],
    highlight: keys,
  };
}
