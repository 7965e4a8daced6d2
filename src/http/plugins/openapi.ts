import swagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

const API_DESCRIPTION = [
  'FAQ markdown files served as a read-only REST API: topics, questions with their answer trees, code snippets, ',
  'and ranked search with suggestions in Korean and English.',
  '\n\n',
  '**Contract.** Response fields may be added but are never renamed or removed within v1, so read responses ',
  'leniently (every response schema allows additional properties). Errors are RFC 9457 problem details ',
  '(`application/problem+json`) with a stable `code`. A method other than GET, HEAD or OPTIONS on a documented ',
  'path is answered 405 with an `Allow` header.',
  '\n\n',
  '**Caching and sync.** Every GET carries an `ETag` and `Cache-Control`; send `If-None-Match` to get 304. ',
  'Lists are keyset-paginated: follow `nextCursor` (or the `Link: rel="next"` header) to the end. ',
  'To mirror the questions, page listQuestions with `updatedSince` and apply listDeletedQuestions.',
  '\n\n',
  '**Representations.** Each operation documents one media type. Questions and topics are also readable as ',
  'markdown at their `.md` URLs, and a snippet as raw text at `/raw`; `Accept: text/markdown` (or `text/plain` ',
  'for a snippet) on the JSON URL gives the same text, naming its URL in `Content-Location`.',
].join('');

/** Tags in the order the docs show them. */
export const TAGS = [
  { name: 'questions', description: 'Questions with their answer trees, snippets, links and images.' },
  { name: 'search', description: 'Ranked full-text search (Korean and English) and suggestions.' },
  { name: 'topics', description: 'The topic tree, with question counts.' },
  { name: 'snippets', description: 'Code blocks from answers, as JSON or raw text.' },
  { name: 'sources', description: 'The seeded markdown documents.' },
  { name: 'health', description: 'Liveness and readiness probes.' },
];

type OpenApiDocument = ReturnType<typeof jsonSchemaTransformObject>;

const REF = /"#\/components\/schemas\/([^"]+)"/g;

/** Names of the component schemas that `value` refers to. */
function refsIn(value: unknown): string[] {
  return Array.from(JSON.stringify(value).matchAll(REF), (match) => match[1]!);
}

/**
 * The zod transform emits every named schema twice, as `X` (responses) and
 * `XInput` (requests). Our named schemas only appear in responses, so the
 * copies no path reaches (directly or through other schemas) are dropped.
 */
export function pruneUnreferencedSchemas(document: OpenApiDocument): OpenApiDocument {
  const doc = document as { components?: { schemas?: Record<string, unknown> } } & Record<string, unknown>;
  const schemas = doc.components?.schemas ?? {};
  const reachable = new Set<string>();
  const pending = refsIn({ ...doc, components: { ...doc.components, schemas: {} } });
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (reachable.has(name)) continue;
    reachable.add(name);
    pending.push(...refsIn(schemas[name]));
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reachable.has(name)));
  return { ...doc, components: { ...doc.components, schemas: kept } } as OpenApiDocument;
}

/** What JSON Schema (and zod's conversion of `.int()`) cannot tell from "no bound". */
const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

/**
 * Response schemas as a client should read them: zod documents every object
 * it outputs as `additionalProperties: false`, but the API promises that
 * fields may be added, so a client validating strictly must not break on a
 * new one; and `.int()`'s ±2^53 bounds say nothing (Swagger UI would show
 * -9007199254740991 as the example). Requests are parameters here, which
 * this leaves alone: they stay strict.
 */
export function openResponseSchemas(document: OpenApiDocument): OpenApiDocument {
  const open = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(open);
    if (value === null || typeof value !== 'object') return value;
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === 'additionalProperties' && child === false) continue;
      if ((key === 'minimum' || key === 'maximum') && SAFE_INTEGER_BOUNDS.has(child as number)) continue;
      result[key] = open(child);
    }
    return result;
  };
  const doc = document as {
    components?: { schemas?: Record<string, unknown> };
    paths?: Record<string, Record<string, { responses?: unknown }>>;
  } & Record<string, unknown>;
  const paths = Object.fromEntries(
    Object.entries(doc.paths ?? {}).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => [
          method,
          { ...operation, responses: open(operation.responses) },
        ]),
      ),
    ]),
  );
  const schemas = open(doc.components?.schemas ?? {}) as Record<string, unknown>;
  return { ...doc, paths, components: { ...doc.components, schemas } } as OpenApiDocument;
}

export interface OpenApiOptions {
  version: string;
}

/**
 * OpenAPI 3.1 generated from the same zod schemas that validate requests and
 * serialise responses (@fastify/swagger + fastify-type-provider-zod),
 * browsable at /docs (external/swagger-ui.ts; routes/openapi.ts serves /openapi.json). The document is built on first
 * request, not at start-up, so readiness is not delayed by it.
 */
const openApiPlugin: FastifyPluginAsync<OpenApiOptions> = async (app, options) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'FAQ API',
        version: options.version,
        summary: 'FAQ markdown files as a searchable, read-only REST API (Korean and English).',
        description: API_DESCRIPTION,
        contact: { name: 'FAQ API maintainers', url: 'https://faq-api.dev' },
        // Not an open-source licence (the package is private); an SPDX LicenseRef says so.
        license: { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-Proprietary' },
      },
      // Public and read-only: no operation needs credentials.
      security: [],
      // Relative: the document is served by the API itself, so requests go to
      // whichever host and port it was fetched from.
      servers: [{ url: '/', description: 'The server this document was fetched from.' }],
      tags: TAGS,
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => openResponseSchemas(pruneUnreferencedSchemas(jsonSchemaTransformObject(document))),
  });
};

/** OpenAPI document generation from the routes' zod schemas. */
export const openApi = fp(openApiPlugin, { name: 'faq-openapi', fastify: '5.x' });
export default openApi;
