/**
 * Seeds in a worker thread of their own (seed-worker.ts), one at a time:
 * the server keeps answering while a watched folder is re-seeded.
 */
import { Worker } from 'node:worker_threads';
import type { SeedOptions, SeedProblem, SeedReport } from './seed.js';

/** What the worker answers: the report, or why the seed failed. */
export type SeedReply =
  { report: SeedReport } | { error: { message: string; problems: SeedProblem[]; expected: boolean } };

// As in parse-files.ts: compiled, the worker is dist/db/seed-worker.js; under
// tsx or vitest it is TypeScript and needs tsx's loader inside the worker.
const here = import.meta.url;
const fromSource = here.endsWith('.ts');
const workerUrl = new URL(fromSource ? './seed-worker.ts' : './seed-worker.js', here);

/** A seed worker; `seed` runs one seed at a time, in order. */
export class SeedThread {
  private readonly worker: Worker;
  private queue: Promise<unknown>;
  /** Resolves once the worker has loaded the seed code. */
  readonly ready: Promise<void>;
  /** The worker stopped (crashed, or closed): make a new SeedThread. */
  exited = false;

  constructor() {
    if (fromSource) {
      const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`;
      this.worker = new Worker(boot, { eval: true });
    } else {
      this.worker = new Worker(workerUrl);
    }
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
    this.queue = this.ready.catch(() => undefined);
    this.worker.once('exit', () => {
      this.exited = true;
    });
    // Idle between seeds: it must not keep the process alive on shutdown.
    this.worker.unref();
  }

  /** Run one seed (after any already asked for). */
  seed(options: Omit<SeedOptions, 'onProgress'>): Promise<SeedReply> {
    const run = this.queue.then(
      () =>
        new Promise<SeedReply>((resolve, reject) => {
          const settle = (): void => {
            this.worker.off('message', onMessage);
            this.worker.off('error', onError);
            this.worker.off('exit', onExit);
          };
          const onMessage = (reply: SeedReply): void => {
            settle();
            resolve(reply);
          };
          const onError = (error: Error): void => {
            settle();
            reject(error);
          };
          const onExit = (): void => {
            settle();
            reject(new Error('the seed worker stopped during the seed'));
          };
          if (this.exited) {
            reject(new Error('the seed worker has stopped'));
            return;
          }
          this.worker.once('message', onMessage);
          this.worker.once('error', onError);
          this.worker.once('exit', onExit);
          this.worker.postMessage(options);
        }),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stop the worker (a seed in progress is abandoned; its temp file is removed by the next seed). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
