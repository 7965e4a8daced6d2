/**
 * GET through supertest and check the answer against the OpenAPI document,
 * so every response a test sees is also a contract check.
 */
import type { TestApp } from './app.js';
import { expectMatchesSpec } from './openapi.js';

export interface GetResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Parsed body for JSON responses, else undefined. */
  body: unknown;
}

/** GET `url` with `headers`; fails the test if the response breaks the spec. */
export async function get(ctx: TestApp, url: string, headers: Record<string, string> = {}): Promise<GetResult> {
  let request = ctx.http.get(url);
  for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
  // Read every body as text so markdown and problem+json arrive unparsed.
  const res = await request.buffer(true).parse((response, done) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      text += chunk;
    });
    response.on('end', () => done(null, text));
  });
  const text = typeof res.body === 'string' ? res.body : '';
  const result: GetResult = {
    status: res.status,
    headers: res.headers as Record<string, string>,
    text,
    body: /json/.test(String(res.headers['content-type'])) && text !== '' ? JSON.parse(text) : undefined,
  };
  expectMatchesSpec('GET', url, result);
  return result;
}
