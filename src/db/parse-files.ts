import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeMarkdown, findDeepNesting, parseFaq, SourceInputError } from '../ingest/index.js';
import type { FaqDocument } from '../ingest/model.js';
import type { QuestionTerms } from '../search/index-build.js';
import { createSynonymTagger, type SynonymTagger } from '../search/synonym-tokens.js';
import type { SynonymSets } from '../search/synonyms.js';
import type { ParseCache } from './parse-cache.js';
import { documentTerms } from './search-terms.js';
import { readSeedFile } from './seed-files.js';
import { DEFAULT_SEED_LIMITS, oversizedAnswer, raiseHint, type SeedLimits } from './seed-limits.js';

/**
 * One seed file's outcome: a document with its questions' search index
 * terms, or the reason it cannot be read.
 */
export type ParseOutcome =
  | { file: string; doc: FaqDocument; terms: [string, QuestionTerms][] }
  | { file: string; problem: string; line?: number };

export interface ParseFilesOptions {
  /** The seed's synonym groups (the search terms include their tokens). */
  synonyms?: SynonymSets;
  /**
   * Worker threads to use; by default one per core, and none below 1 MB of
   * markdown. 0 parses in this thread.
   */
  workers?: number;
  /** Reuse (and store) parses of unchanged files; see parse-cache.ts. */
  cache?: ParseCache;
  /** Size and nesting limits (see seed-limits.ts); the defaults when absent. */
  limits?: SeedLimits;
  /** Called after each file with the number done so far. */
  onParsed?: (done: number) => void;
  /**
   * Called with each file's outcome as soon as it is known (in no particular
   * order), so the caller can use it while later files are still parsing.
   */
  onOutcome?: (index: number, outcome: ParseOutcome) => void;
}

/**
 * Below this many bytes, starting worker threads costs more than it saves;
 * a typical seeds folder (a few FAQ files) parses in this thread.
 */
const WORKER_THRESHOLD_BYTES = 1_000_000;

/**
 * Decode, parse and analyse one file's bytes. Bad bytes, a file over a
 * limit, or anything the parser cannot take become a one-line problem, never
 * an exception.
 */
export function parseSeedFile(
  file: string,
  bytes: Uint8Array,
  tagger: SynonymTagger,
  limits: SeedLimits,
): ParseOutcome {
  try {
    const text = decodeMarkdown(bytes, file);
    const deep = findDeepNesting(text, limits.maxNesting);
    if (deep)
      return {
        file,
        line: deep.line,
        problem: `quotes or list items nested ${deep.depth} deep, over the nesting limit of ${limits.maxNesting}; ${raiseHint('maxNesting', limits)}`,
      };
    const doc = parseFaq(text, { path: file });
    const oversized = oversizedAnswer(doc, limits);
    if (oversized) return { file, line: oversized.line, problem: oversized.reason };
    return { file, doc, terms: documentTerms(doc, tagger) };
  } catch (error) {
    if (error instanceof SourceInputError) return { file, problem: error.detail };
    // A parser failure must not become a stack trace: it names the file and
    // what broke. Deep inline nesting (emphasis, links) ends here as a
    // RangeError from a recursive step.
    const message = error instanceof Error ? error.message : String(error);
    return { file, problem: `cannot be parsed: ${message}` };
  }
}

/** A file read once: its bytes are both hashed for the cache and parsed. */
interface ReadFile {
  file: string;
  bytes: Buffer;
}

/**
 * Parse seed files: from the parse cache when a file is unchanged, the rest
 * in worker threads when there is enough to do (micromark is CPU-bound and
 * each file is independent). Each file is read once, so the parse stored
 * under a key is always the parse of the bytes that key was made from.
 * @returns outcomes in the order of `files`; none when `onOutcome` is given
 *   (each is handed on as it comes, not kept, so a large seed's parsed trees
 *   can be freed as soon as they are loaded)
 */
export async function parseSeedFiles(
  seedsDir: string,
  files: string[],
  options: ParseFilesOptions = {},
): Promise<ParseOutcome[]> {
  const { cache, onParsed } = options;
  const limits = options.limits ?? DEFAULT_SEED_LIMITS;
  const keep = !options.onOutcome;
  const outcomes: ParseOutcome[] = keep ? new Array(files.length) : [];
  const keys: (string | undefined)[] = new Array(files.length);
  const todo: ReadFile[] = [];
  const todoIndex: number[] = [];
  let settled = 0;
  const settle = (index: number, outcome: ParseOutcome): void => {
    if (keep) outcomes[index] = outcome;
    settled += 1;
    options.onOutcome?.(index, outcome);
  };
  files.forEach((file, index) => {
    const read = readSeedFile(join(seedsDir, file), limits.maxFileBytes, raiseHint('maxFileBytes', limits));
    if ('problem' in read) {
      settle(index, { file, problem: read.problem });
      return;
    }
    let hit: ParseOutcome | undefined;
    if (cache) {
      keys[index] = cache.key(file, read.bytes);
      hit = cache.get(keys[index]);
    }
    if (hit?.file === file) settle(index, hit);
    else {
      todo.push({ file, bytes: read.bytes });
      todoIndex.push(index);
    }
  });
  const before = settled;
  await parseUncached(todo, {
    ...options,
    limits,
    onParsed: onParsed && ((done) => onParsed(before + done)),
    onOutcome: (i, outcome) => {
      const index = todoIndex[i]!;
      const key = keys[index];
      if (cache && key) cache.put(key, outcome);
      settle(index, outcome);
    },
  });
  cache?.prune();
  return outcomes;
}

async function parseUncached(files: ReadFile[], options: ParseFilesOptions & { limits: SeedLimits }): Promise<void> {
  if (files.length === 0) return;
  const bytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  // One worker per core, though this thread loads what they deliver
  // meanwhile: loading is mostly SQLite's C code and waits on the workers,
  // and on this 2-core machine 2 workers seeded 100,000 questions in about
  // half the time 1 worker took (bench:seed --workers).
  const workers = Math.min(options.workers ?? availableParallelism(), files.length);
  const synonyms = options.synonyms ?? [];
  // An explicit worker count is honoured whatever the size (benchmarks, tests).
  if (workers === 0 || (options.workers === undefined && bytes < WORKER_THRESHOLD_BYTES)) {
    const tagger = createSynonymTagger(synonyms);
    files.forEach(({ file, bytes }, index) => {
      options.onOutcome?.(index, parseSeedFile(file, bytes, tagger, options.limits));
      options.onParsed?.(index + 1);
    });
    return;
  }
  await parseInWorkers({ synonyms, limits: options.limits }, files, workers, options);
}

// Compiled, the worker is dist/db/parse-worker.js. Under tsx or vitest this
// module is TypeScript and so is the worker, which then needs tsx's loader
// registered inside the worker: Node 20 does not pass `--import` hooks on.
const here = import.meta.url;
const fromSource = here.endsWith('.ts');
const workerUrl = new URL(fromSource ? './parse-worker.ts' : './parse-worker.js', here);

/** What every worker is started with. */
export interface WorkerSetup {
  synonyms: SynonymSets;
  limits: SeedLimits;
}

/** One file for a worker to parse: its bytes travel with it, so nothing is read twice. */
export interface WorkerTask {
  index: number;
  file: string;
  bytes: Uint8Array;
}

function startWorker(workerData: WorkerSetup): Worker {
  if (!fromSource) return new Worker(workerUrl, { workerData });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

type WorkerReply = { index: number; outcome: ParseOutcome } | { index: number; crash: string };

function parseInWorkers(
  setup: WorkerSetup,
  files: ReadFile[],
  count: number,
  options: ParseFilesOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const worker of pool) void worker.terminate();
      reject(error);
    };
    // A shared queue rather than fixed shares: file sizes vary a lot, and an
    // idle worker simply takes the next file. Two files in flight per worker,
    // so a worker never waits while this thread is busy with a reply.
    const feed = (worker: Worker): void => {
      if (next >= files.length) return;
      const { file, bytes } = files[next]!;
      worker.postMessage({ index: next, file, bytes } satisfies WorkerTask);
      next += 1;
    };
    for (let i = 0; i < count; i += 1) {
      const worker = startWorker(setup);
      pool.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (failed) return;
        if ('crash' in reply) {
          fail(new Error(`parsing ${files[reply.index]!.file} failed: ${reply.crash}`));
          return;
        }
        feed(worker);
        done += 1;
        try {
          options.onOutcome?.(reply.index, reply.outcome);
          options.onParsed?.(done);
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (done === files.length) {
          for (const w of pool) void w.terminate();
          resolve();
        }
      });
      worker.on('error', fail);
      feed(worker);
      feed(worker);
    }
  });
}
