import swagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

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
        description:
          'FAQ markdown files served as a REST API. Errors are RFC 9457 problem details with a stable `code`. ' +
          'Response fields may be added but are never renamed or removed within v1.',
      },
      tags: TAGS,
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => pruneUnreferencedSchemas(jsonSchemaTransformObject(document)),
  });
};

/** OpenAPI document generation from the routes' zod schemas. */
export const openApi = fp(openApiPlugin, { name: 'faq-openapi', fastify: '5.x' });
export default openApi;
