import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPreviousState } from '../../src/db/load.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';
import { EXTRA_MD, FIXTURE_FILES, GUIDE_MD } from '../helpers/fixtures.js';
import { expectProblem } from '../helpers/problem.js';
import { get } from '../helpers/request.js';

interface Summary {
  id: string;
  question: string;
  topic: { slug: string; title: string } | null;
  source: { id: string; path: string; line: number };
  hasCode: boolean;
  followUpOf: string | null;
  contentHash: string;
  updatedAt: string;
}
interface List<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}
interface Answer {
  id: string;
  markdown: string;
  text: string;
  html: string;
  line: number;
  children: Answer[];
}

let ctx: TestApp;
beforeEach(async () => {
  ctx = await buildTestApp();
});
afterEach(async () => {
  await ctx.close();
});

async function list(url: string): Promise<List<Summary>> {
  const res = await get(ctx, url);
  expect(res.status).toBe(200);
  return res.body as List<Summary>;
}

/** Follow nextCursor to the end; also checks the Link header names the same next page. */
async function walk(url: string): Promise<{ ids: string[]; pages: number; total: number | undefined }> {
  const ids: string[] = [];
  let next: string | null = url;
  let pages = 0;
  let total: number | undefined;
  while (next !== null) {
    const res = await get(ctx, next);
    expect(res.status).toBe(200);
    const page = res.body as List<Summary>;
    total = page.total;
    ids.push(...page.items.map((item) => item.id));
    pages += 1;
    if (page.nextCursor === null) {
      expect(res.headers.link).toBeUndefined();
      next = null;
    } else {
      const link = /^<([^>]+)>; rel="next"$/.exec(res.headers.link ?? '');
      expect(link).not.toBeNull();
      expect(new URL(link![1]!, 'http://x').searchParams.get('cursor')).toBe(page.nextCursor);
      next = link![1]!;
    }
    expect(pages).toBeLessThan(50);
  }
  return { ids, pages, total };
}

describe('GET /v1/questions', () => {
  it('lists every question in source order with summaries and a total', async () => {
    const page = await list('/v1/questions');
    expect(page.total).toBe(8);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((q) => q.question)).toEqual([
      'What is a multi-stage build?',
      'How do I list images?',
      '(위 질문에 이어서) And how do I remove one?',
      'What does a bridge network do?',
      'What is a Pod?',
      'How do I see pods?',
      'What is a Deployment?',
      'How do I see free memory?',
    ]);
    expect(page.items[0]).toMatchObject({
      topic: { slug: 'docker', title: 'Docker' },
      source: { id: 'guide', path: 'guide.md', line: 5 },
      hasCode: false,
      followUpOf: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(page.items[2]!.followUpOf).toBe(page.items[1]!.id);
  });

  it('pages to the end without gaps or repeats, for every page size', async () => {
    const all = (await list('/v1/questions?limit=100')).items.map((q) => q.id);
    for (const limit of [1, 2, 3, 7, 8]) {
      const { ids, pages, total } = await walk(`/v1/questions?limit=${limit}`);
      expect(ids).toEqual(all);
      expect(pages).toBe(Math.ceil(8 / limit));
      expect(total).toBe(8);
    }
  });

  it('filters by topic, including subtopics', async () => {
    const docker = await list('/v1/questions?topic=docker');
    expect(docker.items.map((q) => q.topic?.slug)).toEqual(['docker', 'docker', 'docker', 'docker-networking']);
    expect(docker.total).toBe(4);
    const networking = await list('/v1/questions?topic=docker-networking');
    expect(networking.items.map((q) => q.question)).toEqual(['What does a bridge network do?']);
  });

  it('filters by topic across sources', async () => {
    const k8s = await list('/v1/questions?topic=kubernetes');
    expect(k8s.items.map((q) => q.source.id)).toEqual(['guide', 'guide', 'notes-extra']);
  });

  it('filters by source', async () => {
    const extra = await list('/v1/questions?source=notes-extra');
    expect(extra.items.map((q) => q.question)).toEqual(['What is a Deployment?', 'How do I see free memory?']);
    expect(extra.items[1]!.source).toEqual({ id: 'notes-extra', path: 'notes/extra.md', line: 10 });
  });

  it('filters by hasCode true and false', async () => {
    const withCode = await list('/v1/questions?hasCode=true');
    expect(withCode.items.map((q) => q.question)).toEqual([
      'How do I list images?',
      'How do I see pods?',
      'How do I see free memory?',
    ]);
    expect(withCode.items.every((q) => q.hasCode)).toBe(true);
    const without = await list('/v1/questions?hasCode=false');
    expect(without.total).toBe(5);
    expect(without.items.every((q) => !q.hasCode)).toBe(true);
  });

  it('filters by updatedSince, at or after the given time', async () => {
    expect((await list('/v1/questions?updatedSince=2026-01-01T00:00:00Z')).total).toBe(8);
    expect((await list('/v1/questions?updatedSince=2025-12-31')).total).toBe(8);
    expect((await list('/v1/questions?updatedSince=2026-01-01T00:00:00.001Z')).total).toBe(0);
    // An offset is normalised before comparing: 01:00+01:00 is midnight UTC.
    expect((await list('/v1/questions?updatedSince=2026-01-01T01:00:00%2B01:00')).total).toBe(8);
  });

  it('reports only questions whose content changed since a re-seed', async () => {
    const before = createTestDatabase(FIXTURE_FILES, { now: '2026-01-01T00:00:00.000Z' });
    const changed = GUIDE_MD.replace('The smallest deployable unit.', 'The smallest deployable unit in Kubernetes.');
    const after = createTestDatabase(
      { 'guide.md': changed, 'notes/extra.md': EXTRA_MD },
      {
        now: '2026-02-01T00:00:00.000Z',
        previous: readPreviousState(before),
      },
    );
    before.close();
    await ctx.close();
    ctx = await buildTestApp({ db: after });
    const page = await list('/v1/questions?updatedSince=2026-01-15T00:00:00Z');
    expect(page.items.map((q) => q.question)).toEqual(['What is a Pod?']);
  });

  it('combines filters and pages through the combination', async () => {
    const { ids, total } = await walk('/v1/questions?topic=kubernetes&hasCode=false&limit=1');
    expect(total).toBe(2);
    const expected = (await list('/v1/questions?topic=kubernetes&hasCode=false')).items.map((q) => q.id);
    expect(ids).toEqual(expected);
    expect(ids).toHaveLength(2);
  });

  it('searches with q and pages through results without repeats', async () => {
    const page = await list('/v1/questions?q=pods');
    expect(page.items.map((q) => q.question)).toContain('How do I see pods?');
    expect(page.total).toBeUndefined();
    const { ids } = await walk('/v1/questions?q=docker&limit=1');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(1);
  });

  it('answers 404 for an unknown topic or source filter', async () => {
    expectProblem(await get(ctx, '/v1/questions?topic=nope'), 404, 'FAQ_ERR_TOPIC_NOT_FOUND');
    expectProblem(await get(ctx, '/v1/questions?source=nope'), 404, 'FAQ_ERR_SOURCE_NOT_FOUND');
  });

  it.each([
    ['/v1/questions?limit=0', '/limit'],
    ['/v1/questions?limit=101', '/limit'],
    ['/v1/questions?limit=ten', '/limit'],
    ['/v1/questions?limit=1.5', '/limit'],
    ['/v1/questions?hasCode=yes', '/hasCode'],
    ['/v1/questions?updatedSince=yesterday', '/updatedSince'],
    ['/v1/questions?updatedSince=2026-13-01', '/updatedSince'],
    ['/v1/questions?q=', '/q'],
  ])('answers 400 with the issue for %s', async (url, pointer) => {
    const problem = expectProblem(await get(ctx, url), 400, 'FAQ_ERR_VALIDATION');
    expect(problem.issues).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'querystring', pointer })]));
  });

  it('reads hasCode=1 and hasCode=0 as true and false', async () => {
    expect((await list('/v1/questions?hasCode=1')).items).toEqual((await list('/v1/questions?hasCode=true')).items);
    expect((await list('/v1/questions?hasCode=0')).items).toEqual((await list('/v1/questions?hasCode=false')).items);
    const problem = expectProblem(await get(ctx, '/v1/questions?hasCode=yes'), 400, 'FAQ_ERR_VALIDATION');
    expect(problem.issues).toEqual([
      { in: 'querystring', pointer: '/hasCode', message: 'must be true, false, 1 or 0' },
    ]);
  });

  it('says what a date parameter expects, with an example', async () => {
    for (const url of ['/v1/questions?updatedSince=yesterday', '/v1/questions/deleted?since=31.01.2026']) {
      const problem = expectProblem(await get(ctx, url), 400, 'FAQ_ERR_VALIDATION');
      expect(problem.issues![0]!.message, url).toBe(
        'must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z, or a date such as 2026-01-31',
      );
      expect(problem.detail, url).toContain('such as 2026-01-31T00:00:00Z');
    }
  });

  it('takes q up to the length search takes, and refuses longer alike', async () => {
    const longest = 'a'.repeat(1000);
    expect((await get(ctx, `/v1/questions?q=${longest}`)).status).toBe(200);
    expect((await get(ctx, `/v1/search?q=${longest}`)).status).toBe(200);
    for (const url of [`/v1/questions?q=${longest}b`, `/v1/search?q=${longest}b`, `/v1/suggest?q=${longest}b`]) {
      const problem = expectProblem(await get(ctx, url), 400, 'FAQ_ERR_VALIDATION');
      expect(problem.issues).toEqual([
        { in: 'querystring', pointer: '/q', message: 'must be at most 1000 characters' },
      ]);
    }
  });

  it('lists every invalid parameter at once', async () => {
    const problem = expectProblem(await get(ctx, '/v1/questions?limit=0&hasCode=maybe'), 400, 'FAQ_ERR_VALIDATION');
    expect(problem.issues!.map((issue) => issue.pointer).sort()).toEqual(['/hasCode', '/limit']);
  });

  it.each([
    ['not base64 at all!'],
    ['Zm9v'], // "foo"
    [Buffer.from('v1:[-1]').toString('base64url')],
    [Buffer.from('v1:["x"]').toString('base64url')],
    [Buffer.from('v1:{').toString('base64url')],
    [Buffer.from('v1:[1,2]').toString('base64url')],
  ])('answers 400 for the tampered cursor %s', async (cursor) => {
    expectProblem(await get(ctx, `/v1/questions?cursor=${encodeURIComponent(cursor)}`), 400, 'FAQ_ERR_INVALID_CURSOR');
  });
});

describe('GET /v1/questions/{id}', () => {
  it('returns the full question with the answer tree, snippets, links and images', async () => {
    const ids = (await list('/v1/questions')).items.map((q) => q.id);
    const res = await get(ctx, `/v1/questions/${ids[0]}`);
    expect(res.status).toBe(200);
    const question = res.body as Summary & { markdown: string; answers: Answer[]; createdAt: string };
    expect(question).toMatchObject({
      id: ids[0],
      question: 'What is a multi-stage build?',
      markdown: 'What is a multi-stage build?',
      topic: { slug: 'docker', title: 'Docker' },
      source: { id: 'guide', path: 'guide.md', line: 5 },
      snippets: [],
      links: [],
      images: [],
      followUpOf: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(question.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(question.answers.map((a) => a.text)).toEqual([
      'It splits the build into stages.',
      'Only the last stage ends up in the image.',
    ]);
    expect(question.answers[0]!.children.map((a) => a.markdown)).toEqual(['The builder stage holds the toolchain.']);
    expect(question.answers[0]!.children[0]!.children).toEqual([]);
    expect(question.answers[0]!.html).toContain('It splits the build into stages.');
    expect(question.answers[0]!.line).toBe(6);
  });

  it('includes snippets, links with titles, images and the follow-up link', async () => {
    const items = (await list('/v1/questions')).items;
    const images = (await get(ctx, `/v1/questions/${items[1]!.id}`)).body as { snippets: unknown[] };
    expect(images.snippets).toEqual([
      { id: expect.any(String), language: 'bash', code: 'docker images', line: 12, answerId: null },
    ]);
    const remove = (await get(ctx, `/v1/questions/${items[2]!.id}`)).body as {
      links: unknown[];
      followUpOf: string;
      answers: Answer[];
    };
    expect(remove.followUpOf).toBe(items[1]!.id);
    expect(remove.links).toEqual([
      {
        url: 'https://docs.docker.com/engine/reference/commandline/rmi/',
        text: 'the docs',
        title: 'rmi',
        line: 17,
        answerId: remove.answers[0]!.id,
      },
    ]);
    expect(remove.answers[0]!.html).toContain('<a href="https://docs.docker.com/engine/reference/commandline/rmi/"');
    const pod = (await get(ctx, `/v1/questions/${items[4]!.id}`)).body as { images: unknown[] };
    expect(pod.images).toEqual([
      { url: 'img/pod.png', alt: 'pod', title: null, line: 31, answerId: expect.any(String) },
    ]);
  });

  it('sends identical bytes on repeated requests', async () => {
    const id = (await list('/v1/questions')).items[0]!.id;
    const first = await get(ctx, `/v1/questions/${id}`);
    const second = await get(ctx, `/v1/questions/${id}`);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
  });

  it('answers 404 for an unknown id', async () => {
    const problem = expectProblem(
      await get(ctx, '/v1/questions/q_0000000000000000'),
      404,
      'FAQ_ERR_QUESTION_NOT_FOUND',
    );
    expect(problem.detail).toContain('q_0000000000000000');
    expect(problem.instance).toBe('/v1/questions/q_0000000000000000');
  });

  it('answers 414, not 500, for an overlong id', async () => {
    expectProblem(await get(ctx, `/v1/questions/${'x'.repeat(300)}`), 414, 'FAQ_ERR_URI_TOO_LONG');
  });
});

describe('GET /v1/questions/deleted', () => {
  it('lists nothing on a first seed', async () => {
    const res = await get(ctx, '/v1/questions/deleted');
    expect(res.body).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('lists questions removed by a re-seed, paged, and filters by since', async () => {
    const before = createTestDatabase(FIXTURE_FILES);
    const removedIds = before
      .prepare("SELECT id FROM questions WHERE source_id = 'notes-extra' ORDER BY id")
      .pluck()
      .all() as string[];
    const after = createTestDatabase(
      { 'guide.md': GUIDE_MD },
      { now: '2026-03-01T00:00:00.000Z', previous: readPreviousState(before) },
    );
    before.close();
    await ctx.close();
    ctx = await buildTestApp({ db: after });

    const ids: string[] = [];
    let url: string | null = '/v1/questions/deleted?limit=1';
    while (url !== null) {
      const page = (await get(ctx, url)).body as List<{ id: string; sourceId: string; deletedAt: string }>;
      expect(page.total).toBe(2);
      for (const item of page.items) {
        expect(item).toMatchObject({ sourceId: 'notes-extra', deletedAt: '2026-03-01T00:00:00.000Z' });
        ids.push(item.id);
      }
      url = page.nextCursor === null ? null : `/v1/questions/deleted?limit=1&cursor=${page.nextCursor}`;
    }
    expect(ids.sort()).toEqual(removedIds);
    expect((await get(ctx, '/v1/questions/deleted?since=2026-03-02')).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    expectProblem(await get(ctx, `/v1/questions/${removedIds[0]}`), 404, 'FAQ_ERR_QUESTION_NOT_FOUND');
  });

  it('answers 400 for a bad since or cursor', async () => {
    expectProblem(await get(ctx, '/v1/questions/deleted?since=soon'), 400, 'FAQ_ERR_VALIDATION');
    expectProblem(
      await get(ctx, `/v1/questions/deleted?cursor=${Buffer.from('v1:[1]').toString('base64url')}`),
      400,
      'FAQ_ERR_INVALID_CURSOR',
    );
  });
});
