import BetterSqlite3, { type Database } from 'better-sqlite3';
import { assertMigrated } from './migrate.js';

export type { Database } from 'better-sqlite3';

export interface OpenOptions {
  /** Serve mode: the file must exist, is never written, and must be fully migrated. */
  readonly?: boolean;
}

/**
 * Open the FAQ database. Read-only handles are what the server uses: the
 * database is a build artefact that the seed step replaces atomically, so
 * the server never writes to it.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database {
  const readonly = options.readonly ?? false;
  const db = new BetterSqlite3(path, { readonly, fileMustExist: readonly });
  try {
    if (readonly) {
      // Skip locking overhead on a file nobody writes; the seed swaps in a new inode.
      db.pragma('query_only = ON');
      db.pragma('cache_size = -16000');
      db.pragma('mmap_size = 268435456');
      assertMigrated(db);
    } else {
      db.pragma('foreign_keys = ON');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
