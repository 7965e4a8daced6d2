import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FaqDocument, ParseWarning } from '../ingest/model.js';
import { parseSynonyms, type SynonymSets } from '../search/synonyms.js';
import type { QuestionTerms } from '../search/index-build.js';
import { emptyPreviousState, loadDocuments, readPreviousState, type LoadSummary, type PreviousState } from './load.js';
import { migrate } from './migrate.js';
import { ParseCache, parserFingerprint } from './parse-cache.js';
import { parseSeedFiles } from './parse-files.js';
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
  /** Parse worker threads (default: one per core); for benchmarks. */
  workers?: number;
}

export interface SourceReport {
  id: string;
  path: string;
  title: string;
  topics: number;
  questions: number;
  snippets: number;
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
  constructor(readonly problems: SeedProblem[], readonly report: SeedReport) {
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

/** Parse every seed file; bad bytes become problems, never exceptions. */
async function parseAll(options: SeedOptions): Promise<{
  docs: FaqDocument[];
  terms: Map<string, QuestionTerms>;
  problems: SeedProblem[];
  synonyms: SynonymSets | undefined;
  slow: boolean;
}> {
  const { seedsDir, onProgress } = options;
  if (!existsSync(seedsDir) || !statSync(seedsDir).isDirectory()) {
    throw new SeedError([{ file: seedsDir, reason: 'seeds folder does not exist' }], { sources: [], totals: null, database: null });
  }
  const files = listSeedFiles(seedsDir);
  const problems: SeedProblem[] = [];
  if (files.length === 0) problems.push({ file: seedsDir, reason: 'no markdown files (*.md) to seed' });
  // Synonyms first: the parse step computes search terms, synonym tokens included.
  let synonyms: SynonymSets | undefined;
  const synonymsPath = join(seedsDir, SYNONYMS_FILE);
  if (existsSync(synonymsPath)) {
    try {
      synonyms = parseSynonyms(readFileSync(synonymsPath, 'utf8'), synonymsPath);
    } catch (error) {
      problems.push({ file: synonymsPath, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  const started = Date.now();
  let lastReport = started;
  const code = options.cacheDir ? parserFingerprint() : null;
  const cache = options.cacheDir && code ? new ParseCache(options.cacheDir, synonyms ?? [], code) : undefined;
  const outcomes = await parseSeedFiles(seedsDir, files, {
    synonyms,
    cache,
    workers: options.workers,
    onParsed: (done) => {
      const at = Date.now();
      if (onProgress && at - lastReport >= 1000) {
        lastReport = at;
        onProgress(`parsed ${done}/${files.length} files (${((at - started) / 1000).toFixed(1)} s)`);
      }
    },
  });
  // Short runs stay quiet; only a run that made the user wait reports its phases.
  const slow = Date.now() - started >= 1000;
  const reused = cache?.hits ? `, ${cache.hits} unchanged ones from the parse cache` : '';
  if (slow) onProgress?.(`parsed ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s${reused}`);
  const docs: FaqDocument[] = [];
  const terms = new Map<string, QuestionTerms>();
  for (const outcome of outcomes) {
    if ('doc' in outcome) {
      docs.push(outcome.doc);
      for (const [id, questionTerms] of outcome.terms) terms.set(id, questionTerms);
    }
    else problems.push({ file: join(seedsDir, outcome.file), reason: outcome.problem });
  }
  return { docs, terms, problems, synonyms, slow };
}

function reportOf(docs: FaqDocument[], seedsDir: string): SourceReport[] {
  return docs.map((doc) => ({
    id: doc.id,
    path: doc.path,
    title: doc.title,
    topics: doc.topics.length,
    questions: doc.questions.length,
    snippets: doc.questions.reduce((sum, q) => sum + q.snippets.length, 0),
    warnings: doc.warnings.map((w) => ({ ...w, file: join(seedsDir, w.file) })),
  }));
}

/**
 * The seed step: parse every markdown file in `seedsDir`, build a complete
 * new database beside `databasePath`, and rename it into place. Until the
 * rename nothing at `databasePath` changes, so a failed or killed seed leaves
 * the previous database byte-for-byte as it was, and a server holding the old
 * file open keeps reading a complete database.
 * @throws SeedError on a bad file (binary, not UTF-8, empty), duplicate source ids, a warning with
 *   `strict`, or a DATABASE_PATH that holds something other than one of our databases
 */
export async function seedDatabase(options: SeedOptions): Promise<SeedReport> {
  const { seedsDir, databasePath } = options;
  const { docs, terms, problems, synonyms, slow } = await parseAll(options);
  const onProgress = slow ? options.onProgress : undefined;
  const report: SeedReport = { sources: reportOf(docs, seedsDir), totals: null, database: null };

  const ids = new Map<string, string>();
  for (const doc of docs) {
    const other = ids.get(doc.id);
    if (other) problems.push({ file: join(seedsDir, doc.path), reason: `source id '${doc.id}' is also the id of ${other}; rename one file` });
    ids.set(doc.id, doc.path);
  }
  if (options.strict) {
    for (const source of report.sources) {
      for (const w of source.warnings) problems.push({ file: w.file, line: w.line, reason: `${w.message} (--strict)` });
    }
  }
  if (existsSync(databasePath)) {
    const refusal = notReplaceableReason(databasePath);
    if (refusal) problems.push({ file: databasePath, reason: `${refusal}; refusing to replace it with a seeded database (check DATABASE_PATH)` });
  }
  if (problems.length > 0) throw new SeedError(problems, report);
  if (options.check) return report;

  mkdirSync(dirname(databasePath) || '.', { recursive: true });
  removeStaleTempFiles(databasePath);
  const previous = readPrevious(databasePath);
  const temp = `${databasePath}.tmp-${process.pid}-${Date.now()}`;
  const db = new BetterSqlite3(temp);
  try {
    // The temp file is thrown away on any failure, so it needs no journal.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // The default page cache (2 MB) is far smaller than the indexes being
    // built; at 100,000 questions a 256 MB cap halves the load time. SQLite
    // only takes what the database needs.
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = ON');
    migrate(db);
    onProgress?.(`loading ${docs.length} sources into ${databasePath}`);
    const loadStarted = Date.now();
    const { datasetHash: _hash, ...totals } = loadDocuments(db, docs, {
      now: options.now ?? new Date().toISOString(),
      previous,
      synonyms,
      terms,
    });
    report.totals = totals;
    onProgress?.(`loaded and indexed in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
    const violations = db.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) throw new Error(`internal error: ${violations.length} foreign key violations`);
    db.pragma('journal_mode = DELETE');
    db.exec('ANALYZE');
    db.close();
    fsyncPath(temp);
    renameSync(temp, databasePath);
    fsyncPath(dirname(databasePath) || '.');
  } catch (error) {
    if (db.open) db.close();
    rmSync(temp, { force: true });
    throw error;
  }
  report.database = databasePath;
  return report;
}
