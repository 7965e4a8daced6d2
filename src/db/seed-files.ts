/**
 * What the seed step reads and what it may overwrite, without the markdown
 * pipeline: the server imports this on every start to decide whether to
 * seed, and importing seed.ts (unified, remark, rehype) would cost it ~0.5 s.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { listMigrations } from './migrate.js';

/** The synonyms file a content author edits next to the seeds. */
export const SYNONYMS_FILE = 'synonyms.yaml';

/** Every `*.md` / `*.markdown` below `dir` (dot-entries skipped), as sorted '/'-separated relative paths. */
export function listSeedFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(md|markdown)$/i.test(entry.name)) found.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * Newest modification time (ms) of the seed files and the synonyms file,
 * for "is the database stale?"; -1 when `dir` is not a folder.
 */
export function newestSeedTime(dir: string): number {
  try {
    if (!statSync(dir).isDirectory()) return -1;
  } catch {
    return -1;
  }
  const files = listSeedFiles(dir).map((file) => join(dir, file));
  const synonyms = join(dir, SYNONYMS_FILE);
  try {
    if (statSync(synonyms).isFile()) files.push(synonyms);
  } catch {
    // no synonyms file: fine
  }
  return Math.max(-1, ...files.map((file) => statSync(file).mtimeMs));
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Why the file at `path` must not be replaced by a seeded database, or null
 * when it is one of ours (an SQLite file with `schema_migrations`, any
 * version). The seed renames a new file over DATABASE_PATH, so a mistyped
 * path (another app's database, a system file) would otherwise be destroyed.
 */
export function notReplaceableReason(path: string): string | null {
  if (!statSync(path).isFile()) return 'is not a regular file';
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) return 'is not an SQLite database';
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const ours = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    return ours === undefined ? 'is an SQLite database without our schema_migrations table' : null;
  } finally {
    db.close();
  }
}

/** True when our database at `path` has fewer migrations applied than migrations/ holds. */
export function schemaIsBehind(path: string): boolean {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number };
    return row.n < listMigrations().length;
  } finally {
    db.close();
  }
}
