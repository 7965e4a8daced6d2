/**
 * The watching server's seeding loop: a change under SEEDS_DIR asks for a
 * seed; seeds run one at a time in a worker thread (incremental, so only the
 * changed files are parsed); a change during a seed asks for one more after
 * it. A failed seed leaves the database as it was, so the previous content
 * stays served; the failure, with its file:line problems, goes to the log
 * and to the status maintainers read over HTTP, until a good save recovers.
 */
import { relative } from 'node:path';
import type { Logger } from 'pino';
import { SeedThread } from '../db/seed-thread.js';
import type { SeedReport } from '../db/seed.js';
import type { SeedStatus } from './status.js';
import { watchSeeds, type WatchOptions } from './watch.js';

export interface ReseederOptions {
  seedsDir: string;
  databasePath: string;
  log: Logger;
  /** The status to start from (the start-up seed's outcome). */
  status: SeedStatus;
  /** Serve the newly written database; a throw counts as a failed seed. */
  onSeeded: (report: SeedReport) => Promise<void>;
  watch?: WatchOptions;
}

/** Watches SEEDS_DIR and re-seeds on changes; `status` is what /health/ready shows. */
export class Reseeder {
  status: SeedStatus;
  private thread = new SeedThread();
  private readonly stopWatching: () => void;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly options: ReseederOptions) {
    this.status = { ...options.status, watching: true };
    this.stopWatching = watchSeeds(options.seedsDir, () => this.request(), options.watch);
  }

  /** Resolves once the seed worker is loaded, so the first change is served as fast as the next. */
  ready(): Promise<void> {
    return this.thread.ready;
  }

  /** Ask for a seed: now, or right after the one running. */
  request(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.request();
      }
    });
  }

  private async run(): Promise<void> {
    const { seedsDir, databasePath, log } = this.options;
    const started = Date.now();
    // A crashed worker is replaced, so one bad seed does not end watching.
    if (this.thread.exited) this.thread = new SeedThread();
    try {
      const reply = await this.thread.seed({ seedsDir, databasePath });
      if ('error' in reply) {
        this.fail(reply.error.message, reply.error.problems);
        return;
      }
      await this.options.onSeeded(reply.report);
      const durationMs = Date.now() - started;
      this.status = {
        ...this.status,
        state: 'ok',
        lastSuccess: {
          at: new Date().toISOString(),
          mode: reply.report.mode === 'incremental' ? 'incremental' : 'full',
          durationMs,
        },
      };
      log.info(
        { ...reply.report.totals, mode: reply.report.mode, carried: reply.report.carried, durationMs },
        're-seeded; serving the new content',
      );
    } catch (error) {
      if (!this.closed) this.fail(error instanceof Error ? error.message : String(error), []);
    }
  }

  private fail(message: string, problems: { file: string; line?: number; reason: string }[]): void {
    const { seedsDir, log } = this.options;
    this.status = {
      ...this.status,
      state: 'failing',
      lastFailure: {
        at: new Date().toISOString(),
        message: message.split(seedsDir + '/').join(''),
        problems: problems.map((p) => ({
          file: relative(seedsDir, p.file) || p.file,
          line: p.line ?? null,
          reason: p.reason,
        })),
      },
    };
    log.error({ problems, err: { message } }, 're-seed failed; still serving the previous content');
  }

  /**
   * Stop watching; a seed in progress is abandoned (its temp file goes with
   * the next seed), so a shutdown never waits for a long seed.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.stopWatching();
    await this.thread.close();
    await this.running;
  }
}
