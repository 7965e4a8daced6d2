import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { expectProblem } from '../helpers/problem.js';
import { get } from '../helpers/request.js';

let ctx: TestApp;
beforeEach(async () => {
  ctx = await buildTestApp();
});
afterEach(async () => {
  await ctx.close();
});

describe('GET /v1/sources', () => {
  it('lists the seeded documents ordered by path', async () => {
    const res = await get(ctx, '/v1/sources');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          id: 'guide',
          title: 'Course Guide',
          path: 'guide.md',
          questionCount: 6,
          contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          seededAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
          description: null,
        },
        {
          id: 'notes-extra',
          title: 'Extra Notes',
          path: 'notes/extra.md',
          questionCount: 2,
          contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          seededAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
          description: null,
        },
      ],
      nextCursor: null,
      total: 2,
      seed: expect.objectContaining({ watching: false, state: 'ok', lastFailure: null }),
    });
  });
});

describe('GET /v1/sources/{id}', () => {
  it('returns one source', async () => {
    const res = await get(ctx, '/v1/sources/notes-extra');
    expect(res.body).toMatchObject({ id: 'notes-extra', path: 'notes/extra.md', questionCount: 2 });
  });

  it('answers 404 for an unknown source', async () => {
    expectProblem(await get(ctx, '/v1/sources/missing'), 404, 'FAQ_ERR_SOURCE_NOT_FOUND');
  });
});
