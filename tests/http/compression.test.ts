import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseEncoding, encode, utf8Bytes } from '../../src/http/encoding.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

// GET /v1/questions/{id} compresses from its cache of serialised bodies, not
// through the compression plugin: each body is compressed once per coding and
// has its own ETag. inject() shows the bytes as sent (supertest would inflate them).

const LONG_ANSWER = 'A long answer that repeats itself so the JSON is well over a kilobyte. '.repeat(30);
const FILES = {
  'long.md': `# Long\n\n## Docker\n\n- Why is this answer so long?\n  - ${LONG_ANSWER}\n- Is this one short?\n  - Yes.\n`,
};

let ctx: TestApp;
let longId: string;
let shortId: string;
beforeEach(async () => {
  ctx = await buildTestApp({ files: FILES });
  const items = (await ctx.app.inject('/v1/questions')).json<{ items: { id: string; question: string }[] }>().items;
  longId = items.find((q) => q.question.startsWith('Why'))!.id;
  shortId = items.find((q) => q.question.startsWith('Is this'))!.id;
});
afterEach(async () => {
  await ctx.close();
});

async function fetchQuestion(id: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ url: `/v1/questions/${id}`, headers });
}

describe('compressed questions', () => {
  it('sends gzip, brotli or deflate bodies that decode to the identity JSON', async () => {
    const plain = await fetchQuestion(longId);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const decoders = { gzip: gunzipSync, br: brotliDecompressSync, deflate: inflateSync };
    for (const [coding, decode] of Object.entries(decoders)) {
      const res = await fetchQuestion(longId, { 'accept-encoding': coding });
      expect(res.statusCode, coding).toBe(200);
      expect(res.headers['content-encoding'], coding).toBe(coding);
      expect(res.headers['content-type'], coding).toBe('application/json; charset=utf-8');
      expect(Number(res.headers['content-length']), coding).toBe(res.rawPayload.length);
      expect(res.rawPayload.length, coding).toBeLessThan(plain.rawPayload.length / 2);
      expect(decode(res.rawPayload).toString('utf8'), coding).toBe(plain.body);
    }
  });

  it('prefers gzip when several codings are equally acceptable, and honours q-values', async () => {
    expect((await fetchQuestion(longId, { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe(
      'gzip',
    );
    expect((await fetchQuestion(longId, { 'accept-encoding': 'gzip;q=0.5, br' })).headers['content-encoding']).toBe(
      'br',
    );
    expect(
      (await fetchQuestion(longId, { 'accept-encoding': 'identity' })).headers['content-encoding'],
    ).toBeUndefined();
    expect((await fetchQuestion(longId, { 'accept-encoding': 'zstd' })).headers['content-encoding']).toBeUndefined();
  });

  it('gives each coding its own ETag, and answers 304 to the ETag of the coding it would send', async () => {
    const plain = (await fetchQuestion(longId)).headers.etag as string;
    const gzip = (await fetchQuestion(longId, { 'accept-encoding': 'gzip' })).headers.etag as string;
    const br = (await fetchQuestion(longId, { 'accept-encoding': 'br' })).headers.etag as string;
    expect(gzip).toBe(`${plain.slice(0, -1)}-gzip"`);
    expect(br).toBe(`${plain.slice(0, -1)}-br"`);

    const revalidated = await fetchQuestion(longId, { 'accept-encoding': 'gzip', 'if-none-match': gzip });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
    expect(revalidated.headers.etag).toBe(gzip);
    // Another coding's validator does not describe the bytes this request would get.
    expect((await fetchQuestion(longId, { 'accept-encoding': 'gzip', 'if-none-match': plain })).statusCode).toBe(200);
    expect((await fetchQuestion(longId, { 'if-none-match': gzip })).statusCode).toBe(200);
    expect((await fetchQuestion(longId, { 'if-none-match': plain })).statusCode).toBe(304);
  });

  it('compresses markdown too, with an ETag apart from the JSON ones', async () => {
    const json = await fetchQuestion(longId, { 'accept-encoding': 'gzip' });
    const markdown = await fetchQuestion(longId, { 'accept-encoding': 'gzip', accept: 'text/markdown' });
    expect(markdown.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(markdown.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(markdown.rawPayload).toString('utf8')).toContain('Why is this answer so long?');
    expect(markdown.headers.etag).not.toBe(json.headers.etag);
  });

  it('varies on Accept and Accept-Encoding, compressed or not', async () => {
    for (const headers of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
      expect((await fetchQuestion(longId, headers)).headers.vary).toBe('Accept, Accept-Encoding');
      expect((await fetchQuestion(shortId, headers)).headers.vary).toBe('Accept, Accept-Encoding');
    }
  });

  it('keeps Vary: Origin first when CORS is limited to configured origins', async () => {
    await ctx.close();
    ctx = await buildTestApp({ files: FILES, config: { corsOrigins: ['https://lms.example'] } });
    const res = await fetchQuestion(longId, { origin: 'https://lms.example', 'accept-encoding': 'gzip' });
    expect(res.headers.vary).toBe('Origin, Accept, Accept-Encoding');
  });

  it('sends bodies under 1 KiB as they are', async () => {
    const res = await fetchQuestion(shortId, { 'accept-encoding': 'gzip' });
    expect(res.rawPayload.length).toBeLessThan(1024);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.etag).toBe((await fetchQuestion(shortId)).headers.etag);
  });
});

describe('encode', () => {
  it('keeps each compressed body in memory of its own, not in a shared pool slab a cache entry would pin', () => {
    for (const coding of ['gzip', 'br', 'deflate'] as const) {
      const body = encode(LONG_ANSWER, coding);
      expect(body.length, coding).toBeLessThan(1024);
      expect(body.buffer.byteLength, coding).toBe(body.length);
    }
  });

  it('keeps cached identity bodies (UTF-8 bytes) in memory of their own too', () => {
    const bytes = utf8Bytes('{"question":"볼륨"}');
    expect(bytes.toString('utf8')).toBe('{"question":"볼륨"}');
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });
});

describe('chooseEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br', 'br'],
    ['deflate, br', 'br'],
    ['br;q=0.9, deflate', 'deflate'],
    ['*', 'gzip'],
    ['*;q=0.5, gzip;q=0', 'br'],
    ['gzip;q=0, br;q=0, deflate;q=0', undefined],
    ['zstd, compress', undefined],
    ['gzip;q=abc, br;q=0.1', 'br'],
  ])('picks %j → %j', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('compressed lists (through @fastify/compress)', () => {
  let lists: TestApp;
  beforeEach(async () => {
    lists = await buildTestApp();
  });
  afterEach(async () => {
    await lists.close();
  });
  const list = (headers: Record<string, string> = {}) => lists.app.inject({ url: '/v1/questions', headers });

  it('gives a compressed list an ETag of its own, never the identity body’s strong ETag (RFC 9110 §8.8.3)', async () => {
    const plain = await list();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const identityEtag = plain.headers.etag as string;
    for (const coding of ['gzip', 'br', 'deflate']) {
      const res = await list({ 'accept-encoding': coding });
      expect(res.headers['content-encoding'], coding).toBe(coding);
      expect(res.headers.etag, coding).toBe(`${identityEtag.slice(0, -1)}-${coding}"`);
    }
  });

  it('answers 304 to the ETag of the coding it would send, and 200 to another coding’s', async () => {
    const identityEtag = (await list()).headers.etag as string;
    const gzipEtag = (await list({ 'accept-encoding': 'gzip' })).headers.etag as string;
    const revalidated = await list({ 'accept-encoding': 'gzip', 'if-none-match': gzipEtag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.headers.etag).toBe(gzipEtag);
    expect((await list({ 'accept-encoding': 'br', 'if-none-match': gzipEtag })).statusCode).toBe(200);
    expect((await list({ 'if-none-match': gzipEtag })).statusCode).toBe(200);
    expect((await list({ 'if-none-match': identityEtag })).statusCode).toBe(304);
  });

  it('varies on Accept-Encoding whether or not this client asked for compression', async () => {
    for (const headers of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
      expect(String((await list(headers)).headers.vary).toLowerCase()).toContain('accept-encoding');
    }
  });

  it('sends the same JSON compressed as plain', async () => {
    const plain = await list();
    const gzipped = await list({ 'accept-encoding': 'gzip' });
    expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(plain.body);
  });
});
