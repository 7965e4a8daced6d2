/**
 * One page of one ranking tier, without scoring every match. search_fts
 * rowids follow a static prior order (shorter questions first; see
 * migrations/0003_search_order.sql), and FTS5 yields matches in rowid order
 * almost for free. So a tier is ordered as: its first WINDOW matches in
 * prior order, ranked by bm25; then the rest in prior order. A tier with
 * at most WINDOW matches (every specific query) is ranked entirely by bm25;
 * a broad one costs WINDOW bm25 evaluations instead of tens of thousands.
 */
import type { Database, Statement } from 'better-sqlite3';

/** Matches ranked by bm25 per tier; beyond them, prior order. */
export const WINDOW = 256;

/** Column weights for bm25: question text counts most, then answers, then code. */
export const COLUMN_WEIGHTS = { question: 10, answers: 4, code: 1 } as const;
const RANK = `bm25(search_fts, ${COLUMN_WEIGHTS.question}, ${COLUMN_WEIGHTS.answers}, ${COLUMN_WEIGHTS.code})`;

/** Question filters; null switches one off. */
export interface FilterParams {
  topic: string | null;
  source: string | null;
  hasCode: number | null;
  updatedSince: string | null;
}

/** A question on a page with its bm25 value (negative: lower is better). */
export interface HitRow {
  seq: number;
  id: string;
  question: string;
  topic_slug: string | null;
  topic_title: string | null;
  source_id: string;
  source_path: string;
  line: number;
  rank: number;
}

const FILTER_CTE = `WITH RECURSIVE subtree(slug) AS (
    SELECT @topic WHERE @topic IS NOT NULL
    UNION ALL SELECT c.slug FROM topics c JOIN subtree ON c.parent_slug = subtree.slug
  )`;
const FILTER_WHERE = `(@topic IS NULL OR q.topic_slug IN (SELECT slug FROM subtree))
  AND (@source IS NULL OR q.source_id = @source)
  AND (@hasCode IS NULL OR q.has_code = @hasCode)
  AND (@updatedSince IS NULL OR q.updated_at >= @updatedSince)`;
const FILTER_JOIN = 'JOIN search_docs d ON d.position = f.rowid JOIN questions q ON q.seq = d.seq';

interface Ranked {
  position: number;
  rank: number;
}

export interface TierPager {
  /**
   * Rows `offset` to `offset + limit` of the tier whose FTS5 expression over
   * `table` is `match` (membership and ranking), in ranking order.
   */
  page(table: TierTable, match: string, filters: FilterParams | null, offset: number, limit: number): HitRow[];
}

/** Which FTS5 table a tier searches: question texts only, or whole questions. */
export type TierTable = 'search_titles' | 'search_fts';

/** bm25 per table: question text counts most, then answers, then code. */
function rankOf(table: TierTable): string {
  return table === 'search_titles' ? 'bm25(search_titles)' : RANK;
}

/** Prepare the tier statements for `db`. */
export function createTierPager(db: Database): TierPager {
  // One pass collects the window: the first WINDOW matches in rowid order
  // with their bm25 values (FTS5 stops after WINDOW rows); JS sorts them.
  // FTS5 runs alone when there are no filters.
  const statements = (table: TierTable) => ({
    plain: {
      window: db.prepare(`SELECT rowid AS position, ${rankOf(table)} AS rank FROM ${table} WHERE ${table} MATCH @match ORDER BY rowid LIMIT ${WINDOW}`),
      tail: db.prepare(
        `SELECT rowid AS position, ${rankOf(table)} AS rank FROM ${table} WHERE ${table} MATCH @match AND rowid > @bound
          ORDER BY rowid LIMIT @limit OFFSET @offset`,
      ),
    },
    filtered: {
      window: db.prepare(
        `${FILTER_CTE} SELECT f.rowid AS position, ${rankOf(table)} AS rank FROM ${table} f ${FILTER_JOIN}
          WHERE ${table} MATCH @match AND ${FILTER_WHERE} ORDER BY f.rowid LIMIT ${WINDOW}`,
      ),
      tail: db.prepare(
        `${FILTER_CTE} SELECT f.rowid AS position, ${rankOf(table)} AS rank FROM ${table} f ${FILTER_JOIN}
          WHERE ${table} MATCH @match AND f.rowid > @bound AND ${FILTER_WHERE}
          ORDER BY f.rowid LIMIT @limit OFFSET @offset`,
      ),
    },
  });
  const byTable = { search_titles: statements('search_titles'), search_fts: statements('search_fts') };
  const hit = db.prepare<[number], Omit<HitRow, 'rank'>>(
    `SELECT q.seq, q.id, q.question, q.topic_slug, t.title AS topic_title, q.source_id, s.path AS source_path, q.line
       FROM search_docs d JOIN questions q ON q.seq = d.seq
       JOIN sources s ON s.id = q.source_id LEFT JOIN topics t ON t.slug = q.topic_slug
      WHERE d.position = ?`,
  );

  const all = (statement: Statement, params: Record<string, unknown>): Ranked[] => statement.all(params) as Ranked[];

  return {
    page(table, match, filters, offset, limit) {
      const set = filters ? byTable[table].filtered : byTable[table].plain;
      const base = filters ? { ...filters, match } : { match };
      const window = all(set.window, base);
      const ranked = [...window].sort((a, b) => a.rank - b.rank || a.position - b.position);
      let rows = ranked.slice(offset, offset + limit);
      // A full window means there may be more matches after it, in prior order.
      if (window.length === WINDOW && rows.length < limit) {
        const bound = window[window.length - 1]!.position;
        const tailOffset = Math.max(0, offset - WINDOW);
        rows = rows.concat(all(set.tail, { ...base, bound, limit: limit - rows.length, offset: tailOffset }));
      }
      return rows.map((row) => ({ ...hit.get(row.position)!, rank: row.rank }));
    },
  };
}
