/**
 * GET /v1/search and GET /v1/suggest over HTTP: every response is checked
 * against the committed OpenAPI document by the `get` helper.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { BUNDLED_SEED } from '../helpers/db.js';
import { expectProblem } from '../helpers/problem.js';
import { get } from '../helpers/request.js';
import { GOOD_MATCH } from '../../src/search/query.js';

const FILES = { 'mspt3_24-2-scp.md': BUNDLED_SEED };

interface Page {
  items: {
    id: string;
    question: string;
    topic: { slug: string } | null;
    score: number;
    highlights: { text: string; match: boolean }[];
  }[];
  nextCursor: string | null;
}

let ctx: TestApp | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

async function app(): Promise<TestApp> {
  ctx = await buildTestApp({ files: FILES });
  return ctx;
}

describe('GET /v1/search', () => {
  it('answers ranked hits with typed highlights for a Korean query', async () => {
    const res = await get(await app(), `/v1/search?q=${encodeURIComponent('볼륨은')}&limit=2`);
    expect(res.status).toBe(200);
    const page = res.body as Page;
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.question).toContain('Volume');
    expect(page.items[0]!.highlights.some((segment) => segment.match && segment.text === 'Volume')).toBe(true);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('pages with nextCursor until null', async () => {
    const test = await app();
    const seen: string[] = [];
    let url = `/v1/search?q=${encodeURIComponent('파드 볼륨')}&limit=2`;
    for (let i = 0; i < 10; i += 1) {
      const page = (await get(test, url)).body as Page;
      seen.push(...page.items.map((item) => item.id));
      if (page.nextCursor === null) break;
      url = `/v1/search?q=${encodeURIComponent('파드 볼륨')}&limit=2&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    expect(seen.length).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by topic', async () => {
    const page = (await get(await app(), '/v1/search?q=docker&topic=docker')).body as Page;
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((item) => item.topic?.slug === 'docker')).toBe(true);
  });

  it('answers 200 for queries full of search syntax', async () => {
    const test = await app();
    for (const q of ['docker run -it', 'kube-system', '8080:80', "don't", '"', 'NEAR(', '*', 'a'.repeat(1000)]) {
      const res = await get(test, `/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });

  it('answers 400 problems for a missing, empty or too long query', async () => {
    const test = await app();
    expectProblem(await get(test, '/v1/search'), 400, 'FAQ_ERR_VALIDATION');
    expectProblem(await get(test, '/v1/search?q='), 400, 'FAQ_ERR_VALIDATION');
    expectProblem(await get(test, '/v1/search?q=%20%20'), 400, 'FAQ_ERR_VALIDATION');
    expectProblem(await get(test, `/v1/search?q=${'a'.repeat(1001)}`), 400, 'FAQ_ERR_VALIDATION');
    expectProblem(await get(test, '/v1/search?q=x&limit=0'), 400, 'FAQ_ERR_VALIDATION');
  });

  it('answers 404 for an unknown topic or source and 400 for a foreign cursor', async () => {
    const test = await app();
    expectProblem(await get(test, '/v1/search?q=x&topic=nope'), 404, 'FAQ_ERR_TOPIC_NOT_FOUND');
    expectProblem(await get(test, '/v1/search?q=x&source=nope'), 404, 'FAQ_ERR_SOURCE_NOT_FOUND');
    const { nextCursor } = (await get(test, '/v1/search?q=pod&limit=1')).body as Page;
    expectProblem(
      await get(test, `/v1/search?q=volume&cursor=${encodeURIComponent(nextCursor!)}`),
      400,
      'FAQ_ERR_INVALID_CURSOR',
    );
  });
});

describe('GET /v1/suggest', () => {
  it('completes initial consonants and half-typed syllables', async () => {
    const test = await app();
    const initials = (await get(test, `/v1/suggest?q=${encodeURIComponent('ㄷㅋ')}`)).body as Page;
    expect(initials.items[0]!.question).toContain('도커');
    const halfTyped = (await get(test, `/v1/suggest?q=${encodeURIComponent('쿠버ㄴ')}&limit=3`)).body as Page;
    expect(halfTyped.items.length).toBeGreaterThan(0);
    expect(halfTyped.items.every((item) => /kubernetes|k8s/i.test(item.question))).toBe(true);
  });

  it('answers a 400 problem for an empty query', async () => {
    expectProblem(await get(await app(), '/v1/suggest?q='), 400, 'FAQ_ERR_VALIDATION');
  });
});

describe('search and suggest follow the HTTP rules the other routes follow', () => {
  it('answer 406 for an Accept they cannot satisfy', async () => {
    const ctx = await app();
    for (const url of ['/v1/search?q=docker', '/v1/suggest?q=dock']) {
      const problem = expectProblem(await get(ctx, url, { accept: 'image/png' }), 406, 'FAQ_ERR_NOT_ACCEPTABLE');
      expect(problem.detail, url).toContain('application/json');
    }
  });

  it('send an ETag of the data and the normalised query, Cache-Control, and 304 on If-None-Match', async () => {
    const ctx = await app();
    for (const [url, same, other] of [
      ['/v1/search?q=Docker&limit=2', '/v1/search?q=%20docker%20&limit=2', '/v1/search?q=docker&limit=3'],
      ['/v1/suggest?q=Dock', '/v1/suggest?q=dock', '/v1/suggest?q=docke'],
    ] as const) {
      const first = await get(ctx, url);
      const etag = first.headers.etag!;
      expect(etag, url).toMatch(/^"[^"]+"$/);
      expect(first.headers['cache-control'], url).toBe('public, max-age=60');
      expect((await get(ctx, same)).headers.etag, same).toBe(etag);
      expect((await get(ctx, other)).headers.etag, other).not.toBe(etag);
      const again = await get(ctx, url, { 'if-none-match': etag });
      expect(again.status, url).toBe(304);
      expect(again.text, url).toBe('');
    }
  });

  it('changes the ETag when the data is seeded differently', async () => {
    const a = await app();
    const before = (await get(a, '/v1/search?q=docker')).headers.etag;
    await a.close();
    ctx = await buildTestApp({ files: { 'mspt3_24-2-scp.md': `${BUNDLED_SEED}\n- docker 질문 하나 더?\n  - 네.\n` } });
    expect((await get(ctx, '/v1/search?q=docker')).headers.etag).not.toBe(before);
  });

  it('names the next page in a Link header when there is one, and not on the last page', async () => {
    const ctx = await app();
    const first = await get(ctx, '/v1/search?q=docker&limit=1');
    const page = first.body as Page;
    expect(page.nextCursor).not.toBeNull();
    expect(first.headers.link).toBe(`</v1/search?q=docker&limit=1&cursor=${page.nextCursor}>; rel="next"`);
    const next = await get(ctx, first.headers.link!.replace(/^<([^>]*)>.*$/, '$1'));
    expect((next.body as Page).items[0]!.id).not.toBe(page.items[0]!.id);
    const last = await get(ctx, `/v1/search?q=${encodeURIComponent('볼륨')}&limit=50`);
    expect((last.body as Page).nextCursor).toBeNull();
    expect(last.headers.link).toBeUndefined();
  });
});

describe('search scores over HTTP', () => {
  it('gives every hit a score between 0 and 1, best first, a good match at or above GOOD_MATCH', async () => {
    const page = (await get(await app(), `/v1/search?q=${encodeURIComponent('파드 볼륨')}&limit=10`)).body as Page & {
      items: { matchedAllTerms: boolean }[];
    };
    expect(page.items.length).toBeGreaterThan(1);
    for (const item of page.items) {
      expect(item.score).toBeGreaterThan(0);
      expect(item.score).toBeLessThanOrEqual(1);
    }
    const scores = page.items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(page.items[0]!.score).toBeGreaterThanOrEqual(GOOD_MATCH);
    expect(page.items[0]!.matchedAllTerms).toBe(true);
  });

  it('keeps an out-of-domain query below GOOD_MATCH', async () => {
    const page = (await get(await app(), `/v1/search?q=${encodeURIComponent('김치찌개 레시피')}`)).body as Page;
    expect(page.items.every((item) => item.score < GOOD_MATCH)).toBe(true);
  });
});

describe('GET /v1/questions/{id}/related', () => {
  it('answers the questions most like this one, never the question itself', async () => {
    const test = await app();
    const [first] = ((await get(test, `/v1/search?q=${encodeURIComponent('볼륨')}&limit=1`)).body as Page).items;
    const res = await get(test, `/v1/questions/${first!.id}/related?limit=3`);
    expect(res.status).toBe(200);
    const related = res.body as Page;
    expect(related.items.length).toBeGreaterThan(0);
    expect(related.items.length).toBeLessThanOrEqual(3);
    expect(related.items.some((item) => item.id === first!.id)).toBe(false);
    for (const item of related.items) expect(item.score).toBeLessThanOrEqual(1);
  });

  it('answers a 404 problem for an unknown question and 400 problems for a bad limit', async () => {
    const test = await app();
    expectProblem(await get(test, '/v1/questions/nope/related'), 404, 'FAQ_ERR_QUESTION_NOT_FOUND');
    const [first] = ((await get(test, '/v1/search?q=docker&limit=1')).body as Page).items;
    expectProblem(await get(test, `/v1/questions/${first!.id}/related?limit=0`), 400, 'FAQ_ERR_VALIDATION');
    expectProblem(await get(test, `/v1/questions/${first!.id}/related?limit=abc`), 400, 'FAQ_ERR_VALIDATION');
  });
});
