import type { Database } from 'better-sqlite3';

/** One entry of the change feed: a question's latest upsert or its deletion. */
export type ChangeRecord =
  | { seq: number; type: 'upsert'; id: string; sourceId: string; contentHash: string; updatedAt: string }
  | { seq: number; type: 'delete'; id: string; sourceId: string; deletedAt: string };

interface ChangeRow {
  seq: number;
  question_id: string;
  source_id: string;
  deleted: number;
  content_hash: string | null;
  at: string;
}

function toChange(row: ChangeRow): ChangeRecord {
  return row.deleted
    ? { seq: row.seq, type: 'delete', id: row.question_id, sourceId: row.source_id, deletedAt: row.at }
    : {
        seq: row.seq,
        type: 'upsert',
        id: row.question_id,
        sourceId: row.source_id,
        contentHash: row.content_hash ?? '',
        updatedAt: row.at,
      };
}

/** Read access to the change feed (migrations/0006_changes.sql). */
export function createChangeRepository(db: Database) {
  const after = db.prepare<[number, number], ChangeRow>(
    'SELECT seq, question_id, source_id, deleted, content_hash, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const meta = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
  const feedId = meta.get('feed_id') ?? '';
  const head = Number(meta.get('change_seq') ?? 0);
  return {
    /** Names this feed: cursors from another (a database built afresh) do not apply. */
    feedId,
    /** The highest seq issued so far (the position of a client that is up to date). */
    head,
    /** Up to `limit` changes after `afterSeq`, in seq order. */
    after: (afterSeq: number, limit: number): ChangeRecord[] => after.all(afterSeq, limit).map(toChange),
  };
}

export type ChangeRepository = ReturnType<typeof createChangeRepository>;
