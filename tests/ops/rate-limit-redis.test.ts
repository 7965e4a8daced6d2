import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

// The rate limit shared through a real redis-server (the Debian package;
// .ci/run installs it): two app instances, as two replicas would be, count
// against one limit. Without redis-server on PATH this file is skipped
// locally and fails in CI.
const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasRedis && process.env.CI) throw new Error('redis-server is required in CI (apt-get install redis-server)');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let redis: ChildProcess | undefined;
let url = '';
let admin: Redis | undefined;

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {}); // refused until the server listens: retried below
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await probe.connect();
        await probe.ping();
        return child;
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    probe.disconnect();
  }
}

function stopRedis(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe.skipIf(!hasRedis)('rate limit shared through Redis (RATE_LIMIT_REDIS_URL)', () => {
  const open: TestApp[] = [];
  beforeAll(async () => {
    const port = await freePort();
    redis = await startRedis(port);
    url = `redis://127.0.0.1:${port}`;
    admin = new Redis(url);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    await admin?.flushall();
  });
  afterAll(async () => {
    admin?.disconnect();
    await stopRedis(redis);
  });

  async function replica(redisUrl?: string, max = 3): Promise<TestApp> {
    const t = await buildTestApp({ config: { rateLimit: { max, windowMs: 60_000, redisUrl } } });
    open.push(t);
    return t;
  }

  it('holds the limit across two app instances sharing one Redis', async () => {
    const [a, b] = [await replica(url), await replica(url)];
    const statuses: number[] = [];
    for (const t of [a, b, a, b, a]) statuses.push((await t.app.inject('/v1/sources')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await b.app.inject('/v1/sources');
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'FAQ_ERR_RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The counter is in Redis, under the service's own prefix.
    expect((await admin!.keys('faq-api-rate-limit:*')).length).toBe(1);
  });

  it('counts per replica without it: each instance alone lets the client through', async () => {
    const [a, b] = [await replica(), await replica()];
    const statuses: number[] = [];
    for (const t of [a, b, a, b, a, b]) statuses.push((await t.app.inject('/v1/sources')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('keeps counting clients apart and never limits the health probes', async () => {
    const [a, b] = [await replica(url, 1), await replica(url, 1)];
    expect((await a.app.inject({ url: '/v1/sources', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
    expect((await b.app.inject({ url: '/v1/sources', remoteAddress: '10.0.0.1' })).statusCode).toBe(429);
    expect((await b.app.inject({ url: '/v1/sources', remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await a.app.inject('/health/ready')).statusCode).toBe(200);
  });

  it('keeps serving, unlimited, while Redis is unreachable', async () => {
    const port = await freePort(); // nothing listens there
    const t = await replica(`redis://127.0.0.1:${port}`, 1);
    for (let i = 0; i < 3; i += 1) expect((await t.app.inject('/v1/sources')).statusCode).toBe(200);
  });
});
