import type { Database } from 'better-sqlite3';
import {
  QUESTION_CONDITIONS,
  questionFilterParams,
  TOPIC_SUBTREE_CTE,
  type QuestionFilter,
  type QuestionFilterParams,
} from './question-filter.js';

/** Where a question (or snippet) was written: file and 1-based line. */
export interface SourceRef {
  id: string;
  path: string;
  line: number;
}

export interface TopicRef {
  slug: string;
  title: string;
}

/** What a list shows per question: enough to decide whether to fetch it. */
export interface QuestionSummaryRecord {
  /** Global order; the pagination key, never shown to clients as such. */
  seq: number;
  id: string;
  question: string;
  topic: TopicRef | null;
  source: SourceRef;
  hasCode: boolean;
  followUpOf: string | null;
  contentHash: string;
  updatedAt: string;
}

export interface AnswerRecord {
  id: string;
  markdown: string;
  text: string;
  html: string;
  line: number;
  children: AnswerRecord[];
}

export interface QuestionSnippetRecord {
  id: string;
  language: string | null;
  code: string;
  line: number;
  answerId: string | null;
}

export interface LinkRecord {
  url: string;
  text: string;
  title: string | null;
  line: number;
  answerId: string | null;
}

export interface ImageRecord {
  url: string;
  alt: string;
  title: string | null;
  line: number;
  answerId: string | null;
}

/** The full question with its answer tree and attachments. */
export interface QuestionRecord extends QuestionSummaryRecord {
  markdown: string;
  answers: AnswerRecord[];
  snippets: QuestionSnippetRecord[];
  links: LinkRecord[];
  images: ImageRecord[];
  createdAt: string;
}

/** Filters for listing questions; every one is optional. */

export interface TombstoneRecord {
  id: string;
  sourceId: string;
  deletedAt: string;
}

interface SummaryRow {
  seq: number;
  id: string;
  question: string;
  topic_slug: string | null;
  topic_title: string | null;
  source_id: string;
  source_path: string;
  line: number;
  has_code: number;
  follow_up_of: string | null;
  content_hash: string;
  updated_at: string;
}

interface FullRow extends SummaryRow {
  markdown: string;
  created_at: string;
}

interface AnswerRow {
  id: string;
  parent_id: string | null;
  markdown: string;
  text: string;
  html: string;
  line: number;
}

const SUMMARY_COLUMNS = `q.seq, q.id, q.question, q.topic_slug, t.title AS topic_title, q.source_id,
  s.path AS source_path, q.line, q.has_code, q.follow_up_of, q.content_hash, q.updated_at`;
const FROM = 'FROM questions q JOIN sources s ON s.id = q.source_id LEFT JOIN topics t ON t.slug = q.topic_slug';

const FILTER_CTE = TOPIC_SUBTREE_CTE;
const FILTER_WHERE = QUESTION_CONDITIONS;

function toSummary(row: SummaryRow): QuestionSummaryRecord {
  return {
    seq: row.seq,
    id: row.id,
    question: row.question,
    topic: row.topic_slug === null ? null : { slug: row.topic_slug, title: row.topic_title ?? row.topic_slug },
    source: { id: row.source_id, path: row.source_path, line: row.line },
    hasCode: row.has_code === 1,
    followUpOf: row.follow_up_of,
    contentHash: row.content_hash,
    updatedAt: row.updated_at,
  };
}

/** Rebuild the answer tree from rows ordered parents-first (depth, position). */
function toAnswerTree(rows: AnswerRow[]): AnswerRecord[] {
  const roots: AnswerRecord[] = [];
  const byId = new Map<string, AnswerRecord>();
  for (const row of rows) {
    const node: AnswerRecord = {
      id: row.id,
      markdown: row.markdown,
      text: row.text,
      html: row.html,
      line: row.line,
      children: [],
    };
    byId.set(row.id, node);
    const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Read access to questions and everything hanging off them; statements prepared once. */
export function createQuestionRepository(db: Database) {
  const page = db.prepare<[QuestionFilterParams & { after: number; limit: number }], SummaryRow>(
    `${FILTER_CTE} SELECT ${SUMMARY_COLUMNS} ${FROM}
      WHERE q.seq > @after AND ${FILTER_WHERE}
      ORDER BY q.seq LIMIT @limit`,
  );
  const count = db
    .prepare<[QuestionFilterParams], number>(`${FILTER_CTE} SELECT count(*) FROM questions q WHERE ${FILTER_WHERE}`)
    .pluck();
  const summaryById = db.prepare<[string], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE q.id = ?`);
  const fullById = db.prepare<[string], FullRow>(
    `SELECT ${SUMMARY_COLUMNS}, q.markdown, q.created_at ${FROM} WHERE q.id = ?`,
  );
  const followUps = db.prepare<[{ source: string; id: string }], SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE q.source_id = @source AND q.follow_up_of = @id ORDER BY q.seq`,
  );
  const hashById = db.prepare<[string], string>('SELECT content_hash FROM questions WHERE id = ?').pluck();
  const answersOf = db.prepare<[string], AnswerRow>(
    'SELECT id, parent_id, markdown, text, html, line FROM answers WHERE question_id = ? ORDER BY depth, position',
  );
  const snippetsOf = db.prepare<
    [string],
    { id: string; language: string | null; code: string; line: number; answer_id: string | null }
  >('SELECT id, language, code, line, answer_id FROM snippets WHERE question_id = ? ORDER BY position');
  const linksOf = db.prepare<
    [string],
    { url: string; text: string; title: string | null; line: number; answer_id: string | null }
  >('SELECT url, text, title, line, answer_id FROM links WHERE question_id = ? ORDER BY line, id');
  const imagesOf = db.prepare<
    [string],
    { url: string; alt: string; title: string | null; line: number; answer_id: string | null }
  >('SELECT url, alt, title, line, answer_id FROM images WHERE question_id = ? ORDER BY line, id');
  const tombstonePage = db.prepare<
    [{ since: string | null; afterAt: string; afterId: string; limit: number }],
    { id: string; source_id: string; deleted_at: string }
  >(
    `SELECT id, source_id, deleted_at FROM question_tombstones
      WHERE (@since IS NULL OR deleted_at >= @since) AND (deleted_at, id) > (@afterAt, @afterId)
      ORDER BY deleted_at, id LIMIT @limit`,
  );
  const tombstoneCount = db
    .prepare<[{ since: string | null }], number>(
      'SELECT count(*) FROM question_tombstones WHERE (@since IS NULL OR deleted_at >= @since)',
    )
    .pluck();

  return {
    /**
     * Up to `limit` summaries after `afterSeq` (0 = from the start), in seq order.
     * Keyset pagination: an item is never skipped or repeated between pages.
     */
    page: (filter: QuestionFilter, afterSeq: number, limit: number): QuestionSummaryRecord[] =>
      page.all({ ...questionFilterParams(filter), after: afterSeq, limit }).map(toSummary),
    /** How many questions match `filter` (cheap: an index-free count over a small table). */
    count: (filter: QuestionFilter): number => count.get(questionFilterParams(filter)) ?? 0,
    /** Summaries for the given ids, in the given order; unknown ids are dropped. */
    summaries: (ids: readonly string[]): QuestionSummaryRecord[] =>
      ids.flatMap((id) => {
        const row = summaryById.get(id);
        return row ? [toSummary(row)] : [];
      }),
    /** Questions that follow up on `question` ("(위 질문에 이어서) …"); follow-ups stay within their source. */
    followUps: (question: Pick<QuestionSummaryRecord, 'id' | 'source'>): QuestionSummaryRecord[] =>
      followUps.all({ source: question.source.id, id: question.id }).map(toSummary),
    /** The stored content hash, for answering conditional requests without loading the question. */
    contentHash: (id: string): string | undefined => hashById.get(id),
    /** The full question, or undefined when the id is unknown. */
    get: (id: string): QuestionRecord | undefined => {
      const row = fullById.get(id);
      if (!row) return undefined;
      return {
        ...toSummary(row),
        markdown: row.markdown,
        createdAt: row.created_at,
        answers: toAnswerTree(answersOf.all(id)),
        snippets: snippetsOf
          .all(id)
          .map((s) => ({ id: s.id, language: s.language, code: s.code, line: s.line, answerId: s.answer_id })),
        links: linksOf
          .all(id)
          .map((l) => ({ url: l.url, text: l.text, title: l.title, line: l.line, answerId: l.answer_id })),
        images: imagesOf
          .all(id)
          .map((i) => ({ url: i.url, alt: i.alt, title: i.title, line: i.line, answerId: i.answer_id })),
      };
    },
    /** Deleted questions, oldest deletion first, after the (deletedAt, id) key. */
    tombstones: (
      since: string | undefined,
      after: { deletedAt: string; id: string } | undefined,
      limit: number,
    ): TombstoneRecord[] =>
      tombstonePage
        .all({ since: since ?? null, afterAt: after?.deletedAt ?? '', afterId: after?.id ?? '', limit })
        .map((row) => ({ id: row.id, sourceId: row.source_id, deletedAt: row.deleted_at })),
    tombstoneCount: (since: string | undefined): number => tombstoneCount.get({ since: since ?? null }) ?? 0,
  };
}

export type QuestionRepository = ReturnType<typeof createQuestionRepository>;
