/**
 * The searcher the HTTP layer uses: ranked full-text search over questions,
 * answers and code, related questions, and as-you-type suggestions over
 * question titles. Everything is prepared once per database handle.
 *
 * Ranking in two steps, so a query costs what it reads, not what matches:
 * each query word's FTS5 expression lists the questions containing it (at
 * most PER_WORD of them, in prior order), and each listed question gets an
 * upper bound, the summed weights of the words it may contain; the best
 * RERANK by that bound are scored exactly from their analysed fields
 * (score.ts) and sorted by score.
 */
import type { Database } from 'better-sqlite3';
import { decodeCursor, encodeCursor, fingerprint, type SearchCursor } from './cursor.js';
import { SearchError } from './errors.js';
import { createCandidateReader, type HitRow } from './candidates.js';
import { combine } from './fts-query.js';
import { highlight, type Segment } from './highlight.js';
import { normalizeForSearch } from './normalize.js';
import { planQuery, type Alternative, type QueryPlan } from './query-plan.js';
import { groupWeight, scoreQuestion, type WeightedGroup } from './score.js';
import { createSuggester, type Suggestion } from './suggest.js';
import { createSynonymLookup, readSynonyms } from './synonym-lookup.js';
import { createSynonymTagger } from './synonym-tokens.js';
import { questionFilterParams, type QuestionFilterParams } from '../db/repositories/question-filter.js';
import { createVocabulary } from './vocabulary.js';

export interface SearchParams {
  q: string;
  /** Topic slug; includes its subtopics. */
  topic?: string | undefined;
  source?: string | undefined;
  hasCode?: boolean | undefined;
  /** ISO 8601 in `toISOString()` form. */
  updatedSince?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface SearchHit {
  id: string;
  question: string;
  topic: { slug: string; title: string } | null;
  source: { id: string; path: string; line: number };
  /**
   * Relevance in 0-1, comparable across queries: the share of the query's
   * weight (rare words weigh more) the question matched, discounted by where
   * (answers and code below the question text) and how (typo corrections
   * below exact words). At or above GOOD_MATCH it is a good answer.
   */
  score: number;
  /** True when the question matched every word of the query that carries meaning. */
  matchedAllTerms: boolean;
  highlights: Segment[];
}

/**
 * Scores at or above this are good matches: most of the query's weight
 * found, largely in the question text. Below it a frontend should say "no
 * good answer yet" (bench/README.md shows how it separates the dev set's
 * answers from its out-of-domain queries).
 */
export const GOOD_MATCH = 0.5;

export interface SearchPage {
  items: SearchHit[];
  nextCursor: string | null;
}

export interface SuggestParams {
  q: string;
  limit: number;
}

export interface RelatedParams {
  id: string;
  limit: number;
}

export interface Searcher {
  /** Ranked hits for `q`; throws SearchError for unknown filters and bad cursors. */
  search(params: SearchParams): SearchPage;
  /** Questions most like question `id` (its own text as the query), itself excluded; throws ApiError for an unknown id. */
  related(params: RelatedParams): { items: SearchHit[] };
  /** Question titles completing `q` as typed so far. */
  suggest(params: SuggestParams): { items: Suggestion[] };
  /** The query plan (groups of alternatives per word), for tests and debugging. */
  plan(q: string): QueryPlan;
}

/** Questions listed per query word: all of them in a course-sized corpus, the first in prior order at scale. */
const PER_WORD = 400;
/** Questions with every word, listed in prior order on top of the per-word lists. */
const ALL_WORDS = 200;
/** Questions scored exactly, at least. */
const RERANK = 30;
/** The most a word found outside the question text adds to the bound (the answers' field weight, see score.ts). */
const OUTSIDE_TITLE = 0.7;
/** The deepest a ranking goes (offset + limit); pages beyond it are empty. */
const MAX_DEPTH = 1000;

/** Ranked positions with their scores. */
interface Ranked {
  position: number;
  score: number;
  matchedAll: boolean;
}

/**
 * Prepare search over `db` (a seeded database with the search migrations applied).
 *
 * @param db The database to search; read-only use.
 * @returns The searcher.
 */
export function createSearcher(db: Database): Searcher {
  const groups = readSynonyms(db);
  const synonyms = createSynonymLookup(groups);
  const vocabulary = createVocabulary(db);
  const context = { synonyms, tagger: createSynonymTagger(groups), vocabulary };
  const reader = createCandidateReader(db);
  const { stats } = reader;
  // Document frequencies of the terms queries use, remembered (bounded).
  const dfCache = new Map<string, number>();
  const dfOf = (term: string): number => {
    let df = dfCache.get(term);
    if (df === undefined) {
      df = reader.df(term);
      if (dfCache.size < 100_000) dfCache.set(term, df);
    }
    return df;
  };
  const topicExists = db.prepare<[string], number>('SELECT 1 FROM topics WHERE slug = ?').pluck();
  const sourceExists = db.prepare<[string], number>('SELECT 1 FROM sources WHERE id = ?').pluck();

  /** Questions containing an alternative, estimated from its rarest term (phrases are no more common than their rarest word). */
  const alternativeDf = (alternative: Alternative): number => {
    let df = stats.questions;
    for (const terms of alternative.phrases) {
      for (const [index, term] of terms.entries()) {
        // A prefix term stands for many terms: count it as common unless it is a term itself.
        const count =
          alternative.prefix && index === terms.length - 1 ? Math.max(dfOf(term), stats.questions / 20) : dfOf(term);
        df = Math.min(df, count);
      }
    }
    return df;
  };
  const weigh = (plan: QueryPlan): WeightedGroup[] =>
    plan.groups.map((group) => {
      const df = Math.min(stats.questions, Math.max(0, ...group.alternatives.map(alternativeDf)));
      return { ...group, weight: groupWeight(group, df, stats.questions) };
    });

  /** The first `depth` questions for a weighted plan, best first. */
  const rank = (weighted: WeightedGroup[], filters: QuestionFilterParams | null, depth: number): Ranked[] => {
    if (weighted.length === 0) return [];
    const bound = new Map<number, number>();
    // Each word's questions, and those with it in the question text (which
    // the bound credits in full; elsewhere at most the answers' weight).
    const lists = weighted.map((group) => {
      const list = reader.matching(group.expression, filters, PER_WORD);
      const titles = new Set(reader.matching(`{question} : (${group.expression})`, filters, PER_WORD));
      return { group, list, members: new Set(list), titles, complete: list.length < PER_WORD };
    });
    for (const { list } of lists) for (const position of list) bound.set(position, 0);
    if (weighted.length >= 2) {
      const all = combine(
        weighted.map((group) => `(${group.expression})`),
        'AND',
      );
      for (const position of reader.matching(all, filters, ALL_WORDS)) bound.set(position, 0);
    }
    // Upper bound on the score's numerator: each word's weight where the
    // question has it in its text, less where only elsewhere; a word that
    // may lie beyond the end of a capped list counts in full.
    for (const position of bound.keys()) {
      let sum = 0;
      for (const { group, list, members, titles, complete } of lists) {
        if (titles.has(position) || (!complete && position > list[list.length - 1]!)) sum += group.weight;
        else if (members.has(position)) sum += group.weight * OUTSIDE_TITLE;
      }
      bound.set(position, sum);
    }
    const shortlist = [...bound]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, Math.max(RERANK, depth + 20))
      .map(([position]) => position);
    const ranked: Ranked[] = [];
    for (const position of shortlist) {
      const { score, matchedAll } = scoreQuestion(reader.forward(position), weighted, stats);
      if (score > 0) ranked.push({ position, score, matchedAll });
    }
    return ranked.sort((a, b) => b.score - a.score || a.position - b.position).slice(0, depth);
  };

  const toHit = (ranked: Ranked, plan: QueryPlan): SearchHit => {
    const row: HitRow = reader.hit(ranked.position);
    return {
      id: row.id,
      question: row.question,
      topic: row.topic_slug === null ? null : { slug: row.topic_slug, title: row.topic_title ?? row.topic_slug },
      source: { id: row.source_id, path: row.source_path, line: row.line },
      score: Number(ranked.score.toFixed(4)),
      matchedAllTerms: ranked.matchedAll,
      highlights: highlight(row.question, plan.highlight),
    };
  };

  const search = (params: SearchParams): SearchPage => {
    if (params.topic !== undefined && topicExists.get(params.topic) === undefined)
      throw new SearchError('unknown-topic', params.topic, `No topic with slug "${params.topic}".`);
    if (params.source !== undefined && sourceExists.get(params.source) === undefined)
      throw new SearchError('unknown-source', params.source, `No source with id "${params.source}".`);
    const filters = questionFilterParams(params);
    const filtered = Object.values(filters).some((value) => value !== null);
    const print = fingerprint(JSON.stringify([normalizeForSearch(params.q), filters]));
    let cursor: SearchCursor = { tier: 0, offset: 0 };
    if (params.cursor !== undefined) {
      const decoded = decodeCursor(params.cursor, print);
      if (!decoded) {
        throw new SearchError(
          'invalid-cursor',
          params.cursor,
          'The cursor is malformed or belongs to a different search; start again without it.',
        );
      }
      cursor = decoded;
    }
    const plan = planQuery(params.q, context);
    const end = Math.min(MAX_DEPTH, cursor.offset + params.limit);
    const ranked = rank(weigh(plan), filtered ? filters : null, end + 1);
    const items = ranked.slice(cursor.offset, end).map((entry) => toHit(entry, plan));
    const more = ranked.length > end && end < MAX_DEPTH;
    return { items, nextCursor: more ? encodeCursor({ tier: 0, offset: end }, print) : null };
  };

  const related = (params: RelatedParams): { items: SearchHit[] } => {
    const position = reader.positionOf(params.id);
    if (position === undefined)
      throw new SearchError('unknown-question', params.id, `No question with id "${params.id}".`);
    const plan = planQuery(reader.hit(position).question, context);
    const ranked = rank(weigh(plan), null, params.limit + 1).filter((entry) => entry.position !== position);
    return { items: ranked.slice(0, params.limit).map((entry) => toHit(entry, plan)) };
  };

  const suggester = createSuggester(db, groups, synonyms, (q, limit) => search({ q, limit }).items);
  return {
    search,
    related,
    suggest: (params) => suggester(params.q, params.limit),
    plan: (q) => planQuery(q, context),
  };
}
