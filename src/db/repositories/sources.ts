import type { Database } from 'better-sqlite3';

/** A seeded markdown document. */
export interface SourceRecord {
  id: string;
  path: string;
  title: string;
  questionCount: number;
  contentHash: string;
  seededAt: string;
  updatedAt: string;
  /** What the file says before its first topic, outside any question. */
  description: DescriptionRecord | null;
}

/** Text that belongs to no question: markdown as written and sanitised HTML. */
export interface DescriptionRecord {
  markdown: string;
  html: string;
}

/** The description stored in a row's pair of columns, or null. */
export function toDescription(markdown: string | null, html: string | null): DescriptionRecord | null {
  return markdown === null ? null : { markdown, html: html ?? '' };
}

interface SourceRow {
  id: string;
  path: string;
  title: string;
  question_count: number;
  content_hash: string;
  seeded_at: string;
  updated_at: string;
  description: string | null;
  description_html: string | null;
}

const COLUMNS = 'id, path, title, question_count, content_hash, seeded_at, updated_at, description, description_html';

function toSource(row: SourceRow): SourceRecord {
  return {
    id: row.id,
    path: row.path,
    title: row.title,
    questionCount: row.question_count,
    contentHash: row.content_hash,
    seededAt: row.seeded_at,
    updatedAt: row.updated_at,
    description: toDescription(row.description, row.description_html),
  };
}

/** Read access to `sources`; statements are prepared once per database handle. */
export function createSourceRepository(db: Database) {
  const listAll = db.prepare<[], SourceRow>(`SELECT ${COLUMNS} FROM sources ORDER BY path`);
  const byId = db.prepare<[string], SourceRow>(`SELECT ${COLUMNS} FROM sources WHERE id = ?`);
  const countAll = db.prepare<[], number>('SELECT count(*) FROM sources').pluck();

  return {
    /** Every source, ordered by path. */
    list: (): SourceRecord[] => listAll.all().map(toSource),
    /** One source, or undefined when the id is unknown. */
    get: (id: string): SourceRecord | undefined => {
      const row = byId.get(id);
      return row ? toSource(row) : undefined;
    },
    count: (): number => countAll.get() ?? 0,
  };
}

export type SourceRepository = ReturnType<typeof createSourceRepository>;
