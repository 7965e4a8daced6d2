import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { EXTRA_MD, FIXTURE_FILES, GUIDE_MD } from '../helpers/fixtures.js';
import { expectProblem } from '../helpers/problem.js';
import { get } from '../helpers/request.js';

let ctx: TestApp;
let ids: string[];
beforeEach(async () => {
  ctx = await buildTestApp();
  ids = ((await get(ctx, '/v1/questions')).body as { items: { id: string }[] }).items.map((q) => q.id);
});
afterEach(async () => {
  await ctx.close();
});

describe('ETag and If-None-Match', () => {
  it('answers 304 without a body when the ETag still matches, for every cacheable resource', async () => {
    const snippet = ((await get(ctx, '/v1/snippets')).body as { items: { id: string }[] }).items[0]!.id;
    const urls = [
      `/v1/questions/${ids[0]}`,
      '/v1/questions',
      '/v1/questions?topic=docker',
      '/v1/questions/deleted',
      '/v1/topics',
      '/v1/topics?view=flat',
      '/v1/topics/docker',
      '/v1/topics/docker/questions',
      '/v1/sources',
      '/v1/sources/guide',
      '/v1/snippets',
      `/v1/snippets/${snippet}`,
      `/v1/snippets/${snippet}/raw`,
    ];
    for (const url of urls) {
      const first = await get(ctx, url);
      expect(first.status, url).toBe(200);
      expect(first.headers.etag, url).toMatch(/^"[^"]+"$/);
      expect(first.headers['cache-control'], url).toBe('public, max-age=60');
      const again = await get(ctx, url, { 'if-none-match': first.headers.etag! });
      expect(again.status, url).toBe(304);
      expect(again.text, url).toBe('');
      expect(again.headers.etag, url).toBe(first.headers.etag);
    }
  });

  it('matches weak validators, lists and *', async () => {
    const url = `/v1/questions/${ids[0]}`;
    const etag = (await get(ctx, url)).headers.etag!;
    expect((await get(ctx, url, { 'if-none-match': `W/${etag}` })).status).toBe(304);
    expect((await get(ctx, url, { 'if-none-match': `"other", ${etag}` })).status).toBe(304);
    expect((await get(ctx, url, { 'if-none-match': '*' })).status).toBe(304);
    expect((await get(ctx, url, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('gives JSON and markdown of one question different ETags', async () => {
    const url = `/v1/questions/${ids[0]}`;
    const json = (await get(ctx, url)).headers.etag!;
    const markdown = await get(ctx, url, { accept: 'text/markdown' });
    expect(markdown.headers.etag).not.toBe(json);
    expect((await get(ctx, url, { accept: 'text/markdown', 'if-none-match': json })).status).toBe(200);
    expect((await get(ctx, url, { accept: 'text/markdown', 'if-none-match': markdown.headers.etag! })).status).toBe(
      304,
    );
  });

  it("derives ETags from seeded content: equal content, equal ETags, in another process's database", async () => {
    const before = (await get(ctx, `/v1/questions/${ids[0]}`)).headers.etag;
    const list = (await get(ctx, '/v1/questions')).headers.etag;
    await ctx.close();
    ctx = await buildTestApp({ files: FIXTURE_FILES, database: { now: '2026-01-01T00:00:00.000Z' } });
    expect((await get(ctx, `/v1/questions/${ids[0]}`)).headers.etag).toBe(before);
    expect((await get(ctx, '/v1/questions')).headers.etag).toBe(list);
  });

  it("changes a question's ETag when its answers change, and the list ETag with it", async () => {
    const before = (await get(ctx, `/v1/questions/${ids[0]}`)).headers.etag;
    const list = (await get(ctx, '/v1/questions')).headers.etag;
    const untouched = (await get(ctx, `/v1/questions/${ids[7]}`)).headers.etag;
    await ctx.close();
    ctx = await buildTestApp({
      files: {
        'guide.md': GUIDE_MD.replace('It splits the build into stages.', 'It splits the build into several stages.'),
        'notes/extra.md': EXTRA_MD,
      },
    });
    expect((await get(ctx, `/v1/questions/${ids[0]}`)).headers.etag).not.toBe(before);
    expect((await get(ctx, '/v1/questions')).headers.etag).not.toBe(list);
    expect((await get(ctx, `/v1/questions/${ids[7]}`)).headers.etag).toBe(untouched);
  });

  it('answers 400 for an oversized If-None-Match or Accept header', async () => {
    const url = `/v1/questions/${ids[0]}`;
    const problem = expectProblem(
      await get(ctx, url, { 'if-none-match': `"${'x'.repeat(2000)}"` }),
      400,
      'FAQ_ERR_VALIDATION',
    );
    expect(problem.issues).toEqual([expect.objectContaining({ in: 'headers', pointer: '/if-none-match' })]);
    expectProblem(await get(ctx, '/v1/topics', { accept: `${'text/x-'.repeat(200)}json` }), 400, 'FAQ_ERR_VALIDATION');
  });

  it('does not send ETags on errors', async () => {
    const res = await get(ctx, '/v1/questions/q_missing');
    expect(res.status).toBe(404);
    expect(res.headers.etag).toBeUndefined();
  });
});
