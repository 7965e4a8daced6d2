import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { problemType } from '../../src/errors.js';
import { expectMatchesSpec } from '../helpers/openapi.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

// The hardening plugins as buildApp wires them, over real HTTP (supertest):
// what a browser or curl sees, including on the answers the plugins send
// themselves (429, 503, 414).

const open: TestApp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});
async function app(options: Parameters<typeof buildTestApp>[0] = {}): Promise<TestApp> {
  const t = await buildTestApp(options);
  open.push(t);
  return t;
}

const ORIGIN = 'http://localhost:5173';

describe('security headers in the app', () => {
  it('keep Cross-Origin-Resource-Policy same-origin when CORS_ORIGINS lists the origins allowed', async () => {
    const { http } = await app({ config: { corsOrigins: [ORIGIN] } });
    const res = await http.get('/v1/topics').set('origin', ORIGIN);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('on API responses are the JSON API set only', async () => {
    const { http } = await app();
    const list = await http.get('/v1/questions?limit=1');
    const id = (list.body as { items: { id: string }[] }).items[0]!.id;
    for (const url of ['/v1/topics', `/v1/questions/${id}`, '/openapi.json', '/v1/nope']) {
      const res = await http.get(url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
      // CORS_ORIGINS defaults to *: a public API others may load, even no-cors.
      expect(res.headers['cross-origin-resource-policy'], url).toBe('cross-origin');
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'");
      for (const name of [
        'x-frame-options',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-permitted-cross-domain-policies',
        'origin-agent-cluster',
        'x-xss-protection',
        'referrer-policy',
        'cross-origin-opener-policy',
        'cross-origin-embedder-policy',
      ]) {
        expect(res.headers[name], `${url} ${name}`).toBeUndefined();
      }
    }
  });

  it("on /docs are helmet's full set", async () => {
    const { http } = await app();
    for (const url of ['/docs/', '/docs/static/swagger-ui-bundle.js', '/docs/json']) {
      const res = await http.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
    }
  });

  it('keep /docs loadable: every script and stylesheet it references is same-origin and served', async () => {
    const { http } = await app();
    const page = await http.get('/docs/').redirects(1);
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.some((ref) => ref.endsWith('swagger-ui-bundle.js'))).toBe(true);
    // no inline <script> body, which script-src 'self' would block
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    for (const ref of refs) {
      expect(ref, 'same-origin reference').not.toMatch(/^(https?:)?\/\//);
      const asset = await http.get(new URL(ref, 'http://x/docs/').pathname);
      expect(asset.status, ref).toBe(200);
    }
    expect((await http.get('/docs/json')).status).toBe(200);
  });
});

describe('rate limiting in the app', () => {
  it('uses RATE_LIMIT_MAX and RATE_LIMIT_WINDOW, answers 429 with Retry-After, and never limits health probes', async () => {
    const { http } = await app({ config: { rateLimit: { max: 2, windowMs: 30_000 } } });
    const ok = await http.get('/v1/topics');
    expect(ok.headers['x-ratelimit-limit']).toBe('2');
    expect(ok.headers['x-ratelimit-remaining']).toBe('1');
    await http.get('/v1/topics');
    const limited = await http.get('/v1/topics').set('origin', ORIGIN);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({
      status: 429,
      code: 'FAQ_ERR_RATE_LIMITED',
      type: problemType('FAQ_ERR_RATE_LIMITED'),
    });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(limited.headers['x-ratelimit-reset']).toBe(String(retryAfter));
    // A browser can only read the 429 (and its Retry-After) if CORS headers are on it.
    expect(limited.headers['access-control-allow-origin']).toBe('*');
    expect(limited.headers['access-control-expose-headers']).toMatch(/Retry-After/i);
    expect(limited.headers['x-content-type-options']).toBe('nosniff');
    expect(limited.headers['x-request-id']).toBeTruthy();
    expect((await http.get('/health/ready')).status).toBe(200);
    expect((await http.get('/health/live')).status).toBe(200);
  });

  it('counts each client behind a trusted proxy apart (TRUST_PROXY), and not otherwise', async () => {
    const behind = await app({ config: { rateLimit: { max: 1, windowMs: 60_000 }, trustProxy: ['127.0.0.1'] } });
    const from = (client: string) => behind.http.get('/v1/sources').set('x-forwarded-for', client);
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.8')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);

    const direct = await app({ config: { rateLimit: { max: 1, windowMs: 60_000 } } });
    expect((await direct.http.get('/v1/sources').set('x-forwarded-for', '203.0.113.7')).status).toBe(200);
    // A client cannot dodge the limit by making up X-Forwarded-For.
    expect((await direct.http.get('/v1/sources').set('x-forwarded-for', '203.0.113.8')).status).toBe(429);
  });

  it('trusts a hop count of proxies', async () => {
    const behind = await app({ config: { rateLimit: { max: 1, windowMs: 60_000 }, trustProxy: 1 } });
    // One trusted hop: the client is the address our proxy saw, the last one listed.
    expect((await behind.http.get('/v1/sources').set('x-forwarded-for', 'spoofed, 203.0.113.7')).status).toBe(200);
    expect((await behind.http.get('/v1/sources').set('x-forwarded-for', 'other-spoof, 203.0.113.7')).status).toBe(429);
    expect((await behind.http.get('/v1/sources').set('x-forwarded-for', '203.0.113.9')).status).toBe(200);
  });

  it('is on by default with a generous limit', async () => {
    const { http } = await app();
    const res = await http.get('/v1/sources');
    expect(Number(res.headers['x-ratelimit-limit'])).toBeGreaterThanOrEqual(100);
  });
});

describe('request limits in the app', () => {
  it('answer an over-long URL with a 414 problem', async () => {
    const { http } = await app();
    const url = `/v1/questions?topic=${'a'.repeat(3000)}`;
    const res = await http.get(url);
    expect(res.status).toBe(414);
    expect(res.body).toMatchObject({ status: 414, code: 'FAQ_ERR_URI_TOO_LONG' });
    expectMatchesSpec('GET', url, res);
  });

  it('answer oversized headers with 431', async () => {
    const { http } = await app();
    const res = await http.get('/v1/topics').set('x-filler', 'y'.repeat(10_000));
    expect(res.status).toBe(431);
  });
});

describe('compression in the app', () => {
  it('gzips large JSON for clients that accept it, and not small bodies', async () => {
    const { http } = await app();
    const big = await http.get('/openapi.json').set('accept-encoding', 'gzip');
    expect(big.status).toBe(200);
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(big.body).toHaveProperty('openapi');
    const small = await http.get('/health/live').set('accept-encoding', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('gzips the /docs assets, which are streamed from disk', async () => {
    const { app: fastify } = await app();
    const plain = await fastify.inject('/docs/static/swagger-ui-bundle.js');
    const gzipped = await fastify.inject({
      url: '/docs/static/swagger-ui-bundle.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipped.statusCode).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(gunzipSync(gzipped.rawPayload).equals(plain.rawPayload)).toBe(true);
  });
});
