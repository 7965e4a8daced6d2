/**
 * Worker thread that runs seeds for a watching server (seed-thread.ts), so
 * parsing and loading never hold up the event loop that answers requests.
 */
import { parentPort } from 'node:worker_threads';
import { SeedError, seedDatabase, type SeedOptions } from './seed.js';
import type { SeedReply } from './seed-thread.js';

// Loaded (the markdown pipeline included): the first seed need not wait for it.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (options: SeedOptions) => {
  seedDatabase(options).then(
    (report) => parentPort?.postMessage({ report } satisfies SeedReply),
    (error: unknown) =>
      parentPort?.postMessage({
        error: {
          message: error instanceof Error ? error.message : String(error),
          problems: error instanceof SeedError ? error.problems : [],
          expected: error instanceof SeedError,
        },
      } satisfies SeedReply),
  );
});
