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

/** The largest rowid SQLite stores; "no window bound". */
const NO_BOUND = Number.MAX_SAFE_INTEGER;

interface Ranked {
  position: number;
  rank: number;
}

export interface TierPager {
  /**
   * Rows `offset` to `offset + limit` of the tier whose FTS5 expression is
   * `match` (membership and ranking), in ranking order.
   */
  page(match: string, filters: FilterParams | null, offset: number, limit: number): HitRow[];
}

/** Prepare the tier statements for `db`. */
export function createTierPager(db: Database): TierPager {
  // Unfiltered: FTS5 alone. (With the questions join in the same SELECT,
  // SQLite took ~10x longer to order by bm25.)
  const plain = {
    bound: db.prepare(`SELECT rowid FROM search_fts f WHERE search_fts MATCH @match ORDER BY rowid LIMIT 1 OFFSET ${WINDOW - 1}`).pluck(),
    window: db.prepare(
      `SELECT rowid AS position, ${RANK} AS rank FROM search_fts f WHERE search_fts MATCH @match AND rowid <= @bound
        ORDER BY rank, rowid LIMIT @limit OFFSET @offset`,
    ),
    tail: db.prepare(
      `SELECT rowid AS position, ${RANK} AS rank FROM search_fts f WHERE search_fts MATCH @match AND rowid > @bound
        ORDER BY rowid LIMIT @limit OFFSET @offset`,
    ),
  };
  // Filtered: the window is the first WINDOW matches that pass the filters.
  const filtered = {
    bound: db.prepare(
      `${FILTER_CTE} SELECT f.rowid FROM search_fts f ${FILTER_JOIN}
        WHERE search_fts MATCH @match AND ${FILTER_WHERE} ORDER BY f.rowid LIMIT 1 OFFSET ${WINDOW - 1}`,
    ).pluck(),
    window: db.prepare(
      `${FILTER_CTE}, hits AS MATERIALIZED (
          SELECT rowid AS position, ${RANK} AS rank FROM search_fts WHERE search_fts MATCH @match AND rowid <= @bound)
        SELECT h.position, h.rank FROM hits h JOIN search_docs d ON d.position = h.position JOIN questions q ON q.seq = d.seq
        WHERE ${FILTER_WHERE} ORDER BY h.rank, h.position LIMIT @limit OFFSET @offset`,
    ),
    tail: db.prepare(
      `${FILTER_CTE} SELECT f.rowid AS position, ${RANK} AS rank FROM search_fts f ${FILTER_JOIN}
        WHERE search_fts MATCH @match AND f.rowid > @bound AND ${FILTER_WHERE}
        ORDER BY f.rowid LIMIT @limit OFFSET @offset`,
    ),
  };
  const hit = db.prepare<[number], Omit<HitRow, 'rank'>>(
    `SELECT q.seq, q.id, q.question, q.topic_slug, t.title AS topic_title, q.source_id, s.path AS source_path, q.line
       FROM search_docs d JOIN questions q ON q.seq = d.seq
       JOIN sources s ON s.id = q.source_id LEFT JOIN topics t ON t.slug = q.topic_slug
      WHERE d.position = ?`,
  );

  const all = <T>(statement: Statement, params: Record<string, unknown>): T[] => statement.all(params) as T[];

  return {
    page(match, filters, offset, limit) {
      const set = filters ? filtered : plain;
      const base = filters ? { ...filters, match } : { match };
      const found = set.bound.get(base) as number | undefined;
      const bound = found ?? NO_BOUND;
      // When the tier has fewer than WINDOW matches, all of them are in the window.
      let rows: Ranked[] = [];
      if (found === undefined || offset < WINDOW) {
        rows = all<Ranked>(set.window, { ...base, bound, limit, offset });
      }
      if (found !== undefined && rows.length < limit) {
        const tailOffset = Math.max(0, offset - WINDOW);
        rows = rows.concat(all<Ranked>(set.tail, { ...base, bound, limit: limit - rows.length, offset: tailOffset }));
      }
      return rows.map((row) => ({ ...hit.get(row.position)!, rank: row.rank }));
    },
  };
}
