import { afterEach, describe, expect, it } from 'vitest';
import { ERRORS, problemType, toProblem } from '../../src/errors.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { expectMatchesSpec } from '../helpers/openapi.js';
import { expectProblem } from '../helpers/problem.js';
import { get } from '../helpers/request.js';

let ctx: TestApp | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('errors', () => {
  it('answers unknown routes with a 404 problem', async () => {
    ctx = await buildTestApp();
    const problem = expectProblem(await get(ctx, '/v2/questions?x=1'), 404, 'FAQ_ERR_ROUTE_NOT_FOUND');
    expect(problem.detail).toBe('No route for GET /v2/questions.');
    expect(problem.instance).toBe('/v2/questions?x=1');
  });

  it('answers a wrong method on a known path with 405 and Allow, as the document says', async () => {
    ctx = await buildTestApp();
    for (const [method, url] of [
      ['POST', '/v1/questions'],
      ['DELETE', '/v1/questions/q_1'],
      ['PUT', '/v1/topics/docker.md'],
      ['PATCH', '/v1/snippets/s_1/raw?x=1'],
    ] as const) {
      const res = await ctx.http[method.toLowerCase() as 'post'](url).send({ a: 1 });
      const response = { status: res.status, headers: res.headers, text: res.text };
      const problem = expectProblem(response, 405, 'FAQ_ERR_METHOD_NOT_ALLOWED');
      expect(res.headers.allow, url).toBe('GET, HEAD, OPTIONS');
      expect(problem.detail, url).toContain(method);
      expectMatchesSpec(method, url, response);
    }
  });

  it('answers a method on an unknown path with a 404, never a 500', async () => {
    ctx = await buildTestApp();
    const res = await ctx.http.post('/v1/nope').send({ a: 1 });
    expectProblem({ status: res.status, headers: res.headers, text: res.text }, 404, 'FAQ_ERR_ROUTE_NOT_FOUND');
    expect(res.headers.allow).toBeUndefined();
  });

  it('answers a malformed percent-escape with a 400 problem', async () => {
    ctx = await buildTestApp();
    const res = await ctx.app.inject({ url: '/v1/topics/%E0%A4%A' });
    expectProblem({ status: res.statusCode, headers: res.headers, text: res.body }, 400, 'FAQ_ERR_BAD_REQUEST');
  });

  it('hides the details of a 500 and logs them with the request id', async () => {
    ctx = await buildTestApp({ captureLogs: 'warn' });
    const id = ((await get(ctx, '/v1/questions')).body as { items: { id: string }[] }).items[0]!.id;
    // Break the database under the running app: the question query now fails.
    ctx.db.exec('DROP TABLE images');
    const res = await get(ctx, `/v1/questions/${id}`);
    const problem = expectProblem(res, 500, 'FAQ_ERR_INTERNAL');
    expect(problem.detail).toBe('The server failed to handle this request.');
    expect(res.text).not.toContain('images');
    const logged = ctx.logs.find((line) => line.msg === 'request failed');
    expect(logged).toMatchObject({ level: 50, reqId: res.headers['x-request-id'] });
    expect(JSON.stringify(logged)).toContain('no such table: images');
  });

  it('gives every code its own problem type and the status its table names', () => {
    const types = new Set<string>();
    for (const [code, { status, title }] of Object.entries(ERRORS)) {
      const problem = toProblem(code as keyof typeof ERRORS, 'why');
      expect(problem).toMatchObject({ status, title, code, detail: status === 500 ? expect.any(String) : 'why' });
      types.add(problemType(code as keyof typeof ERRORS));
    }
    expect(types.size).toBe(Object.keys(ERRORS).length);
  });
});

describe('logging defaults', () => {
  it('writes no per-request lines at the default info level', async () => {
    ctx = await buildTestApp({ captureLogs: 'info' });
    await get(ctx, '/v1/questions');
    await get(ctx, '/v1/questions/q_missing');
    expect(ctx.logs.filter((line) => line.reqId !== undefined)).toEqual([]);
  });

  it('writes one line per request at debug level', async () => {
    ctx = await buildTestApp({ captureLogs: 'debug' });
    await get(ctx, '/v1/topics');
    const lines = ctx.logs.filter((line) => line.msg === 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'GET', url: '/v1/topics', statusCode: 200, reqId: expect.any(String) });
  });
});
