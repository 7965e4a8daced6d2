import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { get } from '../helpers/request.js';

let ctx: TestApp | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('CORS', () => {
  it('allows any origin by default and exposes ETag and Link', async () => {
    ctx = await buildTestApp();
    const res = await get(ctx, '/v1/questions?limit=1', { origin: 'https://app.example' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const exposed = res.headers['access-control-expose-headers']!.split(',').map((h) => h.trim().toLowerCase());
    expect(exposed).toEqual(expect.arrayContaining(['etag', 'link']));
  });

  it('answers a preflight with the allowed methods and headers', async () => {
    ctx = await buildTestApp();
    const res = await ctx.http
      .options('/v1/questions')
      .set('origin', 'https://app.example')
      .set('access-control-request-method', 'GET')
      .set('access-control-request-headers', 'if-none-match');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('GET');
    expect(res.headers['access-control-allow-headers']!.toLowerCase()).toContain('if-none-match');
    expect(res.headers['access-control-max-age']).toBe('600');
  });

  it('exposes X-Request-Id and the rate-limit headers, also on a 404', async () => {
    ctx = await buildTestApp();
    const res = await ctx.http.get('/v1/nope').set('origin', 'https://app.example');
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const exposed = res.headers['access-control-expose-headers']!.split(',').map((h) => h.trim().toLowerCase());
    expect(exposed).toEqual(expect.arrayContaining(['x-request-id', 'retry-after', 'x-ratelimit-remaining']));
  });

  it('answers a preflight for any URL, before routing', async () => {
    ctx = await buildTestApp();
    const res = await ctx.http
      .options('/v1/questions/q_anything')
      .set('origin', 'https://app.example')
      .set('access-control-request-method', 'GET')
      .set('access-control-request-headers', 'x-request-id');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['access-control-allow-headers']!.toLowerCase()).toContain('x-request-id');
  });

  it('answers a plain OPTIONS request (no Origin) with the allowed methods, never an error', async () => {
    ctx = await buildTestApp();
    const res = await ctx.http.options('/v1/questions');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
  });

  it('allows a preflight asking for Authorization and Cache-Control, as a global auth interceptor sends them', async () => {
    ctx = await buildTestApp({ config: { corsOrigins: ['https://lms.example'] } });
    const res = await ctx.http
      .options('/v1/questions/q_anything')
      .set('origin', 'https://lms.example')
      .set('access-control-request-method', 'GET')
      .set('access-control-request-headers', 'authorization, cache-control, x-request-id');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://lms.example');
    const allowed = res.headers['access-control-allow-headers']!.split(',').map((h) => h.trim().toLowerCase());
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'cache-control', 'x-request-id']));
    // The answer depends on both, so caches must key on both.
    const vary = res.headers.vary!.split(',').map((v) => v.trim().toLowerCase());
    expect(vary).toEqual(expect.arrayContaining(['origin', 'access-control-request-headers']));
  });

  it('reflects only configured origins and varies on Origin', async () => {
    ctx = await buildTestApp({ config: { corsOrigins: ['https://lms.example', 'http://localhost:5173'] } });
    const allowed = await get(ctx, '/v1/topics', { origin: 'https://lms.example' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://lms.example');
    expect(allowed.headers.vary).toMatch(/Origin/);
    const other = await get(ctx, '/v1/topics', { origin: 'https://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await ctx.http
      .options('/v1/topics')
      .set('origin', 'http://localhost:5173')
      .set('access-control-request-method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('keeps Vary: Origin and Vary: Accept together on negotiated resources', async () => {
    ctx = await buildTestApp({ config: { corsOrigins: ['https://lms.example'] } });
    const res = await get(ctx, '/v1/topics/docker', { origin: 'https://lms.example' });
    const vary = res.headers.vary!.split(',').map((v) => v.trim());
    expect(vary).toEqual(expect.arrayContaining(['Origin', 'Accept']));
  });

  it('appends Origin to the Vary a route and the compression plugin set, overwriting neither', async () => {
    ctx = await buildTestApp({ config: { corsOrigins: ['https://lms.example'] } });
    // A negotiated resource (Vary: Accept) large enough to compress (Vary: Accept-Encoding).
    for (const encoding of ['gzip', 'identity']) {
      const res = await ctx.app.inject({
        url: '/openapi.json',
        headers: { origin: 'https://lms.example', 'accept-encoding': encoding },
      });
      const vary = String(res.headers.vary)
        .split(',')
        .map((v) => v.trim().toLowerCase());
      expect(vary, encoding).toEqual(expect.arrayContaining(['origin', 'accept-encoding']));
      expect(new Set(vary).size, encoding).toBe(vary.length);
    }
    const topic = await ctx.app.inject({
      url: '/v1/topics/docker',
      headers: { origin: 'https://lms.example', accept: 'text/markdown' },
    });
    expect(String(topic.headers.vary).split(/,\s*/)).toEqual(expect.arrayContaining(['Origin', 'Accept']));
  });
});
