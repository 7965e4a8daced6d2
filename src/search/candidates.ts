/**
 * What the ranking reads from the database: the questions an FTS5
 * expression matches (in search_fts rowid order, a static prior: shorter
 * questions first, so a capped list keeps the likeliest ones), a candidate's
 * analysed fields (search_forward), its display row, and the document
 * frequencies and field statistics stored at seed time.
 */
import type { Database } from 'better-sqlite3';
import {
  QUESTION_CONDITIONS,
  TOPIC_SUBTREE_CTE,
  type QuestionFilterParams,
} from '../db/repositories/question-filter.js';
import type { FieldStats, ForwardRow } from './score.js';

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

export interface CandidateReader {
  /** Positions (search_fts rowids) matching `match` and the filters, ascending, at most `limit`. */
  matching(match: string, filters: QuestionFilterParams | null, limit: number): number[];
  /** The analysed fields of the question at `position`. */
  forward(position: number): ForwardRow;
  /** The display row of the question at `position`. */
  hit(position: number): HitRow;
  /** The position of a question id, or undefined. */
  positionOf(id: string): number | undefined;
  /** Questions containing the index term (0 for unknown terms). */
  df(term: string): number;
  stats: FieldStats;
}

/** Prepare the statements for `db`. */
export function createCandidateReader(db: Database): CandidateReader {
  const plain = db
    .prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH @match ORDER BY rowid LIMIT @limit')
    .pluck();
  const filtered = db
    .prepare(
      `${TOPIC_SUBTREE_CTE} SELECT f.rowid FROM search_fts f
        JOIN search_docs d ON d.position = f.rowid JOIN questions q ON q.seq = d.seq
      WHERE search_fts MATCH @match AND ${QUESTION_CONDITIONS} ORDER BY f.rowid LIMIT @limit`,
    )
    .pluck();
  const forward = db.prepare<[number], ForwardRow>(
    'SELECT question, answers, code FROM search_forward WHERE position = ?',
  );
  const hit = db.prepare<[number], Omit<HitRow, 'position'>>(
    `SELECT q.seq, q.id, q.question, q.topic_slug, t.title AS topic_title, q.source_id, s.path AS source_path, q.line
       FROM search_docs d JOIN questions q ON q.seq = d.seq
       JOIN sources s ON s.id = q.source_id LEFT JOIN topics t ON t.slug = q.topic_slug
      WHERE d.position = ?`,
  );
  const position = db
    .prepare<[string], number>('SELECT d.position FROM questions q JOIN search_docs d ON d.seq = q.seq WHERE q.id = ?')
    .pluck();
  const df = db.prepare<[string], number>('SELECT df FROM search_df WHERE term = ?').pluck();
  const stat = Object.fromEntries(
    db.prepare('SELECT name, value FROM search_stats').raw().all() as [string, number][],
  ) as Record<string, number | undefined>;
  return {
    matching: (match, filters, limit) =>
      (filters ? filtered.all({ ...filters, match, limit }) : plain.all({ match, limit })) as number[],
    forward: (at) => forward.get(at) ?? { question: '', answers: '', code: '' },
    hit: (at) => ({ ...hit.get(at)!, position: at }),
    positionOf: (id) => position.get(id),
    df: (term) => df.get(term) ?? 0,
    stats: {
      questions: Math.max(1, stat.questions ?? 1),
      avg: {
        question: Math.max(1, stat.avg_question ?? 1),
        answers: Math.max(1, stat.avg_answers ?? 1),
        code: Math.max(1, stat.avg_code ?? 1),
      },
    },
  };
}
