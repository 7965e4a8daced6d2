import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fastCheckOf, fastValidatorCompiler } from '../../src/http/fast-validation.js';
import { RequestHeadersSchema } from '../../src/http/schemas/common.js';
import { QuestionParamsSchema } from '../../src/http/schemas/questions.js';
import { SnippetParamsSchema } from '../../src/http/schemas/snippets.js';
import { SourceParamsSchema } from '../../src/http/schemas/sources.js';
import { TopicParamsSchema } from '../../src/http/schemas/topics.js';
import { buildTestApp } from '../helpers/app.js';

// A fast check may only accept what zod accepts unchanged; everything else
// must reach zod, so errors stay exactly as they were.
function agreesWithZod(schema: z.ZodType, samples: unknown[]): void {
  const check = fastCheckOf(schema)!;
  expect(check).toBeTypeOf('function');
  for (const sample of samples) {
    const parsed = schema.safeParse(sample);
    if (check(sample)) {
      expect(parsed.success, JSON.stringify(sample)).toBe(true);
      expect(parsed.data, JSON.stringify(sample)).toEqual(
        Object.fromEntries(
          Object.entries(parsed.data as object).map(([k]) => [k, (sample as Record<string, unknown>)[k]]),
        ),
      );
    }
  }
}

const strings = [
  '',
  'a',
  'q_059ebe806b66acac',
  '쿠버네티스',
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(1024),
  'x'.repeat(1025),
];
const values: unknown[] = [...strings, undefined, null, 7, ['a'], { a: 1 }];

describe('fast request validation', () => {
  it('path parameter checks accept only what zod accepts, and accept every valid id', () => {
    for (const [schema, name] of [
      [QuestionParamsSchema, 'id'],
      [SnippetParamsSchema, 'id'],
      [SourceParamsSchema, 'id'],
      [TopicParamsSchema, 'slug'],
    ] as const) {
      const samples = [...values.map((v) => ({ [name]: v })), null, 'id', {}];
      agreesWithZod(schema, samples);
      const check = fastCheckOf(schema)!;
      for (const sample of samples)
        if ((schema as z.ZodType).safeParse(sample).success) expect(check(sample), JSON.stringify(sample)).toBe(true);
    }
  });

  it('the header check accepts only what zod accepts, and every valid pair of headers', () => {
    const samples = values.flatMap((accept) =>
      values.map((inm) => ({ accept, 'if-none-match': inm, host: 'x', 'user-agent': 'curl' })),
    );
    agreesWithZod(RequestHeadersSchema, samples);
    const check = fastCheckOf(RequestHeadersSchema)!;
    for (const sample of samples) if (RequestHeadersSchema.safeParse(sample).success) expect(check(sample)).toBe(true);
  });

  it('answers true for a passing check and leaves a failing value to zod', () => {
    const validate = fastValidatorCompiler({
      schema: QuestionParamsSchema,
      method: 'GET',
      url: '/x',
      httpPart: 'params',
    }) as (data: unknown) => unknown;
    expect(validate({ id: 'q_1' })).toBe(true);
    expect(validate({ id: '' })).toHaveProperty('error');
  });

  it('keeps the 400 problem for an invalid header on a route with a fast check', async () => {
    const t = await buildTestApp();
    try {
      const res = await t.http.get('/v1/topics').set('accept', `application/json, ${'x'.repeat(1100)}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'FAQ_ERR_VALIDATION', issues: [{ in: 'headers', pointer: '/accept' }] });
    } finally {
      await t.close();
    }
  });
});
