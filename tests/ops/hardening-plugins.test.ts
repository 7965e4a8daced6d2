import { Readable } from 'node:stream';
import { brotliDecompressSync } from 'node:zlib';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type ErrorCode, problemType } from '../../src/errors.js';
import compression from '../../src/http/plugins/external/compress.js';
import faqHelmet, { DOCS_DIRECTIVES } from '../../src/http/plugins/external/helmet.js';
import rateLimiting from '../../src/http/plugins/external/rate-limit.js';
import loadShedding from '../../src/http/plugins/external/under-pressure.js';
import problems from '../../src/http/plugins/problems.js';
import { requestLimitOptions, requestLimits } from '../../src/http/plugins/request-limits.js';
import { createRequestIdGenerator, requestId, requestIdFrom } from '../../src/http/plugins/request-id.js';
import securityHeaders, { API_SECURITY_HEADERS } from '../../src/http/plugins/security-headers.js';

// Each plugin on a bare Fastify with routes shaped like the app's: health
// probes (exempt from the rate limit, as routes/health.ts declares them) and
// an API route, plus the problems plugin that renders every error. Plugins
// are registered first, as in buildApp: the compression and rate-limit
// plugins only see routes declared after them. The wired-up app is tested in
// app-hardening.test.ts.
const apps: FastifyInstance[] = [];
async function bare(register: (app: FastifyInstance) => unknown = () => undefined): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, ...requestLimitOptions });
  apps.push(app);
  await register(app);
  await app.register(problems);
  app.get('/health/live', { config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { config: { rateLimit: false } }, async () => ({ status: 'ready' }));
  app.get('/v1/things/:id', async (req) => ({ id: (req.params as { id: string }).id, text: 'x'.repeat(4000) }));
  app.post('/echo', async (req) => req.body);
  return app;
}
/** Register on a fresh instance and return the message `ready()` rejects with ('' if it does not). */
async function registrationError(register: (app: FastifyInstance) => unknown): Promise<string> {
  const app = Fastify({ logger: false });
  apps.push(app);
  register(app);
  return app.ready().then(
    () => '',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

function expectProblem(res: { headers: Record<string, unknown>; body: string }, status: number, code: string): void {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['cache-control']).toBe('no-store');
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  expect(body.type).toBe(problemType(code as ErrorCode));
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
}

describe('security headers', () => {
  const API_HEADERS = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
  };
  // What helmet adds that means nothing on JSON; none of it on API responses.
  const HTML_ONLY = [
    'x-dns-prefetch-control',
    'x-download-options',
    'x-permitted-cross-domain-policies',
    'origin-agent-cluster',
    'x-xss-protection',
    'referrer-policy',
    'cross-origin-opener-policy',
    'cross-origin-embedder-policy',
    'x-frame-options',
  ];
  const docsRoute = (a: FastifyInstance): void => {
    a.get('/docs/', async (_req, reply) => reply.type('text/html').send('<html></html>'));
    a.get('/docs/static/*', async () => 'asset');
  };

  const LISTED = { corsOrigins: ['https://lms.example'] };

  it('sends only the JSON API set on API responses, 404s and early answers', async () => {
    const app = await bare((a) => a.register(securityHeaders, LISTED));
    for (const url of ['/v1/things/a', '/health/live', '/nope', '/docsearch']) {
      const res = await app.inject(url);
      expect(res.headers, url).toMatchObject(API_HEADERS);
      for (const name of HTML_ONLY) expect(res.headers[name], `${url} ${name}`).toBeUndefined();
    }
    const { 'cross-origin-resource-policy': _corp, ...fixed } = API_HEADERS;
    expect(API_SECURITY_HEADERS).toEqual(fixed);
  });

  it('makes Cross-Origin-Resource-Policy follow CORS_ORIGINS: cross-origin for a public API, same-origin for a list', async () => {
    const open = await bare((a) => a.register(securityHeaders, { corsOrigins: '*' }));
    expect((await open.inject('/v1/things/a')).headers['cross-origin-resource-policy']).toBe('cross-origin');
    const listed = await bare((a) => a.register(securityHeaders, LISTED));
    expect((await listed.inject('/v1/things/a')).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it("lets helmet's full set replace the API set on pages in helmet's scope", async () => {
    const app = await bare(async (a) => {
      await a.register(securityHeaders, LISTED);
      await a.register(async (docs) => {
        await docs.register(faqHelmet);
        docsRoute(docs);
      });
    });
    const reference = Fastify({ logger: false });
    apps.push(reference);
    await reference.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: DOCS_DIRECTIVES } });
    reference.get('/docs/', async (_req, reply) => reply.type('text/html').send('<html></html>'));
    const strip = (headers: Record<string, unknown>): Record<string, unknown> => {
      const { date: _d, 'content-length': _l, 'content-type': _t, connection: _c, ...rest } = headers;
      return rest;
    };
    const theirs = strip((await reference.inject('/docs/')).headers);
    expect(Object.keys(theirs).length).toBeGreaterThan(8);
    for (const url of ['/docs/', '/docs/static/x.js']) {
      expect(strip((await app.inject(url)).headers), url).toEqual(theirs);
    }
    // The API set's HSTS is helmet's default, so the two agree.
    expect(theirs['strict-transport-security']).toBe(API_HEADERS['strict-transport-security']);
    const csp = String(theirs['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    // Outside helmet's scope, the API set only.
    expect((await app.inject('/v1/things/a')).headers['x-frame-options']).toBeUndefined();
  });
});

describe('rate limiting', () => {
  it('answers 429 problem+json with Retry-After once a client exceeds the limit', async () => {
    const app = await bare((a) => a.register(rateLimiting, { max: 2, timeWindow: 60_000 }));
    const first = await app.inject('/v1/things/a');
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-ratelimit-limit']).toBe('2');
    expect(first.headers['x-ratelimit-remaining']).toBe('1');
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    expect((await app.inject('/v1/things/b')).headers['x-ratelimit-remaining']).toBe('0');
    const limited = await app.inject('/v1/things/c');
    expect(limited.statusCode).toBe(429);
    expectProblem(limited, 429, 'FAQ_ERR_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
  });

  it('counts clients separately', async () => {
    const app = await bare((a) => a.register(rateLimiting, { max: 1, timeWindow: 60_000 }));
    expect((await app.inject({ url: '/v1/things/a', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/things/a', remoteAddress: '10.0.0.1' })).statusCode).toBe(429);
    expect((await app.inject({ url: '/v1/things/a', remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
  });

  it('never limits the health probes', async () => {
    const app = await bare((a) => a.register(rateLimiting, { max: 1, timeWindow: 60_000 }));
    for (let i = 0; i < 5; i += 1) {
      const res = await app.inject('/health/ready');
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('limits requests to unknown URLs too, even under an exempt prefix', async () => {
    const app = await bare((a) => a.register(rateLimiting, { max: 1, timeWindow: 60_000 }));
    expect((await app.inject('/nope')).statusCode).toBe(404);
    expect((await app.inject('/health/nope')).statusCode).toBe(429);
  });

  it('starts counting afresh when the window ends, and tells how long is left', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const app = await bare((a) => a.register(rateLimiting, { max: 2, timeWindow: 10_000 }));
      expect((await app.inject('/v1/things/a')).headers['x-ratelimit-reset']).toBe('10');
      now += 4_500;
      const second = await app.inject('/v1/things/a');
      expect(second.headers['x-ratelimit-remaining']).toBe('0');
      expect(second.headers['x-ratelimit-reset']).toBe('6');
      now += 5_000;
      const limited = await app.inject('/v1/things/a');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('1');
      now += 500;
      const fresh = await app.inject('/v1/things/a');
      expect(fresh.statusCode).toBe(200);
      expect(fresh.headers['x-ratelimit-remaining']).toBe('1');
      expect(fresh.headers['x-ratelimit-reset']).toBe('10');
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('keys clients by X-Forwarded-For only when Fastify trusts the proxy', async () => {
    const behindProxy = Fastify({ logger: false, trustProxy: '127.0.0.1' });
    apps.push(behindProxy);
    await behindProxy.register(rateLimiting, { max: 1, timeWindow: 60_000 });
    await behindProxy.register(problems);
    behindProxy.get('/v1/things/:id', async () => ({ ok: true }));
    const from = (client: string) =>
      behindProxy.inject({ url: '/v1/things/a', headers: { 'x-forwarded-for': client } });
    expect((await from('203.0.113.7')).statusCode).toBe(200);
    expect((await from('203.0.113.8')).statusCode).toBe(200);
    expect((await from('203.0.113.7')).statusCode).toBe(429);

    const direct = await bare((a) => a.register(rateLimiting, { max: 1, timeWindow: 60_000 }));
    expect(
      (await direct.inject({ url: '/v1/things/a', headers: { 'x-forwarded-for': '203.0.113.7' } })).statusCode,
    ).toBe(200);
    expect(
      (await direct.inject({ url: '/v1/things/a', headers: { 'x-forwarded-for': '203.0.113.8' } })).statusCode,
    ).toBe(429);
  });

  it.each([
    [{ max: 0, timeWindow: 1000 }, /max must be a positive integer, got 0/],
    [{ max: 10, timeWindow: '1 minute' }, /timeWindow must be a positive integer, got "1 minute"/],
    [{ max: Number.NaN, timeWindow: 1000 }, /max must be a positive integer/],
  ])('fails at registration on bad options %j', async (options, message) => {
    const error = await registrationError((a) =>
      a.register(rateLimiting, options as { max: number; timeWindow: number }),
    );
    expect(error).toMatch(message);
  });
});

describe('load shedding', () => {
  it('answers 503 problem+json with Retry-After while the event loop is saturated, but keeps liveness up', async () => {
    const app = await bare((a) =>
      a.register(loadShedding, { maxEventLoopDelay: 50, sampleInterval: 20, retryAfter: 7 }),
    );
    await app.ready();
    expect((await app.inject('/v1/things/a')).statusCode).toBe(200);

    // Saturate: every turn of the loop blocks for 120 ms, so every sample sees a long delay.
    const block = (): void => {
      const until = Date.now() + 120;
      while (Date.now() < until) {
        /* busy */
      }
    };
    const saturate = setInterval(block, 0);
    try {
      let shed: Awaited<ReturnType<typeof app.inject>> | undefined;
      for (let attempt = 0; attempt < 50 && shed === undefined; attempt += 1) {
        // inject() never yields to timers; pausing lets the blocker and the sampler run.
        await pause(30);
        const res = await app.inject('/v1/things/a');
        if (res.statusCode === 503) shed = res;
      }
      expect(shed).toBeDefined();
      expectProblem(shed!, 503, 'FAQ_ERR_UNAVAILABLE');
      expect(shed!.headers['retry-after']).toBe('7');
      expect(app.isUnderPressure()).toBe(true);
      expect((await app.inject('/health/live')).statusCode).toBe(200);
      expect((await app.inject('/health/ready')).statusCode).toBe(503);
    } finally {
      clearInterval(saturate);
    }

    // And recovers once the loop is free again.
    let recovered = 0;
    for (let attempt = 0; attempt < 100 && recovered !== 200; attempt += 1) {
      await pause(20);
      recovered = (await app.inject('/v1/things/a')).statusCode;
    }
    expect(recovered).toBe(200);
  });

  it('does not shed a busy but responsive process with the default thresholds', async () => {
    const app = await bare((a) => a.register(loadShedding, loadConfig({}).loadShedding));
    const results = await Promise.all(Array.from({ length: 200 }, () => app.inject('/v1/things/a')));
    expect(results.every((res) => res.statusCode === 200)).toBe(true);
  });
});

describe('compression', () => {
  it('gzips a large response when the client accepts it', async () => {
    const app = await bare((a) => a.register(compression));
    const res = await app.inject({ url: '/v1/things/a', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(1000);
  });

  it('leaves small responses and clients without Accept-Encoding alone', async () => {
    const app = await bare((a) => a.register(compression));
    const small = await app.inject({ url: '/health/live', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    const plain = await app.inject('/v1/things/a');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toMatchObject({ id: 'a' });
  });

  it('compresses a streamed body on the fly, without a Content-Length', async () => {
    const app = await bare(async (a) => {
      await a.register(compression);
      a.get('/stream', (_req, reply) => {
        reply.header('content-type', 'application/javascript; charset=utf-8').header('content-length', 6000);
        return reply.send(Readable.from([Buffer.from('a'.repeat(3000)), Buffer.from('b'.repeat(3000))]));
      });
    });
    const res = await app.inject({ url: '/stream', headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-length']).toBeUndefined();
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe('a'.repeat(3000) + 'b'.repeat(3000));
  });

  it('says a large body varies on Accept-Encoding even to a client that did not ask for compression', async () => {
    const app = await bare((a) => a.register(compression));
    expect((await app.inject('/v1/things/a')).headers.vary).toBe('Accept-Encoding');
    expect((await app.inject('/health/live')).headers.vary).toBeUndefined();
  });

  it('leaves routes that compress by themselves and bodies that do not compress alone', async () => {
    const app = await bare(async (a) => {
      await a.register(compression);
      a.get('/own', { compress: false }, async () => ({ text: 'x'.repeat(4000) }));
      a.get('/png', (_req, reply) => reply.header('content-type', 'image/png').send(Buffer.alloc(4000)));
    });
    for (const url of ['/own', '/png']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers['content-encoding'], url).toBeUndefined();
      expect(res.rawPayload.length, url).toBe(url === '/png' ? 4000 : 4011);
    }
  });
});

describe('request limits', () => {
  it('answers 414 problem+json for an over-long URL', async () => {
    const app = await bare((a) => a.register(requestLimits, { maxUrlLength: 100 }));
    expect((await app.inject(`/v1/things/a?q=${'x'.repeat(80)}`)).statusCode).toBe(200);
    const res = await app.inject(`/v1/things/a?q=${'x'.repeat(120)}`);
    expect(res.statusCode).toBe(414);
    expectProblem(res, 414, 'FAQ_ERR_URI_TOO_LONG');
  });

  it('uses a 2 KiB URL limit by default', async () => {
    const app = await bare((a) => a.register(requestLimits));
    expect((await app.inject(`/v1/things/a?q=${'x'.repeat(1900)}`)).statusCode).toBe(200);
    expect((await app.inject(`/v1/things/a?q=${'x'.repeat(2100)}`)).statusCode).toBe(414);
  });

  it('refuses oversized headers over real HTTP with 431', async () => {
    const app = await bare((a) => a.register(requestLimits));
    await app.ready();
    const ok = await request(app.server).get('/v1/things/a').set('x-filler', 'y'.repeat(4000));
    expect(ok.status).toBe(200);
    const tooBig = await request(app.server).get('/v1/things/a').set('x-filler', 'y'.repeat(9000));
    expect(tooBig.status).toBe(431);
  });

  it('rejects over-long path parameters and request bodies', async () => {
    const app = await bare();
    expect((await app.inject(`/v1/things/${'a'.repeat(200)}`)).statusCode).toBe(200);
    expect((await app.inject(`/v1/things/${'a'.repeat(201)}`)).statusCode).toBe(414);
    const big = await app.inject({ method: 'POST', url: '/echo', payload: { x: 'y'.repeat(9000) } });
    expect(big.statusCode).toBe(413);
  });

  it('fails at registration when the URL limit would exceed the header limit', async () => {
    const message = await registrationError((a) => a.register(requestLimits, { maxUrlLength: 10_000 }));
    expect(message).toMatch(/maxUrlLength must be an integer from 16 to 8191, got 10000/);
  });
});

describe('request ids', () => {
  /** A fresh id: 12 hex characters of this process's prefix, a dash, a counter. */
  const FRESH_ID = /^[0-9a-f]{12}-\d+$/;

  it('reuses a sane incoming X-Request-Id and echoes it', async () => {
    const app = await bare((a) => a.register(requestId));
    const res = await app.inject({ url: '/v1/things/a', headers: { 'x-request-id': 'trace-01HZX.42:a_b' } });
    expect(res.headers['x-request-id']).toBe('trace-01HZX.42:a_b');
  });

  it.each([
    ['a header with a newline', 'abc\ndef'],
    ['an over-long header', 'x'.repeat(129)],
    ['a header with spaces and braces', '{"user": 1}'],
  ])('replaces %s with a fresh id', async (_name, header) => {
    expect(requestIdFrom(header)).toMatch(FRESH_ID);
  });

  it('gives every request without a header its own id, also on 404s', async () => {
    const app = await bare((a) => a.register(requestId));
    const one = await app.inject('/v1/things/a');
    const two = await app.inject('/nope');
    expect(one.headers['x-request-id']).toMatch(FRESH_ID);
    expect(two.headers['x-request-id']).toMatch(FRESH_ID);
    expect(one.headers['x-request-id']).not.toBe(two.headers['x-request-id']);
  });

  it('makes fresh ids from a per-process random prefix and a counter', () => {
    const next = createRequestIdGenerator('abc123');
    expect([next(), next(), next()]).toEqual(['abc123-1', 'abc123-2', 'abc123-3']);
    const one = createRequestIdGenerator();
    const other = createRequestIdGenerator();
    expect(one().split('-')[0]).toMatch(/^[0-9a-f]{12}$/);
    expect(one().split('-')[0]).not.toBe(other().split('-')[0]);
  });

  it('refuses a prefix that would make ids it would not accept back', () => {
    expect(() => createRequestIdGenerator('a b')).toThrow(/prefix must be letters, digits/);
  });
});
