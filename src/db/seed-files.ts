/**
 * What the seed step reads and what it may overwrite, without the markdown
 * pipeline: the server imports this on every start to decide whether to
 * seed, and importing seed.ts (unified, remark, rehype) would cost it ~0.5 s.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { listMigrations } from './migrate.js';
import { formatBytes } from './seed-limits.js';

/** The synonyms file a content author edits next to the seeds. */
export const SYNONYMS_FILE = 'synonyms.yaml';

/** A name the seed reads: `*.md` / `*.markdown`. */
const MARKDOWN = /\.(md|markdown)$/i;

/** An entry of SEEDS_DIR the seed does not read, and why (for a warning naming it). */
export interface SkippedEntry {
  /** Path relative to SEEDS_DIR, '/'-separated. */
  path: string;
  reason: string;
}

/** What a seed reads from SEEDS_DIR and what it leaves out. */
export interface SeedsListing {
  /** Sorted '/'-separated relative paths of the markdown files to seed. */
  files: string[];
  skipped: SkippedEntry[];
}

/**
 * Walk `dir` for markdown files (dot-entries skipped). Only regular files
 * under `dir` count: a symlink is followed when it resolves inside `dir`
 * (Kubernetes ConfigMap and git-sync volumes are made of such links:
 * `faq.md → ..data/faq.md`, `..data → ..2026_…`), and skipped with a reason
 * when it dangles, loops or leaves `dir`; FIFOs, sockets and devices named
 * `*.md` are skipped too (reading a FIFO would block the seed forever).
 * Never throws for an entry; only an unreadable `dir` itself throws.
 */
export function scanSeedsDir(dir: string): SeedsListing {
  const files: string[] = [];
  const skipped: SkippedEntry[] = [];
  const root = realpathSync(dir);
  const inside = (real: string): boolean => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  // Real paths of the folders walked, so a link back up (`loop → .`) is walked once.
  const seen = new Set<string>([root]);
  const walk = (current: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: rel(current), reason: `folder cannot be read (${errorCode(error)})` });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(current, entry.name);
      const markdown = MARKDOWN.test(entry.name);
      if (entry.isDirectory()) {
        enter(full, realpathSync(full));
        continue;
      }
      if (entry.isSymbolicLink()) {
        let real: string;
        let stats: Stats;
        try {
          real = realpathSync(full);
          stats = statSync(real);
        } catch (error) {
          const code = errorCode(error);
          const why =
            code === 'ELOOP'
              ? 'is a symlink loop'
              : code === 'ENOENT'
                ? 'is a dangling symlink'
                : `cannot be resolved (${code})`;
          skipped.push({ path: rel(full), reason: why });
          continue;
        }
        if (!stats.isDirectory() && !markdown) continue;
        if (!inside(real)) {
          skipped.push({ path: rel(full), reason: `is a symlink to ${real}, outside SEEDS_DIR` });
          continue;
        }
        if (stats.isDirectory()) enter(full, real);
        else if (stats.isFile()) files.push(rel(full));
        else skipped.push({ path: rel(full), reason: `is a symlink to ${entryKind(stats)}, not a regular file` });
        continue;
      }
      if (!markdown) continue;
      if (entry.isFile()) files.push(rel(full));
      else skipped.push({ path: rel(full), reason: `is ${entryKind(entry)}, not a regular file` });
    }
  };
  const enter = (full: string, real: string): void => {
    if (seen.has(real)) return;
    seen.add(real);
    walk(full);
  };
  const rel = (full: string): string => relative(dir, full).split(sep).join('/');
  walk(dir);
  files.sort();
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}

/** The markdown files a seed reads (see scanSeedsDir). */
export function listSeedFiles(dir: string): string[] {
  return scanSeedsDir(dir).files;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

function entryKind(entry: Dirent | Stats): string {
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Newest modification time (ms) of the seed files and the synonyms file,
 * for "is the database stale?"; -1 when `dir` is not a folder. Never throws:
 * a file that vanishes or cannot be read meanwhile is left out (the seed
 * reports it).
 */
export function newestSeedTime(dir: string): number {
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) return -1;
    files = listSeedFiles(dir).map((file) => join(dir, file));
  } catch {
    return -1;
  }
  files.push(join(dir, SYNONYMS_FILE));
  let newest = -1;
  for (const file of files) {
    try {
      newest = Math.max(newest, statSync(file).mtimeMs);
    } catch {
      // gone since the listing, or no synonyms file: nothing to compare
    }
  }
  return newest;
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

/** A seed file's bytes, or why it cannot be read. */
export type SeedFileRead = { bytes: Buffer } | { problem: string };

/**
 * Read a seed file once, refusing what is not a regular file (it may have
 * been swapped for a FIFO since the listing: opened non-blocking, so that
 * cannot hang) and anything larger than `maxBytes`, before reading it.
 */
export function readSeedFile(path: string, maxBytes: number, limitHint: string): SeedFileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { problem: `cannot be read (${errorCode(error)})` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: `is ${entryKind(stats)}, not a regular file` };
    if (stats.size > maxBytes)
      return {
        problem: `is ${formatBytes(stats.size)}, over the file size limit of ${formatBytes(maxBytes)}; ${limitHint}`,
      };
    const bytes = Buffer.allocUnsafe(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: read === bytes.length ? bytes : bytes.subarray(0, read) };
  } catch (error) {
    return { problem: `cannot be read (${errorCode(error)})` };
  } finally {
    closeSync(fd);
  }
}
