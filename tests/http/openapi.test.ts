import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { generateOpenApi } from '../../src/cli/openapi.js';
import { EXAMPLE } from '../../src/http/schemas/examples.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { BUNDLED_SEED } from '../helpers/db.js';
import { loadSpec, OPENAPI_FILE, type OpenApiDocument } from '../helpers/openapi.js';

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
      'GET /v1/questions/{id}.md',
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
      'GET /v1/topics/{slug}.md',
      'GET /v1/topics/{slug}/questions',
      'GET /v1/topics/{slug}/questions.md',
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

  describe('what client generators read', () => {
    type Operation = {
      operationId?: string;
      summary?: string;
      description?: string;
      tags?: string[];
      responses: Record<string, { description?: string }>;
    };
    /** The document the running app generates, so a route added without these fails here, not only in the drift test. */
    async function generated(): Promise<
      OpenApiDocument & {
        info: Record<string, unknown>;
        servers?: unknown;
        tags?: { name: string; description?: string }[];
      }
    > {
      return JSON.parse(await generateOpenApi()) as never;
    }
    function operations(doc: OpenApiDocument): [string, Operation][] {
      return Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(
          ([method, op]) => [`${method.toUpperCase()} ${path}`, op as unknown as Operation] as [string, Operation],
        ),
      );
    }

    it('gives every operation a unique camelCase operationId, a summary, a description and described tags', async () => {
      const doc = await generated();
      const tagDescriptions = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description]));
      const ids = new Set<string>();
      for (const [route, op] of operations(doc)) {
        expect(op.operationId, route).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(ids.has(op.operationId!), `${route}: operationId ${op.operationId} is used twice`).toBe(false);
        ids.add(op.operationId!);
        expect(op.summary?.trim(), route).toBeTruthy();
        expect(op.description?.trim(), route).toBeTruthy();
        expect(op.tags?.length, route).toBeGreaterThan(0);
        for (const tag of op.tags!) expect(tagDescriptions.get(tag), `${route}: tag ${tag}`).toBeTruthy();
      }
    });

    it('describes every response in words of its own, never "Default Response"', async () => {
      for (const [route, op] of operations(await generated())) {
        for (const [status, response] of Object.entries(op.responses)) {
          expect(response.description?.trim(), `${route} ${status}`).toBeTruthy();
          expect(response.description, `${route} ${status}`).not.toBe('Default Response');
        }
      }
    });

    it('names the server relative to the document, and a licence and contact', async () => {
      const doc = await generated();
      expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
      expect(doc.info.license).toMatchObject({ name: expect.any(String) });
      expect(doc.info.contact).toMatchObject({ name: expect.any(String), url: expect.stringMatching(/^https:/) });
    });

    it('documents every 200 with exactly one media type, so a generated client never types data as a union', async () => {
      for (const [route, op] of operations(await generated())) {
        const ok = op.responses['200'] as { content?: Record<string, unknown> } | undefined;
        expect(Object.keys(ok?.content ?? {}), route).toHaveLength(1);
      }
    });

    it('lets responses grow: no response schema forbids additional properties, and no bound is a meaningless ±2^53', () => {
      const spec = loadSpec();
      const text = JSON.stringify({ components: spec.components, paths: spec.paths });
      expect(text).not.toContain('"additionalProperties":false');
      expect(text).not.toContain(String(Number.MAX_SAFE_INTEGER));
      // A question with a field added tomorrow still validates against today's document.
      const validate = new Ajv2020({ strict: false }).compile({
        $ref: '#/components/schemas/QuestionTombstone',
        components: spec.components,
      });
      expect(validate({ id: 'q_1', sourceId: 's', deletedAt: '2026-01-31T00:00:00.000Z', reason: 'new field' })).toBe(
        true,
      );
    });

    it('documents 414 and 431 on every operation', async () => {
      for (const [route, op] of operations(await generated())) {
        expect(Object.keys(op.responses), route).toEqual(expect.arrayContaining(['414', '431']));
      }
    });

    it('shows examples the bundled seed really serves', async () => {
      ctx = await buildTestApp({ files: { 'mspt3_24-2-scp.md': BUNDLED_SEED } });
      const question = (await ctx.app.inject(`/v1/questions/${EXAMPLE.questionId}`)).json();
      expect(question).toMatchObject({
        id: EXAMPLE.questionId,
        question: EXAMPLE.question,
        contentHash: EXAMPLE.contentHash,
        topic: { slug: EXAMPLE.topicSlug, title: EXAMPLE.topicTitle },
        source: { id: EXAMPLE.sourceId, path: EXAMPLE.sourcePath, line: EXAMPLE.questionLine },
      });
      const snippet = (await ctx.app.inject(`/v1/snippets/${EXAMPLE.snippetId}`)).json();
      expect(snippet).toMatchObject({ questionId: EXAMPLE.questionId, language: EXAMPLE.snippetLanguage });
      expect(JSON.stringify(loadSpec().components)).toContain(EXAMPLE.questionId);
    });
  });
});
