import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeMarkdown, parseFaq, SourceInputError } from '../ingest/index.js';
import type { FaqDocument } from '../ingest/model.js';
import type { QuestionTerms } from '../search/index-build.js';
import { createSynonymTagger, type SynonymTagger } from '../search/synonym-tokens.js';
import type { SynonymSets } from '../search/synonyms.js';
import type { ParseCache } from './parse-cache.js';
import { documentTerms } from './search-terms.js';

/**
 * One seed file's outcome: a document with its questions' search index
 * terms, or the reason it cannot be read.
 */
export type ParseOutcome =
  { file: string; doc: FaqDocument; terms: [string, QuestionTerms][] } | { file: string; problem: string };

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

/** Read, decode, parse and analyse one file; bad bytes become a problem, not an exception. */
export function parseSeedFile(seedsDir: string, file: string, tagger: SynonymTagger): ParseOutcome {
  try {
    const text = decodeMarkdown(readFileSync(join(seedsDir, file)), join(seedsDir, file));
    const doc = parseFaq(text, { path: file });
    return { file, doc, terms: documentTerms(doc, tagger) };
  } catch (error) {
    if (error instanceof SourceInputError) return { file, problem: error.detail };
    throw error;
  }
}

/**
 * Parse seed files: from the parse cache when a file is unchanged, the rest
 * in worker threads when there is enough to do (micromark is CPU-bound and
 * each file is independent).
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
  const keep = !options.onOutcome;
  const outcomes: ParseOutcome[] = keep ? new Array(files.length) : [];
  const keys: (string | undefined)[] = new Array(files.length);
  const todo: string[] = [];
  const todoIndex: number[] = [];
  files.forEach((file, index) => {
    let hit: ParseOutcome | undefined;
    if (cache) {
      try {
        keys[index] = cache.key(file, readFileSync(join(seedsDir, file)));
        hit = cache.get(keys[index]);
      } catch {
        // Unreadable: parseSeedFile reports why.
      }
    }
    if (hit?.file === file) {
      if (keep) outcomes[index] = hit;
      options.onOutcome?.(index, hit);
    } else {
      todo.push(file);
      todoIndex.push(index);
    }
  });
  const reused = files.length - todo.length;
  await parseUncached(seedsDir, todo, {
    ...options,
    onParsed: onParsed && ((done) => onParsed(reused + done)),
    onOutcome: (i, outcome) => {
      const index = todoIndex[i]!;
      if (keep) outcomes[index] = outcome;
      const key = keys[index];
      if (cache && key) cache.put(key, outcome);
      options.onOutcome?.(index, outcome);
    },
  });
  cache?.prune();
  return outcomes;
}

async function parseUncached(seedsDir: string, files: string[], options: ParseFilesOptions): Promise<void> {
  if (files.length === 0) return;
  const bytes = files.reduce((sum, file) => sum + statSync(join(seedsDir, file)).size, 0);
  // One worker per core, though this thread loads what they deliver
  // meanwhile: loading is mostly SQLite's C code and waits on the workers,
  // and on this 2-core machine 2 workers seeded 100,000 questions in about
  // half the time 1 worker took (bench:seed --workers).
  const workers = Math.min(options.workers ?? availableParallelism(), files.length);
  const synonyms = options.synonyms ?? [];
  // An explicit worker count is honoured whatever the size (benchmarks, tests).
  if (workers === 0 || (options.workers === undefined && bytes < WORKER_THRESHOLD_BYTES)) {
    const tagger = createSynonymTagger(synonyms);
    files.forEach((file, index) => {
      options.onOutcome?.(index, parseSeedFile(seedsDir, file, tagger));
      options.onParsed?.(index + 1);
    });
    return;
  }
  await parseInWorkers({ seedsDir, synonyms }, files, workers, options);
}

// Compiled, the worker is dist/db/parse-worker.js. Under tsx or vitest this
// module is TypeScript and so is the worker, which then needs tsx's loader
// registered inside the worker: Node 20 does not pass `--import` hooks on.
const here = import.meta.url;
const fromSource = here.endsWith('.ts');
const workerUrl = new URL(fromSource ? './parse-worker.ts' : './parse-worker.js', here);

/** What every worker is started with. */
export interface WorkerSetup {
  seedsDir: string;
  synonyms: SynonymSets;
}

function startWorker(workerData: WorkerSetup): Worker {
  if (!fromSource) return new Worker(workerUrl, { workerData });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

type WorkerReply = { index: number; outcome: ParseOutcome } | { index: number; crash: string };

function parseInWorkers(setup: WorkerSetup, files: string[], count: number, options: ParseFilesOptions): Promise<void> {
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
      worker.postMessage({ index: next, file: files[next] });
      next += 1;
    };
    for (let i = 0; i < count; i += 1) {
      const worker = startWorker(setup);
      pool.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (failed) return;
        if ('crash' in reply) {
          fail(new Error(`parsing ${files[reply.index]} failed: ${reply.crash}`));
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
