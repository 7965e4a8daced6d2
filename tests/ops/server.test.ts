import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_SEED, createTempSeed, createTestDatabaseFile, type TempSeed } from '../helpers/db.js';

// src/server.ts run for real (through tsx, so no build is needed), on an
// ephemeral port with a temp database. Waits are for log lines and exit
// events, never for fixed times; the generous timeouts only bound a hang.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOLD = fileURLToPath(new URL('./fixtures/hold-requests.ts', import.meta.url));
const SPAWN_TIMEOUT = 60_000;

interface Server {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout JSON line matching `predicate`. */
  waitForLog: (predicate: (line: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Server[] = [];
const temps: TempSeed[] = [];
afterEach(() => {
  for (const server of started.splice(0)) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  for (const temp of temps.splice(0)) temp.cleanup();
});

function startServer(env: Record<string, string>, args: string[] = []): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', HOLD, 'src/server.ts', ...args], {
    cwd: ROOT,
    // Only what the test sets: no inherited PORT/DATABASE_PATH can leak in.
    // A busy test machine must not make the server shed (tests of shedding live elsewhere).
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      MAX_EVENT_LOOP_DELAY: '60s',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: Array<{
    predicate: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }> = [];
  // Lines already read: a response can reach the test before its log line is
  // awaited, or after, and both must work.
  const lines: Record<string, unknown>[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const before = out;
    out += chunk;
    const complete = out
      .slice(before.lastIndexOf('\n') + 1)
      .split('\n')
      .slice(0, -1);
    for (const text of complete) {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
      }
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const server: Server = {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLog: (predicate) =>
      Promise.race([
        new Promise<Record<string, unknown>>((resolve) => {
          const seen = lines.find(predicate);
          if (seen) resolve(seen);
          else waiters.push({ predicate, resolve });
        }),
        exited.then(({ code }) => {
          throw new Error(`server exited (${code}) before the expected log line.\nstdout:\n${out}\nstderr:\n${err}`);
        }),
      ]),
    exited,
  };
  started.push(server);
  return server;
}

async function listeningPort(server: Server): Promise<number> {
  const line = await server.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('Server listening at'));
  return Number(new URL(String(line.msg).slice('Server listening at '.length)).port);
}

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  agent: Agent | false = false,
): Promise<{ res: IncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ res, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves 'refused' if a TCP connect to `port` is refused, 'connected' if it succeeds. */
function tryConnect(port: number): Promise<'refused' | 'connected'> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error),
    );
  });
}

async function seededTemp(): Promise<TempSeed> {
  const temp = await createTestDatabaseFile({ 'faq.md': BUNDLED_SEED });
  temps.push(temp);
  return temp;
}

describe('server start-up errors', () => {
  it('exits non-zero with one line on stderr for a bad PORT', { timeout: SPAWN_TIMEOUT }, async () => {
    const temp = await seededTemp();
    const server = startServer({ PORT: 'abc', DATABASE_PATH: temp.databasePath, SEEDS_DIR: temp.seedsDir });
    const { code } = await server.exited;
    expect(code).not.toBe(0);
    const lines = server.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
    expect(lines[0]).toMatch(/"abc"/);
  });

  it('exits non-zero with one line on stderr for CORS_ORIGINS=,', { timeout: SPAWN_TIMEOUT }, async () => {
    const temp = await seededTemp();
    const server = startServer({ CORS_ORIGINS: ',', DATABASE_PATH: temp.databasePath, SEEDS_DIR: temp.seedsDir });
    expect((await server.exited).code).not.toBe(0);
    expect(server.stderr().trimEnd().split('\n')).toEqual([
      'Invalid configuration: CORS_ORIGINS: lists no origin in ","; give * or origins like https://example.com',
    ]);
  });

  it(
    'exits non-zero with one line when DATABASE_PATH cannot be opened, and leaves the file alone',
    { timeout: SPAWN_TIMEOUT },
    async () => {
      const temp = createTempSeed({ 'faq.md': BUNDLED_SEED });
      temps.push(temp);
      // Not a database, and newer than the seeds, so the server goes straight to opening it.
      const notADatabase = join(temp.dir, 'notes.txt');
      writeFileSync(notADatabase, 'not a database\n');
      const server = startServer({ DATABASE_PATH: notADatabase, SEEDS_DIR: temp.seedsDir });
      expect((await server.exited).code).not.toBe(0);
      const lines = server.stderr().trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Cannot open DATABASE_PATH ".*notes\.txt" read-only: /);
      expect(readFileSync(notADatabase, 'utf8')).toBe('not a database\n');
    },
  );

  it('refuses to seed over a file that is not one of its databases', { timeout: SPAWN_TIMEOUT }, async () => {
    const temp = createTempSeed({ 'faq.md': BUNDLED_SEED });
    temps.push(temp);
    const precious = join(temp.dir, 'precious.conf');
    writeFileSync(precious, 'keep me\n');
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(precious, old, old); // older than the seeds: "stale", so a seed is attempted
    const server = startServer({ DATABASE_PATH: precious, SEEDS_DIR: temp.seedsDir });
    expect((await server.exited).code).not.toBe(0);
    expect(server.stderr().trimEnd().split('\n')).toEqual([
      expect.stringMatching(/is not an SQLite database; refusing to replace it/),
    ]);
    expect(readFileSync(precious, 'utf8')).toBe('keep me\n');
  });
});

describe('a server started without a database', () => {
  // One server for these three, in order: spawning is the slow part.
  let temp: TempSeed;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    temp = createTempSeed({ 'faq.md': BUNDLED_SEED });
    server = startServer({ DATABASE_PATH: temp.databasePath, SEEDS_DIR: temp.seedsDir, LOG_LEVEL: 'debug' });
    started.splice(started.indexOf(server), 1); // lives across this block's tests, not just one
    port = await listeningPort(server);
  }, SPAWN_TIMEOUT);
  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    temp.cleanup();
  });

  it('seeds it from SEEDS_DIR, then serves it', async () => {
    expect(server.stdout()).toContain('"reason":"no database yet"');
    expect(existsSync(temp.databasePath)).toBe(true);
    const { res, body } = await get(port, '/health/ready');
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ status: 'ready', sources: 1 });
  });

  it('logs JSON lines with the request id it was given, and no credentials', async () => {
    const { res } = await get(port, '/health/live', {
      'x-request-id': 'abc-123',
      authorization: 'Bearer secret-token',
    });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const line = await server.waitForLog((l) => l.reqId === 'abc-123');
    expect(line.level).toBeTypeOf('number');
    expect(server.stdout()).not.toContain('secret-token');
  });

  it('exits 0 on SIGINT, closing a kept-alive connection', { timeout: SPAWN_TIMEOUT }, async () => {
    const keepAlive = connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => keepAlive.once('connect', resolve));
    keepAlive.write('GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await new Promise((resolve) => keepAlive.once('data', resolve));
    const closedByServer = new Promise((resolve) => keepAlive.once('close', resolve));
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    await closedByServer;
  });
});

it('re-seeds at start when a seed file is newer than the database', { timeout: SPAWN_TIMEOUT }, async () => {
  const temp = await seededTemp();
  const later = new Date(statSync(temp.databasePath).mtimeMs + 60_000);
  temp.write('more.md', '# More\n\n## Extra\n\n- Q: Is this new?\n  - A: Yes.\n');
  utimesSync(join(temp.seedsDir, 'more.md'), later, later);
  const server = startServer({ DATABASE_PATH: temp.databasePath, SEEDS_DIR: temp.seedsDir });
  const port = await listeningPort(server);
  expect(server.stdout()).toContain('has newer files than the database');
  const { body } = await get(port, '/health/ready');
  expect(JSON.parse(body)).toMatchObject({ status: 'ready', sources: 2 });
});

describe('graceful shutdown', () => {
  it(
    'finishes an in-flight request, refuses new connections, and exits 0 on SIGTERM',
    { timeout: SPAWN_TIMEOUT },
    async () => {
      const temp = await seededTemp();
      const releaseFile = join(mkdtempSync(join(tmpdir(), 'faq-release-')), 'release');
      const server = startServer({
        DATABASE_PATH: temp.databasePath,
        SEEDS_DIR: temp.seedsDir,
        TEST_RELEASE_FILE: releaseFile,
      });
      const port = await listeningPort(server);
      // (a database newer than its seeds is served as is)
      expect(server.stdout()).not.toContain('seeding the database');

      let finished = false;
      // A keep-alive client, like browsers and proxies: its socket stays open after
      // the response, and the server must still close it and exit.
      const agent = new Agent({ keepAlive: true });
      const inFlight = get(port, '/v1/topics', { 'x-test-hold': '1' }, agent).then((result) => {
        finished = true;
        return result;
      });
      await server.waitForLog((l) => l.msg === 'test: request held');

      server.child.kill('SIGTERM');
      await server.waitForLog((l) => l.msg === 'shutting down: finishing in-flight requests');
      // The listening socket closes first; retry until the connect is refused.
      let outcome: 'refused' | 'connected' = 'connected';
      for (let attempt = 0; attempt < 200 && outcome === 'connected'; attempt += 1) {
        outcome = await tryConnect(port);
        if (outcome === 'connected') await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(outcome).toBe('refused');
      expect(finished).toBe(false);
      expect(server.child.exitCode).toBeNull();

      writeFileSync(releaseFile, '');
      const { res, body } = await inFlight;
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(body)).toHaveProperty('items');
      // Sent while draining: the client must not reuse this connection.
      expect(res.headers.connection).toBe('close');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.stdout()).toContain('shut down cleanly');
      expect(server.stdout()).not.toContain('killed by timeout');
      agent.destroy();
      rmSync(releaseFile, { force: true });
    },
  );

  it(
    'under keep-alive load, answers every accepted request (Connection: close while draining) and resets none',
    { timeout: SPAWN_TIMEOUT },
    async () => {
      const temp = await seededTemp();
      const server = startServer({ DATABASE_PATH: temp.databasePath, SEEDS_DIR: temp.seedsDir });
      const port = await listeningPort(server);
      const agent = new Agent({ keepAlive: true, maxSockets: 8 });
      let stopping = false;
      const answers: { status: number; connection: string | undefined; afterSignal: boolean; body: string }[] = [];
      const failures: string[] = [];
      // Eight clients in tight loops over kept-alive sockets, until the server
      // refuses their connection: the one error a client may see.
      const clients = Array.from({ length: 8 }, async () => {
        for (;;) {
          const afterSignal = stopping;
          try {
            const { res, body } = await get(port, '/v1/topics', {}, agent);
            answers.push({ status: res.statusCode!, connection: res.headers.connection, afterSignal, body });
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
            if (code === 'ECONNREFUSED') return;
            failures.push(code);
          }
        }
      });
      while (answers.length < 200) await new Promise((resolve) => setTimeout(resolve, 5));
      stopping = true;
      server.child.kill('SIGTERM');
      await Promise.all(clients);
      agent.destroy();
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(failures).toEqual([]);
      const draining = answers.filter((answer) => answer.afterSignal);
      expect(draining.length).toBeGreaterThan(0);
      for (const answer of answers) {
        if (answer.status === 503) {
          expect(JSON.parse(answer.body)).toMatchObject({ status: 503, type: expect.any(String) });
        } else {
          expect(answer.status).toBe(200);
        }
      }
      // Once the server is draining, no answer invites the client to reuse its connection.
      const lastKeepAlive = answers.findLastIndex((answer) => answer.connection === 'keep-alive');
      expect(answers.slice(lastKeepAlive + 1).length).toBeGreaterThan(0);
      expect(answers.slice(lastKeepAlive + 1).every((answer) => answer.connection === 'close')).toBe(true);
    },
  );
});
