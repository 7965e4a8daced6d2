import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../errors.js';
import { etagFor } from '../conditional.js';
import { chooseType, JSON_TYPE, notModified } from '../representation.js';
import {
  commonErrorResponses,
  jsonResponse,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
} from '../schemas/common.js';
import { SourceListSchema, SourceParamsSchema, SourceSchema } from '../schemas/sources.js';

const OFFERS = [JSON_TYPE] as const;

/** The seeded markdown documents. */
const sourceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { sources } = app.repos;
  const etag = etagFor(app.dataset.hash, 'sources');

  app.get(
    '/v1/sources',
    {
      schema: {
        operationId: 'listSources',
        tags: ['sources'],
        headers: RequestHeadersSchema,
        summary: 'List the seeded source documents',
        description: 'Every markdown file the seed loaded, with its question count and content hash, on one page.',
        response: {
          200: jsonResponse('All seeded sources.', SourceListSchema),
          304: notModifiedResponse,
          ...commonErrorResponses,
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, OFFERS);
      if (notModified(request, reply, etag)) return reply;
      const items = sources.list();
      return { items, nextCursor: null, total: items.length };
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
