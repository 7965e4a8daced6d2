/**
 * Build an app for one test on its own database, seeded from inline
 * markdown through the real parse + load path (tests/helpers/db.ts).
 */
import { Writable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createTestDatabase, type TestDatabaseOptions } from './db.js';
import { FIXTURE_FILES } from './fixtures.js';

/**
 * Defaults plus `overrides`, with logging silenced and load shedding at a
 * 60 s event-loop delay: on a busy machine a test's own seeding stalls its
 * event loop past the 1 s default, and a 503 there would test the host, not
 * the app (tests of shedding set their own limits).
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', MAX_EVENT_LOOP_DELAY: '60s' }), ...overrides };
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  /** supertest bound to the app's server (real HTTP, no fixed port). */
  http: ReturnType<typeof supertest>;
  /** Log lines written so far, parsed (only when `captureLogs` was set). */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  files?: Record<string, string>;
  config?: Partial<Config>;
  database?: TestDatabaseOptions;
  /** An already seeded database to serve instead of `files`. */
  db?: Database;
  /** Log at this level into `logs` instead of discarding. */
  captureLogs?: Config['logLevel'];
}

/** A ready app over its own database; call close() when done. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? createTestDatabase(options.files ?? FIXTURE_FILES, options.database);
  const logs: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = testConfig({ ...options.config, ...(options.captureLogs ? { logLevel: options.captureLogs } : {}) });
  const app = buildApp(config, { db, logStream });
  await app.ready();
  return {
    app,
    db,
    http: supertest(app.server),
    logs,
    close: async () => {
      await app.close();
      if (db.open) db.close();
    },
  };
}
