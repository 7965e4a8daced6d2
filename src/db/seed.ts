import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
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
import {
  byPath,
  emptyPreviousState,
  Loader,
  ORDINAL_GAP,
  readPreviousState,
  synonymsHash,
  type LoadSummary,
  type PreviousState,
} from './load.js';
import { migrate } from './migrate.js';
import { ParseCache, parserFingerprint } from './parse-cache.js';
import { parseSeedFiles, type ParseOutcome } from './parse-files.js';
import { openDatabase } from './open.js';
import { notReplaceableReason, readSeedFile, scanSeedsDir, SYNONYMS_FILE } from './seed-files.js';
import { DEFAULT_SEED_LIMITS, raiseHint, type SeedLimits } from './seed-limits.js';

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
  /**
   * Build the database from every file. By default a seed over a database
   * built by the same parser and synonyms only parses the files that changed
   * and updates a copy of that database (see planUpdate).
   */
  full?: boolean;
  /** Size and nesting limits per file (seed-limits.ts); the defaults when absent. */
  limits?: SeedLimits;
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

/** An entry of the seeds folder that was not read (a symlink out of it, a FIFO…), as a warning. */
export interface SkippedReport {
  file: string;
  reason: string;
}

export interface SeedReport {
  sources: SourceReport[];
  /** Entries left out of the seed; errors under --strict. */
  skipped: SkippedReport[];
  totals: Omit<LoadSummary, 'datasetHash'> | null;
  /** Where the database was written; null for --check. */
  database: string | null;
  /** How: 'full' (every file parsed and loaded) or 'incremental' (changed files only, into a copy). */
  mode: 'full' | 'incremental' | 'check';
  /** Files carried over from the previous database without being read as markdown. */
  carried: number;
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

function readSynonyms(seedsDir: string, limits: SeedLimits, problems: SeedProblem[]): SynonymSets | undefined {
  const path = join(seedsDir, SYNONYMS_FILE);
  // The built-in glossary applies with or without a file (see glossary.ts).
  if (!existsSync(path)) return withGlossary([]);
  const read = readSeedFile(path, limits.maxFileBytes, raiseHint('maxFileBytes', limits));
  if ('problem' in read) {
    problems.push({ file: path, reason: read.problem });
    return undefined;
  }
  try {
    return withGlossary(parseSynonyms(read.bytes.toString('utf8'), path));
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

/** sha256 of a file's bytes, or undefined when it cannot be read (the parse step says why). */
function fileHash(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

/** How an incremental seed updates the previous database. */
interface UpdatePlan {
  /** Files to parse and load (changed or new), in path order. */
  parse: string[];
  /** Source ids to remove first (their file changed or is gone). */
  remove: string[];
  /** Slot in path order of each file to load (see ORDINAL_GAP). */
  ordinals: Map<string, number>;
  /** Unchanged files, carried over with their rows: path → source id. */
  carried: Map<string, string>;
}

interface PriorSource {
  id: string;
  path: string;
  file_hash: string | null;
  ordinal: number | null;
}

/**
 * Whether the previous database can be updated in place, and how: it must
 * be ours, fully migrated, and built by this parser with these synonyms.
 * Files whose bytes are unchanged are carried over; the others are parsed.
 * Null means "seed in full" (no usable database, or a new file has no free
 * slot in path order between its neighbours).
 */
/** Whether a seed may update a copy of the previous database in place (see the note in seedDatabase). */
const INCREMENTAL_SEEDS = false;

function planUpdate(
  databasePath: string,
  order: string[],
  hashes: Map<string, string | undefined>,
  fingerprint: string | null,
  synonyms: SynonymSets | undefined,
): UpdatePlan | null {
  if (!fingerprint || !existsSync(databasePath)) return null;
  let prior: PriorSource[];
  try {
    const db = openDatabase(databasePath, { readonly: true });
    try {
      const meta = new Map(
        (
          db.prepare("SELECT key, value FROM meta WHERE key IN ('parser_fingerprint', 'synonyms_hash')").all() as {
            key: string;
            value: string;
          }[]
        ).map((row) => [row.key, row.value]),
      );
      if (meta.get('parser_fingerprint') !== fingerprint || meta.get('synonyms_hash') !== synonymsHash(synonyms))
        return null;
      prior = db.prepare('SELECT id, path, file_hash, ordinal FROM sources').all() as PriorSource[];
    } finally {
      db.close();
    }
  } catch {
    return null; // another schema version, or unreadable: a full seed replaces it
  }
  if (prior.some((source) => source.ordinal === null)) return null;
  const byFile = new Map(prior.map((source) => [source.path, source]));
  const plan: UpdatePlan = { parse: [], remove: [], ordinals: new Map(), carried: new Map() };
  for (const source of prior) {
    const hash = hashes.get(source.path);
    if (hash !== undefined && hash === source.file_hash) plan.carried.set(source.path, source.id);
    else plan.remove.push(source.id);
  }
  // Ordinals: a file keeps its slot; a new one takes the middle of the free
  // slots between its neighbours, or one gap after the last.
  let previous = 0;
  order.forEach((file, index) => {
    const known = byFile.get(file)?.ordinal;
    if (!plan.carried.has(file)) plan.parse.push(file);
    if (known !== undefined && known !== null) {
      plan.ordinals.set(file, known);
      previous = known;
      return;
    }
    const next = order.slice(index + 1).find((later) => byFile.get(later)?.ordinal != null);
    const bound = next === undefined ? previous + 2 * ORDINAL_GAP : byFile.get(next)!.ordinal!;
    const ordinal = Math.floor((previous + bound) / 2);
    plan.ordinals.set(file, ordinal);
    previous = ordinal;
  });
  // A slot taken twice (no room left between two neighbours): seed in full.
  const used = [...plan.ordinals.values()];
  for (let i = 1; i < used.length; i += 1) if (used[i]! <= used[i - 1]!) return null;
  return plan;
}

/** The report of a file carried over unchanged, from its rows. */
function carriedReport(db: BetterSqlite3.Database, sourceId: string, seedsDir: string): SourceReport {
  const row = db
    .prepare(
      `SELECT s.id, s.path, s.title, s.question_count AS questions, s.report,
              (SELECT count(*) FROM source_topics st WHERE st.source_id = s.id) AS topics,
              (SELECT count(*) FROM snippets sn JOIN questions q ON q.id = sn.question_id WHERE q.source_id = s.id) AS snippets
         FROM sources s WHERE s.id = ?`,
    )
    .get(sourceId) as {
    id: string;
    path: string;
    title: string;
    questions: number;
    report: string | null;
    topics: number;
    snippets: number;
  };
  const parsed = JSON.parse(row.report ?? '{}') as { warnings?: ParseWarning[]; unplaced?: number };
  return {
    id: row.id,
    path: row.path,
    title: row.title,
    topics: row.topics,
    questions: row.questions,
    snippets: row.snippets,
    unplaced: parsed.unplaced ?? 0,
    warnings: (parsed.warnings ?? []).map((w) => ({ ...w, file: join(seedsDir, w.file) })),
  };
}

/**
 * The seed step: parse the markdown files in `seedsDir`, build a complete
 * new database beside `databasePath`, and rename it into place. Until the
 * rename nothing at `databasePath` changes, so a failed or killed seed leaves
 * the previous database byte-for-byte as it was, and a server holding the old
 * file open keeps reading a complete database.
 *
 * Incremental by default: when the previous database was built by this
 * parser with these synonyms, the new one starts as a copy of it, and only
 * the files whose bytes changed are parsed; their rows (and search entries)
 * are replaced in one transaction, and what spans files (topics, tombstones,
 * the change feed, meta) is rebuilt as a full seed would. Ids, contentHash
 * and updatedAt come out exactly as from a full seed (`full: true`).
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
      skipped: [],
      totals: null,
      database: null,
      mode: options.check ? 'check' : 'full',
      carried: 0,
    });
  }
  const limits = options.limits ?? DEFAULT_SEED_LIMITS;
  const listing = scanSeedsDir(seedsDir);
  const files = listing.files;
  const skipped = listing.skipped.map((entry) => ({ file: join(seedsDir, entry.path), reason: entry.reason }));
  const setupProblems: SeedProblem[] = [];
  if (files.length === 0) setupProblems.push({ file: seedsDir, reason: 'no markdown files (*.md) to seed' });
  // Synonyms first: the parse step computes search terms, synonym tokens included.
  const synonyms = readSynonyms(seedsDir, limits, setupProblems);
  const refusal = !options.check && existsSync(databasePath) ? notReplaceableReason(databasePath) : null;
  const writing = !options.check && !refusal && setupProblems.length === 0;

  // Load order is path order (as loadDocuments sorts): it decides question
  // seqs and which file names a shared topic. Files are parsed in that order
  // too, so outcomes arrive nearly in order; early ones wait in `pending`.
  const order = [...files].sort((a, b) => byPath({ path: a }, { path: b }));
  const hashes = new Map(order.map((file) => [file, writing ? fileHash(join(seedsDir, file)) : undefined]));
  const code = parserFingerprint();
  // In-place updates are off for now: SearchIndexUpdater does not yet keep the
  // relevance tables (search_forward, search_df, search_words, search_stats)
  // that ranking reads, so an updated copy would rank with stale statistics.
  // Every seed is a full one until it does; the parse cache still skips
  // parsing unchanged files.
  const plan =
    INCREMENTAL_SEEDS && writing && !options.full ? planUpdate(databasePath, order, hashes, code, synonyms) : null;
  const parse = plan ? plan.parse : order;
  const pending = new Map<number, ParseOutcome>();
  let nextToLoad = 0;
  const reports = new Map<string, SourceReport>();
  const unreadable = new Map<string, SeedProblem>();
  const duplicates: SeedProblem[] = [];
  const ids = new Map<string, string>(plan ? [...plan.carried].map(([path, id]) => [id, path]) : []);

  let db: BetterSqlite3.Database | undefined;
  let loader: Loader | undefined;
  let temp: string | undefined;
  // Once anything fails, loading stops: the temp database is thrown away.
  let failed = false;
  const take = (outcome: ParseOutcome): void => {
    if (!('doc' in outcome)) {
      unreadable.set(outcome.file, { file: join(seedsDir, outcome.file), line: outcome.line, reason: outcome.problem });
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
    if (!failed)
      loader?.add(doc, outcome.terms, {
        fileHash: hashes.get(outcome.file),
        ordinal: plan?.ordinals.get(outcome.file),
      });
  };

  const started = Date.now();
  try {
    if (writing) {
      mkdirSync(dirname(databasePath) || '.', { recursive: true });
      removeStaleTempFiles(databasePath);
      temp = `${databasePath}.tmp-${process.pid}-${Date.now()}`;
      let previous: PreviousState;
      if (plan) {
        // The copy is the new database: the previous file stays untouched.
        copyFileSync(databasePath, temp);
        db = openTempDatabase(temp);
        db.pragma('foreign_keys = OFF'); // see Loader: checked where this path rebuilds
        previous = readPreviousState(db, plan.remove);
      } else {
        previous = readPrevious(databasePath);
        db = openTempDatabase(temp);
      }
      // One transaction from the first document to the search index; nobody
      // sees the file before the rename anyway.
      db.exec('BEGIN');
      loader = new Loader(db, {
        now: options.now ?? new Date().toISOString(),
        previous,
        synonyms,
        inPlace: plan !== null,
        parserFingerprint: code,
      });
      for (const id of plan?.remove ?? []) loader.removeSource(id);
    }

    let lastReport = started;
    const cache = options.cacheDir && code ? new ParseCache(options.cacheDir, synonyms ?? [], code, limits) : undefined;
    await parseSeedFiles(seedsDir, parse, {
      synonyms,
      cache,
      limits,
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
          onProgress(`parsed ${done}/${parse.length} files (${((at - started) / 1000).toFixed(1)} s)`);
        }
      },
    });
    // Short runs stay quiet; only a run that made the user wait reports its phases.
    const progress = Date.now() - started >= 1000 ? onProgress : undefined;
    const reused = cache?.hits ? `, ${cache.hits} unchanged ones from the parse cache` : '';
    const carried = plan ? `, ${plan.carried.size} unchanged ones carried over` : '';
    progress?.(
      `parsed${loader ? ' and loaded' : ''} ${parse.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s${reused}${carried}`,
    );

    // Problems in the order a reader fixes them: the folder, unreadable
    // files, clashing ids, strict warnings, then where the database goes.
    const carriedReports = new Map(
      db && plan ? [...plan.carried].map(([path, id]) => [path, carriedReport(db!, id, seedsDir)]) : [],
    );
    const report: SeedReport = {
      sources: files.flatMap((file) => reports.get(file) ?? carriedReports.get(file) ?? []),
      skipped,
      totals: null,
      database: null,
      mode: options.check ? 'check' : plan ? 'incremental' : 'full',
      carried: plan?.carried.size ?? 0,
    };
    const problems = [...setupProblems, ...files.flatMap((file) => unreadable.get(file) ?? []), ...duplicates];
    if (options.strict) {
      for (const entry of skipped) problems.push({ file: entry.file, reason: `${entry.reason} (--strict)` });
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
    // Statistics of a copy still describe it: an update changes a few files of many.
    if (!plan) db.exec('ANALYZE');
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
