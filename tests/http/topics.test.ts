import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { expectProblem } from '../helpers/problem.js';
import { get } from '../helpers/request.js';

interface Topic {
  slug: string;
  title: string;
  parentSlug: string | null;
  depth: number;
  questionCount: number;
  totalQuestionCount: number;
  children?: Topic[];
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

describe('GET /v1/topics', () => {
  it('returns the tree with counts that include descendants', async () => {
    const res = await get(ctx, '/v1/topics');
    expect(res.status).toBe(200);
    const list = res.body as List<Topic>;
    expect(list.items.map((t) => t.slug)).toEqual(['docker', 'kubernetes', 'linux']);
    expect(list.total).toBe(3);
    expect(list.nextCursor).toBeNull();
    const docker = list.items[0]!;
    expect(docker).toMatchObject({ questionCount: 3, totalQuestionCount: 4, depth: 0, parentSlug: null });
    expect(docker.children!.map((t) => [t.slug, t.depth, t.questionCount, t.totalQuestionCount])).toEqual([
      ['docker-summary', 1, 0, 0],
      ['docker-networking', 1, 1, 1],
    ]);
    expect(list.items[1]).toMatchObject({ slug: 'kubernetes', questionCount: 3, totalQuestionCount: 3, children: [] });
  });

  it('returns a flat list in first-seen order with view=flat', async () => {
    const list = (await get(ctx, '/v1/topics?view=flat')).body as List<Topic>;
    expect(list.items.map((t) => [t.slug, t.parentSlug])).toEqual([
      ['docker', null],
      ['docker-summary', 'docker'],
      ['docker-networking', 'docker'],
      ['kubernetes', null],
      ['linux', null],
    ]);
    expect(list.items.every((t) => t.children === undefined)).toBe(true);
    expect(list.total).toBe(5);
  });

  it('answers 400 for an unknown view', async () => {
    const problem = expectProblem(await get(ctx, '/v1/topics?view=graph'), 400, 'FAQ_ERR_VALIDATION');
    expect(problem.issues![0]).toMatchObject({ in: 'querystring', pointer: '/view' });
  });
});

describe('GET /v1/topics/{slug}', () => {
  it('returns one topic with its parent, children, sources and images', async () => {
    const summary = (await get(ctx, '/v1/topics/docker-summary')).body;
    expect(summary).toEqual({
      slug: 'docker-summary',
      title: 'Docker Summary',
      parentSlug: 'docker',
      depth: 1,
      questionCount: 0,
      totalQuestionCount: 0,
      parent: { slug: 'docker', title: 'Docker' },
      description: null,
      children: [],
      sources: [{ id: 'guide', path: 'guide.md', line: 19 }],
      images: [{ url: 'img/docker_summary.png', alt: 'summary', title: null, line: 20, sourceId: 'guide' }],
    });
    const docker = (await get(ctx, '/v1/topics/docker')).body as { children: Topic[]; parent: unknown };
    expect(docker.parent).toBeNull();
    expect(docker.children.map((t) => t.slug)).toEqual(['docker-summary', 'docker-networking']);
  });

  it("serves a topic's introduction, from every source in path order, as its description", async () => {
    const own = await buildTestApp({
      files: {
        'a.md':
          '# A\n\nAbout this course.\n\n## Docker\n\nContainers, in **two** weeks.\n\n- What is an image?\n  - A template.\n',
        'b.md': '# B\n\n## Docker\n\n| week | lab |\n| --- | --- |\n| 1 | run |\n\n- What is a layer?\n  - A diff.\n',
      },
    });
    try {
      const docker = (await get(own, '/v1/topics/docker')).body as { description: unknown };
      expect(docker.description).toEqual({
        markdown: 'Containers, in **two** weeks.\n\n| week | lab |\n| --- | --- |\n| 1 | run |',
        html: expect.stringMatching(/<strong>two<\/strong>[\s\S]*<table>/),
      });
      const markdown = await own.http.get('/v1/topics/docker').set('accept', 'text/markdown');
      expect(markdown.text).toContain('Containers, in **two** weeks.');
      const source = (await get(own, '/v1/sources/a')).body as { description: unknown };
      expect(source.description).toEqual({ markdown: 'About this course.', html: '<p>About this course.</p>' });
    } finally {
      await own.close();
    }
  });

  it('lists every source that contributes to a shared topic', async () => {
    const k8s = (await get(ctx, '/v1/topics/kubernetes')).body as { sources: unknown[] };
    expect(k8s.sources).toEqual([
      { id: 'guide', path: 'guide.md', line: 27 },
      { id: 'notes-extra', path: 'notes/extra.md', line: 3 },
    ]);
  });

  it('answers 404 for an unknown topic', async () => {
    const problem = expectProblem(await get(ctx, '/v1/topics/nope'), 404, 'FAQ_ERR_TOPIC_NOT_FOUND');
    expect(problem.detail).toBe('No topic with slug "nope".');
  });
});

describe('GET /v1/topics/{slug}/questions', () => {
  it('lists the questions of the topic and its subtopics', async () => {
    const list = (await get(ctx, '/v1/topics/docker/questions')).body as List<{
      question: string;
      topic: { slug: string };
    }>;
    expect(list.items.map((q) => q.question)).toEqual([
      'What is a multi-stage build?',
      'How do I list images?',
      '(위 질문에 이어서) And how do I remove one?',
      'What does a bridge network do?',
    ]);
    expect(list.total).toBe(4);
  });

  it('pages to the end without gaps or repeats', async () => {
    const all = ((await get(ctx, '/v1/topics/kubernetes/questions')).body as List<{ id: string }>).items.map(
      (q) => q.id,
    );
    const seen: string[] = [];
    let url: string | null = '/v1/topics/kubernetes/questions?limit=1';
    while (url !== null) {
      const res = await get(ctx, url);
      const page = res.body as List<{ id: string }>;
      seen.push(...page.items.map((q) => q.id));
      url = page.nextCursor === null ? null : /^<([^>]+)>/.exec(res.headers.link!)![1]!;
    }
    expect(seen).toEqual(all);
    expect(all).toHaveLength(3);
  });

  it('returns an empty page for a topic without questions', async () => {
    expect((await get(ctx, '/v1/topics/docker-summary/questions')).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  });

  it('answers 404 for an unknown topic and 400 for a bad cursor', async () => {
    expectProblem(await get(ctx, '/v1/topics/nope/questions'), 404, 'FAQ_ERR_TOPIC_NOT_FOUND');
    expectProblem(await get(ctx, '/v1/topics/docker/questions?cursor=%2F%2F'), 400, 'FAQ_ERR_INVALID_CURSOR');
    expectProblem(await get(ctx, '/v1/topics/docker/questions?limit=-1'), 400, 'FAQ_ERR_VALIDATION');
  });
});

describe('topics with non-Latin headings', () => {
  it('serves Hangul slugs through percent-encoded paths', async () => {
    await ctx.close();
    ctx = await buildTestApp({
      files: { 'ko.md': '# 강의\n\n## 쿠버네티스\n\n- 파드란 무엇인가요?\n  - 가장 작은 배포 단위입니다.\n' },
    });
    const list = (await get(ctx, '/v1/topics')).body as List<Topic>;
    const slug = list.items[0]!.slug;
    expect(slug).toBe('쿠버네티스');
    const questions = (await get(ctx, `/v1/topics/${encodeURIComponent(slug)}/questions`)).body as List<{
      question: string;
    }>;
    expect(questions.items.map((q) => q.question)).toEqual(['파드란 무엇인가요?']);
  });
});
