/**
 * Query analysis: user text → one group per query word, each a set of
 * alternatives (index-term phrases) with a match quality, plus the keys that
 * highlight matches in results. A word's alternatives are its own forms
 * (Korean particle- and ending-stripped stems, 하다/되다 nouns), its synonyms
 * (the file and the built-in glossary), compounds split or joined through the
 * index vocabulary, and, for a word the index does not know, its typo
 * corrections (jamo distance for Hangul, one edit for English) and, for a
 * Hangul loanword, English terms that sound the same. Every group knows its
 * FTS5 expression (for finding candidates) and its alternatives (for
 * scoring, see score.ts).
 */
import { analyzeDocument, hangulBigrams } from './analyze.js';
import { anyOf, phrase } from './fts-query.js';
import {
  endsLikePredicate,
  ENGLISH_STOPWORDS,
  FRAMING_WORDS,
  isBareSuffix,
  isLightWord,
  koreanStems,
  vocabularyForms,
} from './korean.js';
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
/** English typos are corrected only in words at least this long ("one typo in longer words"). */
const MIN_TYPO_LENGTH = 5;

/** Match quality of each kind of alternative: exact forms outrank everything found by guessing. */
export const QUALITY = {
  exact: 1,
  stem: 0.95,
  compound: 0.95,
  synonym: 0.9,
  prefix: 0.85,
  loanword: 0.8,
  shortStem: 0.8,
  typo: 0.7,
} as const;

/** What to mark in result text. */
export interface HighlightKeys {
  /** English stems matched as word prefixes (replica → ReplicaSet). */
  prefixes: Set<string>;
  /** English terms matched as whole words (corrections, compounds). */
  exact: Set<string>;
  /** Korean strings matched anywhere inside Hangul words. */
  hangul: Set<string>;
}

/** One way a query word can occur in a document. */
export interface Alternative {
  /** Index-term phrases; two phrases (a split compound) must occur near each other. */
  phrases: string[][];
  /** The last term of each phrase matches any term starting with it. */
  prefix: boolean;
  /** 0-1: how sure a match through this alternative is a match of the word. */
  quality: number;
}

/** How much a word says about the topic. */
export type Role = 'content' | 'predicate' | 'framing';

export interface PlanGroup {
  /** The query word(s) as typed (normalised). */
  text: string;
  role: Role;
  alternatives: Alternative[];
  /** FTS5 expression matching any alternative. */
  expression: string;
}

export interface QueryPlan {
  /** One group per query word that carries meaning, in query order. */
  groups: PlanGroup[];
  highlight: HighlightKeys;
}

export interface PlanContext {
  synonyms: SynonymLookup;
  tagger: SynonymTagger;
  vocabulary: Vocabulary;
}

/** The FTS5 expression of one alternative. */
export function alternativeExpression(alternative: Alternative): string {
  const phrases = alternative.phrases.map((terms) => phrase(terms, alternative.prefix));
  return phrases.length === 1 ? phrases[0]! : `NEAR(${phrases.join(' ')}, 3)`;
}

class GroupBuilder {
  readonly alternatives = new Map<string, Alternative>();
  constructor(
    private readonly keys: HighlightKeys,
    private readonly context: PlanContext,
  ) {}

  add(phrases: string[][], quality: number, prefix = false): void {
    const alternative = { phrases, prefix, quality };
    const key = alternativeExpression(alternative);
    const known = this.alternatives.get(key);
    if (known) known.quality = Math.max(known.quality, quality);
    else if (this.alternatives.size < MAX_ALTERNATIVES) this.alternatives.set(key, alternative);
  }

  /**
   * A Korean stem. Its bigrams as a phrase find it inside any inflected form
   * or compound; a known term of three or more syllables is matched by its
   * synonym token instead (the index tags it wherever it stands as a word),
   * because long bigram phrases are the most expensive thing FTS5 evaluates.
   */
  hangul(stem: string, quality: number): void {
    const known = this.context.synonyms.has(stem);
    if (stem.length === 1) this.add([[stem]], quality * QUALITY.shortStem, true);
    else if (stem.length === 2 || !known) this.add([hangulBigrams(stem)], quality);
    this.keys.hangul.add(stem);
    if (known) this.synonymsOf(stem, known && stem.length > 2 ? quality : quality * QUALITY.synonym);
  }

  /**
   * An English stem typed by the user: matched as a prefix from 3 letters
   * when longer indexed terms start with it but it is no word of its own
   * (replica → replicaset); a complete word means itself (docker is not
   * dockerfile; camelCase parts are indexed, so replica still finds ReplicaSet).
   */
  latinPrefix(stem: string, quality: number): void {
    this.add([[stem]], quality);
    const { vocabulary } = this.context;
    const partial = /^[a-z]+$/.test(stem) ? !vocabulary.has(stem) && vocabulary.hasLonger(stem) : true;
    if (stem.length >= 3 && partial) this.add([[stem]], quality * QUALITY.prefix, true);
    this.keys.prefixes.add(stem);
  }

  /** An indexed English term found through the vocabulary: matched exactly. */
  latinExact(term: string, quality: number): void {
    this.add([[term]], quality);
    this.keys.exact.add(term);
  }

  /** The synonym groups of a term (by key): one index token per group, every other term highlighted. */
  synonymsOf(key: string, quality: number = QUALITY.synonym): void {
    for (const group of this.context.tagger.groupsOf(key)) this.add([[synonymToken(group)]], quality);
    for (const other of this.context.synonyms.expand(key)) {
      for (const word of splitWords(other)) {
        if (word.kind === 'hangul') this.keys.hangul.add(word.text);
        else this.keys.exact.add(stemEnglish(word.text));
      }
    }
  }

  build(text: string, role: Role): PlanGroup {
    const alternatives = [...this.alternatives.values()];
    return { text, role, alternatives, expression: anyOf(alternatives.map(alternativeExpression)) };
  }
}

/** Lookup key of a word (English stemmed), for multi-word synonym matching. */
function wordKey(word: Word): string {
  return word.kind === 'latin' ? stemEnglish(word.text) : word.text;
}

/** True when the index or the synonyms know `stem` as a Hangul word. */
function knownHangul(stem: string, context: PlanContext): boolean {
  return context.synonyms.has(stem) || context.vocabulary.hasWord(stem);
}

/**
 * A compound the index only has spaced (보안그룹 → 보안 + 그룹): the split
 * point where both parts are known words, longest left part first.
 */
function splitCompound(stem: string, context: PlanContext): [string, string] | undefined {
  for (let cut = stem.length - 2; cut >= 2; cut -= 1) {
    const left = stem.slice(0, cut);
    const right = stem.slice(cut);
    if (knownHangul(left, context) && knownHangul(right, context)) return [left, right];
  }
  return undefined;
}

/** Alternatives of a Hangul word the index does not know: split compound, typo, loanword. */
function unknownHangul(group: GroupBuilder, word: string, stems: string[], context: PlanContext): void {
  const { vocabulary, synonyms } = context;
  for (const stem of stems) {
    if (stem.length < 2) continue;
    const split = splitCompound(stem, context);
    if (split) {
      group.add([hangulBigrams(split[0]), hangulBigrams(split[1])], QUALITY.compound);
      for (const part of split) if (synonyms.has(part)) group.synonymsOf(part, QUALITY.synonym * QUALITY.compound);
      return;
    }
  }
  // A loanword spelled in Hangul: English terms that sound the same.
  let loanword = false;
  for (const form of vocabularyForms(word)) {
    if (form.length < 2) continue;
    for (const { term, exact } of vocabulary.soundsLike(form, MAX_CORRECTIONS)) {
      const quality = exact ? QUALITY.loanword : QUALITY.typo;
      group.latinExact(term, quality);
      group.synonymsOf(term, quality * QUALITY.synonym);
      loanword ||= exact;
    }
  }
  if (loanword) return;
  // One jamo or one syllable off a known word (레플리카샛 → 레플리카셋).
  for (const stem of stems) {
    if (stem.length < 2) continue;
    const corrections = vocabulary.hangulCorrections(stem, MAX_CORRECTIONS);
    for (const term of corrections) {
      group.add([hangulBigrams(term)], QUALITY.typo);
      if (synonyms.has(term)) group.synonymsOf(term, QUALITY.typo);
    }
    if (corrections.length > 0) break;
  }
}

/** A Hangul word the index knows may still be a loanword whose English original the documents use (컨트롤러 → controller). */
function knownLoanword(group: GroupBuilder, word: string, context: PlanContext): void {
  for (const form of vocabularyForms(word)) {
    if (form.length < 2 || context.synonyms.has(form)) continue;
    for (const { term } of context.vocabulary.soundsLike(form, 1, true)) {
      group.latinExact(term, QUALITY.loanword * QUALITY.synonym);
      group.synonymsOf(term, QUALITY.loanword * QUALITY.synonym);
    }
  }
}

/**
 * Plan a search query.
 *
 * @param query Raw user text (any length, any characters).
 * @param context Synonyms and vocabulary of the database being searched.
 * @returns One group per meaningful query word (empty when nothing searchable remains) and highlight keys.
 */
export function planQuery(query: string, context: PlanContext): QueryPlan {
  const { synonyms, vocabulary } = context;
  const keys: HighlightKeys = { prefixes: new Set(), exact: new Set(), hangul: new Set() };
  const words = splitWords(normalizeForSearch(query)).filter(
    (word) => !(word.kind === 'hangul' && isBareSuffix(word.text)),
  );
  const isSynonym = (stem: string): boolean => synonyms.has(stem);
  const isWord = (stem: string): boolean => vocabulary.hasWord(stem);
  const groups: PlanGroup[] = [];
  const stopwords: PlanGroup[] = [];

  let i = 0;
  while (i < words.length && groups.length < MAX_QUERY_WORDS) {
    const group = new GroupBuilder(keys, context);
    // Multi-word synonym terms first (bind mount, 롤링 업데이트), longest first.
    let consumed = 0;
    for (let n = Math.min(synonyms.maxWords, words.length - i); n >= 2 && consumed === 0; n -= 1) {
      const span = words.slice(i, i + n);
      const head = span.slice(0, -1).map(wordKey).join(' ');
      const last = span[n - 1]!;
      const lastForms = last.kind === 'hangul' ? koreanStems(last.text, isSynonym) : [wordKey(last)];
      // Korean spacing varies (베이스 이미지 / 베이스이미지): try the words joined too.
      const allHangul = span.every((w) => w.kind === 'hangul');
      const keysToTry = lastForms.flatMap((form) => {
        const spaced = `${head} ${form}`;
        return allHangul ? [spaced, spaced.replace(/ /g, '')] : [spaced];
      });
      for (const key of keysToTry) {
        if (!synonyms.has(key)) continue;
        // The words as typed, as a phrase, plus the term's synonym groups.
        group.add([analyzeDocument(span.map((w) => w.text).join(' ')).split(' ')], QUALITY.exact);
        if (allHangul) group.add([hangulBigrams(key.replace(/ /g, ''))], QUALITY.exact);
        for (const word of span) {
          if (word.kind === 'hangul') keys.hangul.add(word.text);
          else keys.prefixes.add(stemEnglish(word.text));
        }
        group.synonymsOf(key, QUALITY.exact);
        consumed = n;
        break;
      }
    }
    if (consumed > 0) {
      groups.push(
        group.build(
          words
            .slice(i, i + consumed)
            .map((w) => w.text)
            .join(' '),
          'content',
        ),
      );
      i += consumed;
      continue;
    }

    const word = words[i]!;
    i += 1;
    if (word.kind === 'hangul') {
      const stems = koreanStems(word.text, isSynonym, isWord);
      if (isLightWord(word.text) || (word.text.length === 1 && !knownHangul(word.text, context))) {
        for (const stem of stems) group.hangul(stem, QUALITY.exact);
        stopwords.push(group.build(word.text, 'content'));
        continue;
      }
      // Spacing: two words the index knows as one (로드 밸런서 → 로드밸런서).
      const next = words[i];
      if (next?.kind === 'hangul') {
        const joined = koreanStems(next.text, isSynonym, isWord)
          .map((stem) => word.text + stem)
          .find((candidate) => candidate.length >= 3 && knownHangul(candidate, context));
        if (joined) {
          group.hangul(joined, QUALITY.exact);
          group.add([hangulBigrams(word.text), hangulBigrams(joined.slice(word.text.length))], QUALITY.compound);
          groups.push(group.build(`${word.text} ${next.text}`, 'content'));
          i += 1;
          continue;
        }
      }
      stems.forEach((stem, index) => group.hangul(stem, index === 0 ? QUALITY.exact : QUALITY.stem));
      // Known: a word of the index, or the start of one (의미 in 의미인가요); only
      // unknown words are split, corrected or read as loanwords.
      const known = stems.some(
        (stem) => stem.length >= 2 && (knownHangul(stem, context) || vocabulary.startsWord(stem)),
      );
      if (!known) unknownHangul(group, word.text, stems, context);
      else knownLoanword(group, word.text, context);
      const role: Role = stems.some((stem) => FRAMING_WORDS.has(stem))
        ? 'framing'
        : endsLikePredicate(word.text) && !stems.some((stem) => stem.length >= 2 && stem !== word.text && isWord(stem))
          ? 'predicate'
          : 'content';
      groups.push(group.build(word.text, role));
      continue;
    }
    if (word.kind === 'jamo') {
      group.add([[word.text]], QUALITY.exact);
      // Initial consonants of a known term (ㄷㅋ → 도커, docker).
      for (const term of synonyms.byInitials(word.text)) {
        keys.hangul.add(term);
        group.synonymsOf(synonymKey(term), QUALITY.exact);
      }
      groups.push(group.build(word.text, 'content'));
      continue;
    }

    const stem = stemEnglish(word.text);
    // Question words, and bare one- or two-digit numbers (1-stage, hands-on 05).
    if (ENGLISH_STOPWORDS.has(word.text) || /^\d{1,2}$/.test(word.text)) {
      group.add([[word.text]], QUALITY.exact);
      stopwords.push(group.build(word.text, 'content'));
      continue;
    }
    group.latinPrefix(stem, QUALITY.exact);
    // Simple verb forms: mounted → mount*, building → build*.
    if (/^[a-z]{5,}ed$/.test(stem)) group.latinPrefix(stem.slice(0, -2), QUALITY.stem);
    if (/^[a-z]{4,}ing$/.test(stem)) group.latinPrefix(stem.slice(0, -3), QUALITY.stem);
    group.synonymsOf(stem);
    // Compounds containing the word (image → baseimage) only for a partial
    // word: a complete indexed word means itself (stage ≠ multistage).
    if (/^[a-z]{4,}$/.test(stem) && !vocabulary.has(stem)) {
      const compounds = vocabulary.containing(stem, MAX_INFIX);
      for (const term of compounds) group.latinExact(term, QUALITY.prefix);
      if (compounds.length === 0 && stem.length >= MIN_TYPO_LENGTH && !vocabulary.hasPrefix(stem)) {
        for (const term of vocabulary.corrections(stem, MAX_CORRECTIONS)) {
          group.latinExact(term, QUALITY.typo);
          group.synonymsOf(term, QUALITY.typo);
        }
      }
    }
    groups.push(group.build(word.text, FRAMING_WORDS.has(stem) ? 'framing' : 'content'));
  }

  // Question words (무엇인가요, how) only count when nothing else was asked.
  const kept = groups.length > 0 ? groups : stopwords;
  const seen = new Set<string>();
  return {
    groups: kept.filter((group) => {
      if (seen.has(group.expression)) return false;
      seen.add(group.expression);
      return true;
    }),
    highlight: keys,
  };
}
