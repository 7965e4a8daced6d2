import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { expectProblem } from '../helpers/problem.js';
import { get } from '../helpers/request.js';

let ctx: TestApp | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('health', () => {
  it('is live and ready over a seeded database', async () => {
    ctx = await buildTestApp();
    const live = await get(ctx, '/health/live');
    expect(live.body).toEqual({ status: 'ok' });
    expect(live.headers['cache-control']).toBe('no-store');
    const ready = await get(ctx, '/health/ready');
    expect(ready.body).toEqual({
      status: 'ready',
      sources: 2,
      datasetHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      seededAt: '2026-01-01T00:00:00.000Z',
      // Not watching: the status of the database served.
      seed: {
        watching: false,
        state: 'ok',
        lastSuccess: { at: '2026-01-01T00:00:00.000Z', mode: 'existing', durationMs: null },
        lastFailure: null,
      },
    });
  });

  it('is live but not ready when the database holds no source', async () => {
    ctx = await buildTestApp({ files: {} });
    expect((await get(ctx, '/health/live')).status).toBe(200);
    const problem = expectProblem(await get(ctx, '/health/ready'), 503, 'FAQ_ERR_NOT_READY');
    expect(problem.detail).toContain('no sources');
  });

  it('is not ready once the database is closed', async () => {
    ctx = await buildTestApp();
    ctx.db.close();
    expectProblem(await get(ctx, '/health/ready'), 503, 'FAQ_ERR_NOT_READY');
    expect((await get(ctx, '/health/live')).status).toBe(200);
  });

  it('is not ready while draining, says when to retry, and every answer closes its connection', async () => {
    ctx = await buildTestApp();
    ctx.app.startDraining();
    const ready = await get(ctx, '/health/ready');
    const problem = expectProblem(ready, 503, 'FAQ_ERR_NOT_READY');
    expect(problem.detail).toBe('The server is shutting down.');
    expect(ready.headers['retry-after']).toBe('1');
    expect(ready.headers.connection).toBe('close');
    const topics = await get(ctx, '/v1/topics');
    expect(topics.status).toBe(200);
    expect(topics.headers.connection).toBe('close');
    expect((await get(ctx, '/health/live')).headers.connection).toBe('close');
  });
});
