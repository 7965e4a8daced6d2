/**
 * The only file that listens. Start-up, in order:
 *   1. read the configuration once (a bad value: one line on stderr, exit 1);
 *   2. seed SEEDS_DIR into DATABASE_PATH when the database is missing, older
 *      than a seed file, or `--seed` is given;
 *   3. open the database read-only, build the app, listen;
 *   4. on SIGTERM/SIGINT: stop accepting; drain (answers say Connection: close,
 *      readiness 503) for up to DRAIN_GRACE_MS, then close idle connections;
 *      once in-flight requests finish, close the database and exit 0 — or
 *      exit 1 if that takes longer than SHUTDOWN_DELAY_MS.
 * With WATCH_SEEDS=true (or --watch) the server also watches SEEDS_DIR and
 * serves new content without a restart (src/live): step 3 then builds one app
 * per database and a plain HTTP server hands requests to the current one.
 * Usage: node dist/server.js [--seed] [--watch]
 */
import { existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import closeWithGrace from 'close-with-grace';
import { pino, type Logger } from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/open.js';
import { newestSeedTime, notReplaceableReason, schemaIsBehind } from './db/seed-files.js';
import { clientErrorHandler } from './http/client-errors.js';
import { requestLimitOptions } from './http/plugins/request-limits.js';
import { ContentSwitch, type Generation } from './live/content.js';
import { staticStatus, type SeedStatus } from './live/status.js';

/**
 * Upper bound for a graceful shutdown. Requests here take milliseconds, so
 * 10 s is generous, and it stays well inside Kubernetes' default 30 s grace
 * period (minus the 5 s preStop pause in deploy/kubernetes).
 */
const SHUTDOWN_DELAY_MS = 10_000;

/**
 * How long a shutdown waits for kept-alive connections to finish by
 * themselves before closing the idle ones. Every response meanwhile says
 * `Connection: close`, so a client busy with requests gets its answer and
 * then a closed connection, instead of a request reset on a socket closed
 * under it; only sockets idle this long are closed by the server.
 */
const DRAIN_GRACE_MS = 1_000;

/**
 * Stop accepting connections but leave open ones alone (http.Server's own
 * close() would also destroy idle kept-alive sockets at once, racing a
 * client's next request on them). Resolves once every connection has ended.
 */
function stopAccepting(server: Server): Promise<void> {
  return new Promise((resolve) => net.Server.prototype.close.call(server, () => resolve()));
}

/** A start-up problem the operator must fix; printed as one line, exit 1. */
class StartupError extends Error {}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, '; ');
}

/** Why the database must be (re)built before serving, or null when it is up to date. */
function seedReason(config: Config, force: boolean): string | null {
  if (force) return '--seed given';
  let databaseTime: number;
  try {
    databaseTime = statSync(config.databasePath).mtimeMs;
  } catch {
    return 'no database yet';
  }
  if (newestSeedTime(config.seedsDir) > databaseTime) return `${config.seedsDir} has newer files than the database`;
  // A database built before a new migration would be refused by openDatabase.
  try {
    if (notReplaceableReason(config.databasePath) === null && schemaIsBehind(config.databasePath))
      return 'the database schema is older than migrations/';
  } catch {
    // Unreadable: ensureSeeded reports it.
  }
  return null;
}

/**
 * Seed when needed. A database that already exists keeps being served if a
 * re-seed fails (the seed is atomic, so the old file is intact): bad content
 * must not take the service down. Without a usable database, or with an
 * explicit --seed, a failed seed stops the start.
 */
async function ensureSeeded(config: Config, force: boolean, log: Logger): Promise<SeedStatus | null> {
  const reason = seedReason(config, force);
  if (reason === null) return null;
  if (existsSync(config.databasePath)) {
    let refusal: string | null;
    try {
      refusal = notReplaceableReason(config.databasePath);
    } catch (error) {
      // Unreadable (permissions, say): not ours to replace either.
      throw new StartupError(
        `Cannot check DATABASE_PATH "${config.databasePath}" before re-seeding: ${oneLine(error)}`,
      );
    }
    if (refusal)
      throw new StartupError(
        `DATABASE_PATH "${config.databasePath}" ${refusal}; refusing to replace it with a seeded database`,
      );
  }
  log.info({ seedsDir: config.seedsDir, databasePath: config.databasePath, reason }, 'seeding the database');
  const { seedDatabase } = await import('./db/seed.js');
  const started = Date.now();
  try {
    const report = await seedDatabase({
      seedsDir: config.seedsDir,
      databasePath: config.databasePath,
      limits: config.seedLimits,
    });
    log.info({ databasePath: report.database, mode: report.mode, ...report.totals }, 'seeded');
    return {
      ...staticStatus(null),
      lastSuccess: {
        at: new Date().toISOString(),
        mode: report.mode === 'incremental' ? 'incremental' : 'full',
        durationMs: Date.now() - started,
      },
    };
  } catch (error) {
    if (force || reason === 'no database yet') {
      throw new StartupError(
        `Cannot seed DATABASE_PATH "${config.databasePath}" from SEEDS_DIR "${config.seedsDir}": ${oneLine(error)}`,
      );
    }
    log.error({ err: error }, 'seeding failed; serving the existing database');
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...staticStatus(null),
      state: 'failing',
      lastFailure: { at: new Date().toISOString(), message, problems: [] },
    };
  }
}

function openReadonly(path: string): Database {
  try {
    return openDatabase(path, { readonly: true });
  } catch (error) {
    throw new StartupError(`Cannot open DATABASE_PATH "${path}" read-only: ${oneLine(error)}`);
  }
}

/**
 * Watch mode: one app per database behind a plain HTTP server (ContentSwitch),
 * a Reseeder that re-seeds on changes and swaps the new database in, and the
 * same graceful shutdown as the default mode.
 */
async function serveLive(config: Config, log: Logger, db: Database, startup: SeedStatus | null): Promise<void> {
  const { Reseeder } = await import('./live/reseed.js');
  // Apps read the status per request: the reseeder's, once it exists.
  const watcher: { reseeder?: InstanceType<typeof Reseeder> } = {};
  let status: SeedStatus = { ...(startup ?? staticStatus(null)), watching: true };
  const currentStatus = (): SeedStatus => watcher.reseeder?.status ?? status;
  const generation = async (handle: Database): Promise<Generation> => {
    const app = buildApp(config, { db: handle, seedStatus: currentStatus });
    try {
      await app.ready();
    } catch (error) {
      await app.close().catch(() => undefined);
      throw error;
    }
    return { app, db: handle };
  };
  const first = await generation(db);
  if (!startup) {
    // No seed at start-up: the database's own seed time is the last success.
    status = {
      ...status,
      lastSuccess: { at: first.app.dataset.seededAt ?? new Date().toISOString(), mode: 'existing', durationMs: null },
    };
  }
  const content = new ContentSwitch(first);
  // The limits Fastify would put on a server of its own (request-limits.ts).
  const server = createServer({ maxHeaderSize: requestLimitOptions.http.maxHeaderSize }, content.dispatch);
  server.requestTimeout = requestLimitOptions.requestTimeout;
  server.setTimeout(requestLimitOptions.connectionTimeout);
  server.on('clientError', clientErrorHandler);

  const reseeder = new Reseeder({
    seedsDir: config.seedsDir,
    databasePath: config.databasePath,
    log,
    status,
    onSeeded: async () => {
      const handle = openDatabase(config.databasePath, { readonly: true });
      try {
        content.swap(await generation(handle));
      } catch (error) {
        if (handle.open) handle.close();
        throw error;
      }
    },
  });

  watcher.reseeder = reseeder;
  await reseeder.ready();

  closeWithGrace(
    { delay: SHUTDOWN_DELAY_MS, logger: { error: (message: unknown) => log.error(message) } },
    async ({ signal, err }) => {
      if (err) log.error({ err }, 'closing after an unexpected error');
      else log.info({ signal }, 'shutting down: finishing in-flight requests');
      await reseeder.close();
      // As in the default mode: drain (Connection: close on every answer) for
      // a grace period, then close idle kept-alive sockets (and those that
      // turn idle) until in-flight requests are done.
      content.app.startDraining();
      const ended = stopAccepting(server);
      if (!err) await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, DRAIN_GRACE_MS).unref())]);
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      try {
        await ended;
      } finally {
        clearInterval(sweep);
      }
      await content.close();
      log.info('shut down cleanly');
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new StartupError(`Cannot listen on ${config.host}:${config.port}: ${oneLine(error)}`)),
    );
    server.listen(config.port, config.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  log.info({ seedsDir: config.seedsDir }, `Server listening at http://${host}:${port}`);
  log.info({ seedsDir: config.seedsDir }, 'watching SEEDS_DIR for changes');
}

async function main(): Promise<void> {
  let args: { seed: boolean; watch: boolean };
  try {
    args = parseArgs({
      options: { seed: { type: 'boolean', default: false }, watch: { type: 'boolean', default: false } },
    }).values;
  } catch (error) {
    throw new StartupError(`${oneLine(error)} (usage: node dist/server.js [--seed] [--watch])`);
  }
  const config = loadConfig(process.env);
  // The app has its own (request) logger; this one covers start-up and
  // shutdown. Synchronous writes: these few lines must be out, in order,
  // before close-with-grace calls process.exit().
  const log = pino(
    { level: config.logLevel, base: { pid: process.pid, name: 'faq-api' } },
    pino.destination({ dest: 1, sync: true }),
  );

  const startup = await ensureSeeded(config, args.seed, log);
  const db = openReadonly(config.databasePath);
  if (config.watchSeeds || args.watch) {
    await serveLive(config, log, db, startup);
    return;
  }
  // A start-up seed's outcome (a failure included) is what maintainers see.
  const app = await buildApp(config, { db, ...(startup ? { seedStatus: () => startup } : {}) });

  closeWithGrace(
    { delay: SHUTDOWN_DELAY_MS, logger: { error: (message: unknown) => log.error(message) } },
    async ({ signal, err }) => {
      if (err) log.error({ err }, 'closing after an unexpected error');
      else log.info({ signal }, 'shutting down: finishing in-flight requests');
      app.startDraining();
      const ended = stopAccepting(app.server);
      if (!err) await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, DRAIN_GRACE_MS).unref())]);
      // Sockets still idle now have had a second to send a request. A socket
      // whose response went out (with keep-alive) just before draining began
      // turns idle later; the sweep closes those too, or the shutdown would
      // wait for every such client to hang up. close() then finds no
      // connection left: it runs the onClose hooks.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 25);
      try {
        await ended;
        await app.close();
      } finally {
        clearInterval(sweep);
      }
      if (db.open) db.close();
      log.info('shut down cleanly');
    },
  );

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    throw new StartupError(`Cannot listen on ${config.host}:${config.port}: ${oneLine(error)}`);
  }
}

main().catch((error: unknown) => {
  // One line an operator can act on; a stack trace only for real bugs.
  if (error instanceof ConfigError || error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
