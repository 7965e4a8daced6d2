/**
 * The one assertion every error test uses: an RFC 9457 problem with the
 * expected status and stable code, no internals.
 */
import { expect } from 'vitest';
import type { ErrorCode } from '../../src/errors.js';
import type { ResponseLike } from './openapi.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  issues?: { in: string; pointer: string; message: string }[];
}

/**
 * Assert `res` is `application/problem+json` with `status` and `code`.
 * @returns the parsed body, for further assertions on detail or issues.
 */
export function expectProblem(res: ResponseLike, status: number, code: ErrorCode): ProblemBody {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers.etag).toBeUndefined();
  const body = JSON.parse(res.text) as ProblemBody;
  expect(body).toMatchObject({ status, code });
  expect(body.type).toBe(
    `https://faq-api.dev/problems/${code.slice('FAQ_ERR_'.length).toLowerCase().replace(/_/g, '-')}`,
  );
  expect(typeof body.title).toBe('string');
  expect(body.title.length).toBeGreaterThan(0);
  expect(typeof body.detail).toBe('string');
  expect(body.detail.length).toBeGreaterThan(0);
  expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return body;
}
