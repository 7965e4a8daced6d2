import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FaqDocument, ParseWarning } from '../ingest/model.js';
import { withGlossary } from '../search/glossary.js';
import { parseSynonyms, type SynonymSets } from '../search/synonyms.js';
import { emptyPreviousState, Loader, readPreviousState, type LoadSummary, type PreviousState } from './load.js';
import { migrate } from './migrate.js';
import { ParseCache, parserFingerprint } from './parse-cache.js';
import { parseSeedFiles, type ParseOutcome } from './parse-files.js';
import { openDatabase } from './open.js';
import { listSeedFiles, notReplaceableReason, SYNONYMS_FILE } from './seed-files.js';

export { listSeedFiles, newestSeedTime, SYNONYMS_FILE } from './seed-files.js';

export interface SeedOptions {
  seedsDir: string;
  databasePath: string;
  /** Parse and report only; never touch the database. */
  check?: boolean;
  /** Treat warnings as errors. */
  strict?: boolean;
  /** ISO time of this seed; defaults to now. */
  now?: string;
  /** Called with a short progress line on long runs. */
  onProgress?: (line: string) => void;
  /**
   * Folder of the parse cache (parse-cache.ts): unchanged files are not
   * parsed again. No cache when absent.
   */
  cacheDir?: string;
  /** Parse worker threads (default: one per core; 0 parses in this thread); for benchmarks. */
  workers?: number;
}

export interface SourceReport {
  id: string;
  path: string;
  title: string;
  topics: number;
  questions: number;
  snippets: number;
  /** Blocks that follow no question (kept in a description; see FAQ_WARN_UNPLACED_CONTENT). */
  unplaced: number;
  warnings: ParseWarning[];
}

export interface SeedReport {
  sources: SourceReport[];
  totals: Omit<LoadSummary, 'datasetHash'> | null;
  /** Where the database was written; null for --check. */
  database: string | null;
}

/** One problem that stops the seed: a bad file, or a warning under --strict. */
export interface SeedProblem {
  file: string;
  line?: number;
  reason: string;
}

/** The seed failed; the previous database is untouched. */
export class SeedError extends Error {
  override name = 'SeedError';
  constructor(
    readonly problems: SeedProblem[],
    readonly report: SeedReport,
  ) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** `file:line: reason`, the shape editors and CI annotations understand. */
export function formatProblem(problem: SeedProblem): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.reason}`;
}

function readPrevious(databasePath: string): PreviousState {
  if (!existsSync(databasePath)) return emptyPreviousState();
  let db: BetterSqlite3.Database | undefined;
  try {
    db = openDatabase(databasePath, { readonly: true });
    return readPreviousState(db);
  } catch {
    // An old database from another schema version only loses its history:
    // the new one starts timestamps afresh rather than refusing to seed.
    return emptyPreviousState();
  } finally {
    db?.close();
  }
}

/** Remove temp files left by seeds that were killed before their rename. */
function removeStaleTempFiles(databasePath: string): void {
  const dir = dirname(databasePath);
  const prefix = `${basename(databasePath)}.tmp-`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (pid !== process.pid && !isRunning(pid)) rmSync(join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function sourceReport(doc: FaqDocument, seedsDir: string): SourceReport {
  return {
    id: doc.id,
    path: doc.path,
    title: doc.title,
    topics: doc.topics.length,
    questions: doc.questions.length,
    snippets: doc.questions.reduce((sum, q) => sum + q.snippets.length, 0),
    unplaced: doc.unplaced,
    warnings: doc.warnings.map((w) => ({ ...w, file: join(seedsDir, w.file) })),
  };
}

function readSynonyms(seedsDir: string, problems: SeedProblem[]): SynonymSets | undefined {
  const path = join(seedsDir, SYNONYMS_FILE);
  // The built-in glossary applies with or without a file (see glossary.ts).
  if (!existsSync(path)) return withGlossary([]);
  try {
    return withGlossary(parseSynonyms(readFileSync(path, 'utf8'), path));
  } catch (error) {
    problems.push({ file: path, reason: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

/** The temp database a seed builds: empty, migrated, with pragmas for one fast bulk load. */
function openTempDatabase(path: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(path);
  try {
    // The temp file is thrown away on any failure, so it needs no journal.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // The default page cache (2 MB) is far smaller than the indexes being
    // built; at 100,000 questions a 256 MB cap halves the load time. SQLite
    // only takes what the database needs.
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    // Enforced per statement: a row that breaks a reference fails the seed
    // at once, so no foreign_key_check pass (~1 s at 100,000 questions) is
    // needed at the end. The pragma is a silent no-op inside a transaction,
    // hence the check that it took.
    db.pragma('foreign_keys = ON');
    if (db.pragma('foreign_keys', { simple: true }) !== 1)
      throw new Error('internal error: foreign keys are not enforced');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The seed step: parse every markdown file in `seedsDir`, build a complete
 * new database beside `databasePath`, and rename it into place. Until the
 * rename nothing at `databasePath` changes, so a failed or killed seed leaves
 * the previous database byte-for-byte as it was, and a server holding the old
 * file open keeps reading a complete database.
 *
 * Documents are written as soon as they are parsed (in path order) while
 * worker threads parse the files after them, so the load overlaps parsing
 * and parsed trees do not pile up in memory.
 * @throws SeedError on a bad file (binary, not UTF-8, empty), duplicate source ids, a warning with
 *   `strict`, or a DATABASE_PATH that holds something other than one of our databases
 */
export async function seedDatabase(options: SeedOptions): Promise<SeedReport> {
  const { seedsDir, databasePath, onProgress } = options;
  if (!existsSync(seedsDir) || !statSync(seedsDir).isDirectory()) {
    throw new SeedError([{ file: seedsDir, reason: 'seeds folder does not exist' }], {
      sources: [],
      totals: null,
      database: null,
    });
  }
  const files = listSeedFiles(seedsDir);
  const setupProblems: SeedProblem[] = [];
  if (files.length === 0) setupProblems.push({ file: seedsDir, reason: 'no markdown files (*.md) to seed' });
  // Synonyms first: the parse step computes search terms, synonym tokens included.
  const synonyms = readSynonyms(seedsDir, setupProblems);
  const refusal = !options.check && existsSync(databasePath) ? notReplaceableReason(databasePath) : null;

  // Load order is path order (as loadDocuments sorts): it decides question
  // seqs and which file names a shared topic. Files are parsed in that order
  // too, so outcomes arrive nearly in order; early ones wait in `pending`.
  const order = [...files].sort((a, b) => a.localeCompare(b));
  const pending = new Map<number, ParseOutcome>();
  let nextToLoad = 0;
  const reports = new Map<string, SourceReport>();
  const unreadable = new Map<string, SeedProblem>();
  const duplicates: SeedProblem[] = [];
  const ids = new Map<string, string>();

  let db: BetterSqlite3.Database | undefined;
  let loader: Loader | undefined;
  let temp: string | undefined;
  // Once anything fails, loading stops: the temp database is thrown away.
  let failed = false;
  const take = (outcome: ParseOutcome): void => {
    if (!('doc' in outcome)) {
      unreadable.set(outcome.file, { file: join(seedsDir, outcome.file), reason: outcome.problem });
      failed = true;
      return;
    }
    const { doc } = outcome;
    reports.set(outcome.file, sourceReport(doc, seedsDir));
    const other = ids.get(doc.id);
    if (other)
      duplicates.push({
        file: join(seedsDir, doc.path),
        reason: `source id '${doc.id}' is also the id of ${other}; rename one file`,
      });
    ids.set(doc.id, doc.path);
    if (other || (options.strict && doc.warnings.length > 0)) failed = true;
    if (!failed) loader?.add(doc, outcome.terms);
  };

  const started = Date.now();
  try {
    if (!options.check && !refusal && setupProblems.length === 0) {
      mkdirSync(dirname(databasePath) || '.', { recursive: true });
      removeStaleTempFiles(databasePath);
      const previous = readPrevious(databasePath);
      temp = `${databasePath}.tmp-${process.pid}-${Date.now()}`;
      db = openTempDatabase(temp);
      // One transaction from the first document to the search index; nobody
      // sees the file before the rename anyway.
      db.exec('BEGIN');
      loader = new Loader(db, { now: options.now ?? new Date().toISOString(), previous, synonyms });
    }

    let lastReport = started;
    const code = options.cacheDir ? parserFingerprint() : null;
    const cache = options.cacheDir && code ? new ParseCache(options.cacheDir, synonyms ?? [], code) : undefined;
    await parseSeedFiles(seedsDir, order, {
      synonyms,
      cache,
      workers: options.workers,
      onOutcome: (index, outcome) => {
        pending.set(index, outcome);
        for (let ready = pending.get(nextToLoad); ready; ready = pending.get(nextToLoad)) {
          pending.delete(nextToLoad);
          nextToLoad += 1;
          take(ready);
        }
      },
      onParsed: (done) => {
        const at = Date.now();
        if (onProgress && at - lastReport >= 1000) {
          lastReport = at;
          onProgress(`parsed ${done}/${files.length} files (${((at - started) / 1000).toFixed(1)} s)`);
        }
      },
    });
    // Short runs stay quiet; only a run that made the user wait reports its phases.
    const progress = Date.now() - started >= 1000 ? onProgress : undefined;
    const reused = cache?.hits ? `, ${cache.hits} unchanged ones from the parse cache` : '';
    progress?.(
      `parsed${loader ? ' and loaded' : ''} ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s${reused}`,
    );

    // Problems in the order a reader fixes them: the folder, unreadable
    // files, clashing ids, strict warnings, then where the database goes.
    const report: SeedReport = {
      sources: files.flatMap((file) => reports.get(file) ?? []),
      totals: null,
      database: null,
    };
    const problems = [...setupProblems, ...files.flatMap((file) => unreadable.get(file) ?? []), ...duplicates];
    if (options.strict) {
      for (const source of report.sources) {
        for (const w of source.warnings)
          problems.push({ file: w.file, line: w.line, reason: `${w.message} (--strict)` });
      }
    }
    if (refusal)
      problems.push({
        file: databasePath,
        reason: `${refusal}; refusing to replace it with a seeded database (check DATABASE_PATH)`,
      });
    if (problems.length > 0) throw new SeedError(problems, report);
    if (!db || !loader || !temp) return report; // --check

    const indexStarted = Date.now();
    const { datasetHash: _hash, ...totals } = loader.finish();
    db.exec('COMMIT');
    report.totals = totals;
    progress?.(`indexed for search in ${((Date.now() - indexStarted) / 1000).toFixed(1)} s`);
    db.pragma('journal_mode = DELETE');
    db.exec('ANALYZE');
    db.close();
    fsyncPath(temp);
    renameSync(temp, databasePath);
    fsyncPath(dirname(databasePath) || '.');
    report.database = databasePath;
    return report;
  } catch (error) {
    if (db?.open) db.close();
    if (temp) rmSync(temp, { force: true });
    throw error;
  }
}
