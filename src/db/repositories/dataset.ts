import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** Facts about the seeded content as a whole. */
export interface DatasetInfo {
  /** Changes whenever anything a client can see changes; list ETags derive from it. */
  hash: string;
  seededAt: string | null;
}

export interface DatasetRepository {
  /** The dataset's hash and seed time (from the `meta` table the seed writes). */
  info(): DatasetInfo;
}

/**
 * The `meta` table's facts about the whole dataset. A database without
 * `dataset_hash` (hand-made, or from an older loader) still gets a stable
 * hash, from its sources' content hashes.
 */
export function createDatasetRepository(db: Database): DatasetRepository {
  const metaRows = db.prepare<[], { key: string; value: string }>(
    "SELECT key, value FROM meta WHERE key IN ('dataset_hash', 'seeded_at')",
  );
  const sourceHashes = db.prepare<[], { id: string; content_hash: string }>(
    'SELECT id, content_hash FROM sources ORDER BY id',
  );
  return {
    info() {
      const meta = new Map(metaRows.all().map((row) => [row.key, row.value]));
      let hash = meta.get('dataset_hash');
      if (hash === undefined) {
        const digest = createHash('sha256');
        for (const row of sourceHashes.iterate()) digest.update(`${row.id}\0${row.content_hash}\n`);
        hash = digest.digest('hex');
      }
      return { hash, seededAt: meta.get('seeded_at') ?? null };
    },
  };
}
