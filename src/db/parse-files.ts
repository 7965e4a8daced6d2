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
export type ParseOutcome = { file: string; doc: FaqDocument; terms: [string, QuestionTerms][] } | { file: string; problem: string };

export interface ParseFilesOptions {
  /** The seed's synonym groups (the search terms include their tokens). */
  synonyms?: SynonymSets;
  /** Worker threads to use; defaults to the machine's parallelism. 1 parses in this thread. */
  workers?: number;
  /** Reuse (and store) parses of unchanged files; see parse-cache.ts. */
  cache?: ParseCache;
  /** Called after each file with the number done so far. */
  onParsed?: (done: number) => void;
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
 * @returns outcomes in the order of `files`
 */
export async function parseSeedFiles(seedsDir: string, files: string[], options: ParseFilesOptions = {}): Promise<ParseOutcome[]> {
  const { cache, onParsed } = options;
  const outcomes: ParseOutcome[] = new Array(files.length);
  const keys: (string | undefined)[] = new Array(files.length);
  const todo: string[] = [];
  const todoIndex: number[] = [];
  files.forEach((file, index) => {
    if (cache) {
      try {
        keys[index] = cache.key(file, readFileSync(join(seedsDir, file)));
        const hit = cache.get(keys[index]);
        if (hit?.file === file) {
          outcomes[index] = hit;
          return;
        }
      } catch {
        // Unreadable: parseSeedFile reports why.
      }
    }
    todo.push(file);
    todoIndex.push(index);
  });
  const reused = files.length - todo.length;
  const parsed = await parseUncached(seedsDir, todo, {
    ...options,
    onParsed: onParsed && ((done) => onParsed(reused + done)),
  });
  parsed.forEach((outcome, i) => {
    const index = todoIndex[i]!;
    outcomes[index] = outcome;
    const key = keys[index];
    if (cache && key) cache.put(key, outcome);
  });
  cache?.prune();
  return outcomes;
}

async function parseUncached(seedsDir: string, files: string[], options: ParseFilesOptions): Promise<ParseOutcome[]> {
  if (files.length === 0) return [];
  const bytes = files.reduce((sum, file) => sum + statSync(join(seedsDir, file)).size, 0);
  const workers = Math.min(options.workers ?? availableParallelism(), files.length);
  const synonyms = options.synonyms ?? [];
  if (workers <= 1 || bytes < WORKER_THRESHOLD_BYTES) {
    const tagger = createSynonymTagger(synonyms);
    return files.map((file, index) => {
      const outcome = parseSeedFile(seedsDir, file, tagger);
      options.onParsed?.(index + 1);
      return outcome;
    });
  }
  return parseInWorkers({ seedsDir, synonyms }, files, workers, options.onParsed);
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

function parseInWorkers(setup: WorkerSetup, files: string[], count: number, onParsed?: (done: number) => void): Promise<ParseOutcome[]> {
  return new Promise((resolve, reject) => {
    const outcomes: ParseOutcome[] = new Array(files.length);
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
    // idle worker simply takes the next file.
    const feed = (worker: Worker): void => {
      if (next < files.length) {
        worker.postMessage({ index: next, file: files[next] });
        next += 1;
      } else {
        void worker.terminate();
      }
    };
    for (let i = 0; i < count; i += 1) {
      const worker = startWorker(setup);
      pool.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if ('crash' in reply) {
          fail(new Error(`parsing ${files[reply.index]} failed: ${reply.crash}`));
          return;
        }
        outcomes[reply.index] = reply.outcome;
        done += 1;
        onParsed?.(done);
        if (done === files.length) {
          for (const w of pool) void w.terminate();
          resolve(outcomes);
        } else {
          feed(worker);
        }
      });
      worker.on('error', fail);
      feed(worker);
    }
  });
}
