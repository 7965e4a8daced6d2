import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../errors.js';
import { etagFor, notModified } from '../conditional.js';
import {
  commonErrorResponses,
  jsonResponse,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
} from '../schemas/common.js';
import { SourceListSchema, SourceParamsSchema, SourceSchema } from '../schemas/sources.js';
import { chooseType, JSON_TYPE } from '../negotiate.js';

const OFFERS = [JSON_TYPE] as const;

/** The seeded markdown documents. */
const sourceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { sources } = app.repos;

  app.get(
    '/v1/sources',
    {
      schema: {
        operationId: 'listSources',
        tags: ['sources'],
        headers: RequestHeadersSchema,
        summary: 'List the seeded source documents',
        description:
          'Every markdown file the seed loaded, with its question count and content hash, on one page, and the seed status (last success, last failure) for content maintainers.',
        response: {
          200: jsonResponse('All seeded sources.', SourceListSchema),
          304: notModifiedResponse,
          ...commonErrorResponses,
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, OFFERS);
      // The seed status is part of the body: a new failure or success is a new version.
      const seed = app.seedStatus();
      const version = `sources-${seed.state}-${seed.lastSuccess?.at ?? ''}-${seed.lastFailure?.at ?? ''}`;
      if (notModified(request, reply, etagFor(app.dataset.hash, version))) return reply;
      const items = sources.list();
      return { items, nextCursor: null, total: items.length, seed };
    },
  );

  app.get(
    '/v1/sources/:id',
    {
      schema: {
        operationId: 'getSource',
        tags: ['sources'],
        headers: RequestHeadersSchema,
        summary: 'One source document',
        description: 'Where a question came from (its source.id): the file path, title, counts and when it changed.',
        params: SourceParamsSchema,
        response: {
          200: jsonResponse('The source.', SourceSchema),
          304: notModifiedResponse,
          ...commonErrorResponses,
          404: problemResponse('Unknown source id.'),
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, OFFERS);
      const source = sources.get(request.params.id);
      if (!source) throw notFound.source(request.params.id);
      if (notModified(request, reply, etagFor(source.contentHash, `source-${source.updatedAt}`))) return reply;
      return source;
    },
  );
};

export default sourceRoutes;
