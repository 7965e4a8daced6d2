import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { expectProblem } from '../helpers/problem.js';
import { get } from '../helpers/request.js';

interface Snippet {
  id: string;
  questionId: string;
  answerId: string | null;
  language: string | null;
  code: string;
  line: number;
  contentHash: string;
  topic: { slug: string; title: string } | null;
  source: { id: string; path: string; line: number };
}
interface List<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

let ctx: TestApp;
beforeEach(async () => {
  ctx = await buildTestApp();
});
afterEach(async () => {
  await ctx.close();
});

async function snippets(url: string): Promise<List<Snippet>> {
  const res = await get(ctx, url);
  expect(res.status).toBe(200);
  return res.body as List<Snippet>;
}

describe('GET /v1/snippets', () => {
  it('lists every snippet in question order with where it came from', async () => {
    const list = await snippets('/v1/snippets');
    expect(list.items.map((s) => s.code)).toEqual(['docker images', 'kubectl get pods', 'free -h']);
    expect(list.total).toBe(3);
    expect(list.items[0]).toMatchObject({
      language: 'bash',
      line: 12,
      answerId: null,
      topic: { slug: 'docker', title: 'Docker' },
      source: { id: 'guide', path: 'guide.md', line: 12 },
    });
    expect(list.items[0]).not.toHaveProperty('key');
  });

  it('filters by language, case-insensitively', async () => {
    expect((await snippets('/v1/snippets?language=bash')).items.map((s) => s.code)).toEqual([
      'docker images',
      'free -h',
    ]);
    expect((await snippets('/v1/snippets?language=SH')).items.map((s) => s.code)).toEqual(['kubectl get pods']);
    expect(await snippets('/v1/snippets?language=rust')).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('filters by topic (with subtopics) and by question', async () => {
    expect((await snippets('/v1/snippets?topic=kubernetes')).items.map((s) => s.code)).toEqual(['kubectl get pods']);
    const first = (await snippets('/v1/snippets')).items[2]!;
    expect((await snippets(`/v1/snippets?question=${first.questionId}`)).items.map((s) => s.id)).toEqual([first.id]);
  });

  it('pages to the end without gaps or repeats', async () => {
    const all = (await snippets('/v1/snippets')).items.map((s) => s.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: List<Snippet> = await snippets(`/v1/snippets?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all);
  });

  it('answers 404 for unknown topic or question filters and 400 for bad input', async () => {
    expectProblem(await get(ctx, '/v1/snippets?topic=nope'), 404, 'FAQ_ERR_TOPIC_NOT_FOUND');
    expectProblem(await get(ctx, '/v1/snippets?question=q_nope'), 404, 'FAQ_ERR_QUESTION_NOT_FOUND');
    expectProblem(await get(ctx, `/v1/snippets?language=${'x'.repeat(51)}`), 400, 'FAQ_ERR_VALIDATION');
    expectProblem(
      await get(ctx, `/v1/snippets?cursor=${Buffer.from('v1:[1]').toString('base64url')}`),
      400,
      'FAQ_ERR_INVALID_CURSOR',
    );
  });
});

describe('GET /v1/snippets/{id}', () => {
  it('returns the snippet as JSON by default', async () => {
    const first = (await snippets('/v1/snippets')).items[0]!;
    const res = await get(ctx, `/v1/snippets/${first.id}`);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual(first);
  });

  it('sends the raw code at /raw byte for byte as the JSON code, and with Accept: text/plain on the JSON URL', async () => {
    const first = (await snippets('/v1/snippets')).items[0]!;
    const json = (await get(ctx, `/v1/snippets/${first.id}`)).body as { code: string };
    expect(json.code).toBe('docker images');
    const viaPath = await get(ctx, `/v1/snippets/${first.id}/raw`);
    expect(viaPath.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(viaPath.text).toBe(json.code);
    const negotiated = await get(ctx, `/v1/snippets/${first.id}`, { accept: 'text/plain' });
    expect(negotiated.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(negotiated.text).toBe(json.code);
    expect(negotiated.headers.vary).toContain('Accept');
    expect(negotiated.headers['content-location']).toBe(`/v1/snippets/${first.id}/raw`);
    expect(negotiated.headers.etag).toBe(viaPath.headers.etag);
  });

  it('answers 404 for an unknown snippet', async () => {
    expectProblem(await get(ctx, '/v1/snippets/s_nope'), 404, 'FAQ_ERR_SNIPPET_NOT_FOUND');
    expectProblem(await get(ctx, '/v1/snippets/s_nope/raw'), 404, 'FAQ_ERR_SNIPPET_NOT_FOUND');
  });
});
