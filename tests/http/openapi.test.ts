import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { generateOpenApi } from '../../src/cli/openapi.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { loadSpec, OPENAPI_FILE } from '../helpers/openapi.js';

let ctx: TestApp | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('OpenAPI', () => {
  it('keeps the committed openapi/openapi.json identical to the generated one', async () => {
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    // If this fails: run `npm run openapi` and commit openapi/openapi.json.
    expect(await generateOpenApi()).toBe(committed);
  });

  it('passes a real OpenAPI 3.1 validator with no errors', async () => {
    const api = await SwaggerParser.validate(structuredClone(loadSpec()) as never);
    expect(api).toMatchObject({ openapi: '3.1.0' });
  });

  it('serves the same document at /openapi.json and the docs UI at /docs', async () => {
    ctx = await buildTestApp();
    const served = await ctx.http.get('/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(loadSpec());
    const docs = await ctx.http.get('/docs/').redirects(1);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
  });

  it('serves the docs (loaded on first request) with the document, request ids and problem+json 404s', async () => {
    ctx = await buildTestApp();
    const [json, yaml] = await Promise.all([
      ctx.http.get('/docs/json').set('x-request-id', 'docs-1'),
      ctx.http.get('/docs/yaml'),
    ]);
    expect(json.status).toBe(200);
    expect(json.body).toEqual(loadSpec());
    expect(json.headers['x-request-id']).toBe('docs-1');
    expect(yaml.status).toBe(200);
    expect(yaml.text).toContain('openapi: 3.1.0');
    for (const url of ['/docs/static/nope.js', '/docs/nope']) {
      const missing = await ctx.http.get(url);
      expect(missing.status, url).toBe(404);
      expect(missing.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(missing.body, url).toMatchObject({ code: 'FAQ_ERR_ROUTE_NOT_FOUND', instance: url });
    }
  });

  it('documents every route the app serves, and nothing else', async () => {
    ctx = await buildTestApp();
    const routes: string[] = [];
    const spec = loadSpec();
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const method of Object.keys(methods)) routes.push(`${method.toUpperCase()} ${path}`);
    }
    expect(routes.sort()).toEqual([
      'GET /health/live',
      'GET /health/ready',
      'GET /v1/changes',
      'GET /v1/questions',
      'GET /v1/questions/deleted',
      'GET /v1/questions/{id}',
      'GET /v1/questions/{id}/related',
      'GET /v1/search',
      'GET /v1/snippets',
      'GET /v1/snippets/{id}',
      'GET /v1/snippets/{id}/raw',
      'GET /v1/sources',
      'GET /v1/sources/{id}',
      'GET /v1/suggest',
      'GET /v1/topics',
      'GET /v1/topics/{slug}',
      'GET /v1/topics/{slug}/questions',
    ]);
    for (const route of routes) {
      const path = route.slice(4).replace(/\{(\w+)\}/g, ':$1');
      expect(ctx.app.hasRoute({ method: 'GET', url: path }), route).toBe(true);
    }
  });

  it('names the public entities as components and gives every operation tags, a summary and a problem answer', () => {
    const spec = loadSpec();
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining([
        'Problem',
        'Question',
        'QuestionSummary',
        'AnswerNode',
        'Topic',
        'TopicDetail',
        'Snippet',
        'Source',
        'QuestionTombstone',
      ]),
    );
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods) as [
        string,
        { tags?: string[]; summary?: string; responses: Record<string, unknown> },
      ][]) {
        expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        expect(
          Object.keys(operation.responses).some((status) => Number(status) >= 400),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });
});
