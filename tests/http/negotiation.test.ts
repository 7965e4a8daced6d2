import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
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

describe('content negotiation', () => {
  it('returns a question as readable markdown with Accept: text/markdown', async () => {
    const res = await get(ctx, `/v1/questions/${ids[0]}`, { accept: 'text/markdown' });
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers.vary).toContain('Accept');
    expect(res.text).toBe(
      [
        '## What is a multi-stage build?',
        '',
        '- It splits the build into stages.',
        '  - The builder stage holds the toolchain.',
        '- Only the last stage ends up in the image.',
        '',
        `_guide.md:5 · id ${ids[0]} · updated 2026-01-01T00:00:00.000Z_`,
        '',
      ].join('\n'),
    );
  });

  it('puts code that follows the answers in a fenced block', async () => {
    const res = await get(ctx, `/v1/questions/${ids[1]}`, { accept: 'text/markdown' });
    expect(res.text).toContain('- Run the command below.\n\n```bash\ndocker images\n```\n');
  });

  it('returns a topic as markdown with its subtopics and questions', async () => {
    const res = await get(ctx, '/v1/topics/docker', { accept: 'text/markdown' });
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.text).toContain('# Docker\n');
    expect(res.text).toContain('- Docker Networking (`docker-networking`, 1)');
    expect(res.text).toContain(`- What is a multi-stage build? (\`${ids[0]}\`)`);
  });

  it("returns a page of a topic's questions in full as markdown, with the next page named", async () => {
    const res = await get(ctx, '/v1/topics/kubernetes/questions?limit=2', { accept: 'text/markdown' });
    expect(res.text.startsWith('# Kubernetes\n')).toBe(true);
    expect(res.text).toContain('## What is a Pod?');
    expect(res.text).toContain('## How do I see pods?');
    expect(res.text).not.toContain('## What is a Deployment?');
    expect(res.text).toMatch(/_More: \/v1\/topics\/kubernetes\/questions\?limit=2&cursor=[A-Za-z0-9_-]+_/);
    expect(res.headers.link).toMatch(/rel="next"/);
  });

  it.each([
    ['application/json', 'application/json'],
    ['*/*', 'application/json'],
    ['text/*', 'text/markdown'],
    ['text/markdown;q=0.5, application/json', 'application/json'],
    ['application/json;q=0.1, text/markdown;q=0.9', 'text/markdown'],
    ['text/html, application/xhtml+xml, */*;q=0.8', 'application/json'],
  ])('picks the best type for Accept: %s', async (accept, expected) => {
    const res = await get(ctx, `/v1/questions/${ids[0]}`, { accept });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(`${expected}; charset=utf-8`);
  });

  it.each([
    ['/v1/questions/ID', 'image/png'],
    ['/v1/questions/ID', 'text/plain'],
    ['/v1/questions/ID', 'application/json;q=0'],
    ['/v1/topics/docker', 'text/html'],
    ['/v1/sources', 'text/markdown'],
    ['/v1/questions', 'text/csv'],
    ['/v1/snippets/SNIPPET/raw', 'application/json'],
  ])('answers 406 on %s for Accept: %s', async (path, accept) => {
    const snippet = ((await get(ctx, '/v1/snippets')).body as { items: { id: string }[] }).items[0]!.id;
    const url = path.replace('ID', ids[0]!).replace('SNIPPET', snippet);
    const problem = expectProblem(await get(ctx, url, { accept }), 406, 'FAQ_ERR_NOT_ACCEPTABLE');
    expect(problem.issues![0]).toMatchObject({ in: 'headers', pointer: '/accept' });
  });

  it('says Vary: Accept wherever a resource has more than one representation', async () => {
    for (const url of [`/v1/questions/${ids[0]}`, '/v1/topics/docker', '/v1/topics/docker/questions']) {
      expect((await get(ctx, url)).headers.vary).toMatch(/Accept/);
    }
  });
});
