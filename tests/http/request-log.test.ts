import { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import requestLog from '../../src/http/plugins/request-log.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

/** A Fastify app logging at `level` into `lines`, with the plugin and a route that takes `delayMs`. */
async function appWithLog(level: string, options: { slowMs?: number; everyRequest: boolean }, delayMs = 0) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const app: FastifyInstance = Fastify({
    logger: { level, stream },
    logController: new LogController({ disableRequestLogging: true }),
  });
  open.push(app);
  await app.register(requestLog, options);
  app.get('/v1/topics', async () => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { ok: true };
  });
  return { app, lines };
}

describe('request logging', () => {
  it('logs nothing for a fast, successful request at the default level', async () => {
    const { app, lines } = await appWithLog('info', { everyRequest: false });
    expect((await app.inject('/v1/topics')).statusCode).toBe(200);
    expect(lines).toEqual([]);
  });

  it('logs a slow request at warn with its duration and request id', async () => {
    const { app, lines } = await appWithLog('info', { slowMs: 20, everyRequest: false }, 40);
    await app.inject('/v1/topics');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'slow request', method: 'GET', url: '/v1/topics', statusCode: 200 }),
    ]);
    expect(lines[0]!.ms).toBeGreaterThanOrEqual(20);
    expect(typeof lines[0]!.reqId).toBe('string');
  });

  it('logs every request once, at debug, when asked', async () => {
    const { app, lines } = await appWithLog('debug', { everyRequest: true });
    await app.inject('/v1/topics');
    await app.inject('/nope');
    expect(lines.map((line) => [line.level, line.msg, line.url, line.statusCode])).toEqual([
      [20, 'request', '/v1/topics', 200],
      [20, 'request', '/nope', 404],
    ]);
  });

  it('refuses a threshold that is not positive', async () => {
    const app = Fastify({ logger: false });
    open.push(app);
    app.register(requestLog, { slowMs: 0, everyRequest: false });
    await expect(app.ready()).rejects.toThrow('slowMs must be a positive number');
  });
});

describe('request logging in the app', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('writes no line for a fast request at info, and one per request with its id at debug', async () => {
    t = await buildTestApp({ captureLogs: 'info' });
    await t.http.get('/v1/questions?limit=1').set('x-request-id', 'req-log-1');
    expect(t.logs.filter((line) => line.reqId === 'req-log-1')).toEqual([]);
    await t.close();

    t = await buildTestApp({ captureLogs: 'debug' });
    await t.http.get('/v1/questions?limit=1').set('x-request-id', 'req-log-2');
    expect(t.logs.filter((line) => line.reqId === 'req-log-2')).toEqual([
      expect.objectContaining({ level: 20, msg: 'request', url: '/v1/questions?limit=1', statusCode: 200 }),
    ]);
  });
});
