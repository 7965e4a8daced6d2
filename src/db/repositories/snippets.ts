import type { Database } from 'better-sqlite3';
import type { SourceRef, TopicRef } from './questions.js';
import { TOPIC_CONDITION, TOPIC_SUBTREE_CTE } from './question-filter.js';

/** A code block from an answer, with where it came from. */
export interface SnippetRecord {
  id: string;
  questionId: string;
  answerId: string | null;
  language: string | null;
  code: string;
  line: number;
  contentHash: string;
  topic: TopicRef | null;
  source: SourceRef;
  /** Pagination key: the question's seq and the snippet's position in it. */
  key: { seq: number; position: number };
}

export interface SnippetFilter {
  /** Lower-case fence language, e.g. 'bash'. */
  language?: string | undefined;
  /** Topic slug; matches the topic and all its descendants. */
  topic?: string | undefined;
  question?: string | undefined;
}

interface SnippetRow {
  id: string;
  question_id: string;
  answer_id: string | null;
  language: string | null;
  code: string;
  line: number;
  content_hash: string;
  position: number;
  seq: number;
  topic_slug: string | null;
  topic_title: string | null;
  source_id: string;
  source_path: string;
}

const COLUMNS = `sn.id, sn.question_id, sn.answer_id, sn.language, sn.code, sn.line, sn.content_hash, sn.position,
  q.seq, q.topic_slug, t.title AS topic_title, q.source_id, s.path AS source_path`;
const FROM = `FROM snippets sn JOIN questions q ON q.id = sn.question_id JOIN sources s ON s.id = q.source_id
  LEFT JOIN topics t ON t.slug = q.topic_slug`;
const FILTER_CTE = TOPIC_SUBTREE_CTE;
const FILTER_WHERE = `${TOPIC_CONDITION}
  AND (@language IS NULL OR sn.language = @language)
  AND (@question IS NULL OR sn.question_id = @question)`;

interface FilterParams {
  topic: string | null;
  language: string | null;
  question: string | null;
}

function filterParams(filter: SnippetFilter): FilterParams {
  return { topic: filter.topic ?? null, language: filter.language ?? null, question: filter.question ?? null };
}

function toSnippet(row: SnippetRow): SnippetRecord {
  return {
    id: row.id,
    questionId: row.question_id,
    answerId: row.answer_id,
    language: row.language,
    code: row.code,
    line: row.line,
    contentHash: row.content_hash,
    topic: row.topic_slug === null ? null : { slug: row.topic_slug, title: row.topic_title ?? row.topic_slug },
    source: { id: row.source_id, path: row.source_path, line: row.line },
    key: { seq: row.seq, position: row.position },
  };
}

/** Read access to `snippets`; statements prepared once. */
export function createSnippetRepository(db: Database) {
  const page = db.prepare<[FilterParams & { afterSeq: number; afterPosition: number; limit: number }], SnippetRow>(
    `${FILTER_CTE} SELECT ${COLUMNS} ${FROM}
      WHERE (q.seq, sn.position) > (@afterSeq, @afterPosition) AND ${FILTER_WHERE}
      ORDER BY q.seq, sn.position LIMIT @limit`,
  );
  const count = db
    .prepare<[FilterParams], number>(
      `${FILTER_CTE} SELECT count(*) FROM snippets sn JOIN questions q ON q.id = sn.question_id WHERE ${FILTER_WHERE}`,
    )
    .pluck();
  const byId = db.prepare<[string], SnippetRow>(`SELECT ${COLUMNS} ${FROM} WHERE sn.id = ?`);
  const languages = db
    .prepare<[], string>('SELECT DISTINCT language FROM snippets WHERE language IS NOT NULL ORDER BY language')
    .pluck();

  return {
    /** Up to `limit` snippets after `after` in (question order, position) order. */
    page: (
      filter: SnippetFilter,
      after: { seq: number; position: number } | undefined,
      limit: number,
    ): SnippetRecord[] =>
      page
        .all({ ...filterParams(filter), afterSeq: after?.seq ?? 0, afterPosition: after?.position ?? -1, limit })
        .map(toSnippet),
    count: (filter: SnippetFilter): number => count.get(filterParams(filter)) ?? 0,
    /** One snippet, or undefined when the id is unknown. */
    get: (id: string): SnippetRecord | undefined => {
      const row = byId.get(id);
      return row ? toSnippet(row) : undefined;
    },
    /** The fence languages that occur, for documentation and filters. */
    languages: (): string[] => languages.all(),
  };
}

export type SnippetRepository = ReturnType<typeof createSnippetRepository>;
