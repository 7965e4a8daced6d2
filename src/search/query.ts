/**
 * The searcher the HTTP layer uses: ranked full-text search over questions,
 * answers and code, and as-you-type suggestions over question titles.
 * Everything is prepared once per database handle.
 */
import type { Database } from 'better-sqlite3';
import { decodeCursor, encodeCursor, fingerprint, type SearchCursor } from './cursor.js';
import { SearchError } from './errors.js';
import { combine } from './fts-query.js';
import { highlight, type Segment } from './highlight.js';
import { normalizeForSearch } from './normalize.js';
import { planQuery, type QueryPlan } from './query-plan.js';
import { createSuggester, type Suggestion } from './suggest.js';
import { createSynonymLookup, readSynonyms } from './synonym-lookup.js';
import { createSynonymTagger } from './synonym-tokens.js';
import { questionFilterParams } from '../db/repositories/question-filter.js';
import { createTierPager, type HitRow, type TierTable } from './tier-page.js';
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
  /** Relevance, higher is better: the tier (where the words matched) plus a prior for shorter questions. */
  score: number;
  /** True when the question matched every word of the query; these come first. */
  matchedAllTerms: boolean;
  highlights: Segment[];
}

export interface SearchPage {
  items: SearchHit[];
  nextCursor: string | null;
}

export interface SuggestParams {
  q: string;
  limit: number;
}

export interface Searcher {
  /** Ranked hits for `q`; throws SearchError for unknown filters and bad cursors. */
  search(params: SearchParams): SearchPage;
  /** Question titles completing `q` as typed so far. */
  suggest(params: SuggestParams): { items: Suggestion[] };
  /** The query plan (FTS5 expressions per word), for tests and debugging. */
  plan(q: string): QueryPlan;
}

/** One slice of the ranking: questions matching `match` and no earlier tier, ordered by bm25. */
/** One slice of the ranking: questions matching `match` and no earlier tier, in prior order. */
export interface RankingTier {
  /** The FTS5 table the tier searches. */
  table: TierTable;
  /** FTS5 expression of the questions in this tier and in no earlier one. */
  match: string;
  /** True when every query word matched in this tier. */
  matchedAll: boolean;
}

/** The most tiers a query has. */
const MAX_TIERS = 5;

/** Coordination tiers are built only up to this many query words (the n-1 tier has n clauses). */
const MAX_NEAR_ALL_WORDS = 3;

/**
 * The ranking tiers of a query, strongest first: every word in the question
 * text; every word in question and answers; every word anywhere (code too);
 * all words but one; any word. Within a tier, shorter questions come first
 * (the prior order of search_fts rowids).
 *
 * @param groups One FTS5 expression per query word.
 * @returns Tiers; [] when there is nothing to search for.
 */
export function rankingTiers(groups: readonly string[]): RankingTier[] {
  if (groups.length === 0) return [];
  const all = combine(groups, 'AND');
  // Where every word occurs decides the order: question text, then answers,
  // then code (the weighting, as tiers instead of bm25 weights).
  const sets = [`{question} : (${all})`, `{question answers} : (${all})`, all];
  if (groups.length >= 3 && groups.length <= MAX_NEAR_ALL_WORDS) {
    const allButOne = groups.map(
      (_, skip) =>
        `(${combine(
          groups.filter((_, i) => i !== skip),
          'AND',
        )})`,
    );
    sets.push(combine(allButOne, 'OR'));
  }
  if (groups.length >= 2) sets.push(combine(groups, 'OR'));
  // Tier 0 runs on the titles table; the others on whole questions, each
  // leaving out the tier before it (tiers are nested, so that is enough;
  // FTS5 evaluates the NOT lazily while walking matches).
  return sets.map((set, index) =>
    index === 0
      ? { table: 'search_titles', match: all, matchedAll: true }
      : { table: 'search_fts', match: `(${set}) NOT (${sets[index - 1]})`, matchedAll: index < 3 },
  );
}

/**
 * Prepare search over `db` (a seeded database with migration 0002 applied).
 *
 * @param db The database to search; read-only use.
 * @returns The searcher.
 */
export function createSearcher(db: Database): Searcher {
  const groups = readSynonyms(db);
  const synonyms = createSynonymLookup(groups);
  const vocabulary = createVocabulary(db);
  const context = { synonyms, tagger: createSynonymTagger(groups), vocabulary };

  const pager = createTierPager(db);
  const questionCount = (db.prepare('SELECT count(*) FROM search_docs').pluck().get() as number) || 1;
  /**
   * Higher is better and follows the ranking: the tier (5 = every word in
   * the question … 1 = some word) plus a fraction for the prior position.
   */
  const scoreOf = (tier: number, position: number): number =>
    Number((MAX_TIERS - tier + 1 - position / (questionCount + 1)).toFixed(6));
  const topicExists = db.prepare<[string], number>('SELECT 1 FROM topics WHERE slug = ?').pluck();
  const sourceExists = db.prepare<[string], number>('SELECT 1 FROM sources WHERE id = ?').pluck();

  const toHit = (row: HitRow, plan: QueryPlan, tier: number, matchedAllTerms: boolean): SearchHit => ({
    id: row.id,
    question: row.question,
    topic: row.topic_slug === null ? null : { slug: row.topic_slug, title: row.topic_title ?? row.topic_slug },
    source: { id: row.source_id, path: row.source_path, line: row.line },
    score: scoreOf(tier, row.position),
    matchedAllTerms,
    highlights: highlight(row.question, plan.highlight),
  });

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
    const tiers = rankingTiers(plan.groups);
    const { limit } = params;
    const items: SearchHit[] = [];
    let next: SearchCursor | null = null;
    for (let tier = cursor.tier, offset = cursor.offset; tier < tiers.length; tier += 1, offset = 0) {
      const want = limit - items.length;
      const { table, match, matchedAll } = tiers[tier]!;
      const rows = pager.page(table, match, filtered ? filters : null, offset, want + 1);
      for (const row of rows.slice(0, want)) items.push(toHit(row, plan, tier, matchedAll));
      if (rows.length > want) {
        next = { tier, offset: offset + want };
        break;
      }
    }
    return { items, nextCursor: next === null ? null : encodeCursor(next, print) };
  };

  const suggester = createSuggester(db, groups, synonyms, (q, limit) => search({ q, limit }).items);
  return {
    search,
    suggest: (params) => suggester(params.q, params.limit),
    plan: (q) => planQuery(q, context),
  };
}
