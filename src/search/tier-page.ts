/**
 * One page of one ranking tier, in prior order. search_fts rowids follow a
 * static prior (shorter questions first; see migrations/0003_search_order.sql)
 * and FTS5 yields matches in rowid order, stopping after the page: a page
 * costs what it shows, not what matches. bm25() is not used: before ranking
 * its first row FTS5 counts, for every phrase of the query, all the rows
 * containing it (IDF), which on 100,000 questions cost 5 to 40 ms per query.
 * Relevance comes from the tiers instead (see rankingTiers in query.ts).
 */
import type { Database } from 'better-sqlite3';
import {
  QUESTION_CONDITIONS,
  TOPIC_SUBTREE_CTE,
  type QuestionFilterParams,
} from '../db/repositories/question-filter.js';

/** A question on a page with its position in the prior order. */
export interface HitRow {
  seq: number;
  id: string;
  question: string;
  topic_slug: string | null;
  topic_title: string | null;
  source_id: string;
  source_path: string;
  line: number;
  position: number;
}

const FILTER_CTE = TOPIC_SUBTREE_CTE;
const FILTER_WHERE = QUESTION_CONDITIONS;
const FILTER_JOIN = 'JOIN search_docs d ON d.position = f.rowid JOIN questions q ON q.seq = d.seq';

export interface TierPager {
  /**
   * Rows `offset` to `offset + limit` of the tier whose FTS5 expression over
   * `table` is `match` (membership and ranking), in ranking order.
   */
  page(table: TierTable, match: string, filters: QuestionFilterParams | null, offset: number, limit: number): HitRow[];
}

/** Which FTS5 table a tier searches: question texts only, or whole questions. */
export type TierTable = 'search_titles' | 'search_fts';

/** Prepare the tier statements for `db`. */
export function createTierPager(db: Database): TierPager {
  const statements = (table: TierTable) => ({
    // FTS5 alone when there are no filters.
    plain: db
      .prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH @match ORDER BY rowid LIMIT @limit OFFSET @offset`)
      .pluck(),
    filtered: db
      .prepare(
        `${FILTER_CTE} SELECT f.rowid FROM ${table} f ${FILTER_JOIN}
        WHERE ${table} MATCH @match AND ${FILTER_WHERE} ORDER BY f.rowid LIMIT @limit OFFSET @offset`,
      )
      .pluck(),
  });
  const byTable = { search_titles: statements('search_titles'), search_fts: statements('search_fts') };
  const hit = db.prepare<[number], Omit<HitRow, 'position'>>(
    `SELECT q.seq, q.id, q.question, q.topic_slug, t.title AS topic_title, q.source_id, s.path AS source_path, q.line
       FROM search_docs d JOIN questions q ON q.seq = d.seq
       JOIN sources s ON s.id = q.source_id LEFT JOIN topics t ON t.slug = q.topic_slug
      WHERE d.position = ?`,
  );

  return {
    page(table, match, filters, offset, limit) {
      const positions = (
        filters
          ? byTable[table].filtered.all({ ...filters, match, limit, offset })
          : byTable[table].plain.all({ match, limit, offset })
      ) as number[];
      return positions.map((position) => ({ ...hit.get(position)!, position }));
    },
  };
}
