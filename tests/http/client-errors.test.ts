import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createBundledDatabase } from '../helpers/db.js';
import { expectMatchesSpec } from '../helpers/openapi.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Send raw bytes (what curl sends for an unencoded URL) and read the whole answer. */
async function rawRequest(bytes: Buffer): Promise<{ status: number; headers: string; body: string }> {
  app = buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { db: createBundledDatabase() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head, body };
}

describe('requests Node cannot parse', () => {
  it('answers raw non-ASCII in the URL with a 400 problem that says to percent-encode', async () => {
    const res = await rawRequest(Buffer.from('GET /v1/search?q=볼륨 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8'));
    expect(res.status).toBe(400);
    expect(res.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(res.body)).toMatchObject({
      status: 400,
      code: 'FAQ_ERR_BAD_REQUEST',
      title: 'Bad Request',
      detail: expect.stringMatching(/percent-encode/),
    });
  });

  it('answers oversized headers with a 431 problem', async () => {
    const res = await rawRequest(
      Buffer.from(`GET /v1/topics HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(10_000)}\r\n\r\n`),
    );
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'FAQ_ERR_HEADERS_TOO_LARGE' });
    const contentType = /^content-type: (.*)$/im.exec(res.headers)?.[1];
    expectMatchesSpec('GET', '/v1/topics', { status: 431, headers: { 'content-type': contentType }, text: res.body });
  });

  it('answers an HTTP/1.1 request without Host with a 400 problem instead of a bare 400', async () => {
    const res = await rawRequest(Buffer.from('GET /v1/topics HTTP/1.1\r\n\r\n'));
    expect(res.status).toBe(400);
    expect(res.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(res.body)).toMatchObject({
      status: 400,
      code: 'FAQ_ERR_BAD_REQUEST',
      detail: 'An HTTP/1.1 request must carry a Host header.',
    });
  });

  it('serves an HTTP/1.0 request without Host, which HTTP/1.0 allows', async () => {
    const res = await rawRequest(Buffer.from('GET /health/live HTTP/1.0\r\n\r\n'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
  });

  it('answers a malformed request line with a 400 problem', async () => {
    const res = await rawRequest(Buffer.from('HELLO\r\n\r\n'));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'FAQ_ERR_BAD_REQUEST' });
  });
});
