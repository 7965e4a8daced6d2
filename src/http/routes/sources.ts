import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../errors.js';
import { etagFor, notModified } from '../conditional.js';
import {
  commonErrorResponses,
  paramErrorResponses,
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
        tags: ['sources'],
        headers: RequestHeadersSchema,
        summary: 'List the seeded source documents, with the seed status (last success, last failure)',
        response: { 200: SourceListSchema, 304: notModifiedResponse, ...commonErrorResponses },
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
        tags: ['sources'],
        headers: RequestHeadersSchema,
        summary: 'One source document',
        params: SourceParamsSchema,
        response: {
          200: SourceSchema,
          304: notModifiedResponse,
          ...paramErrorResponses,
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
