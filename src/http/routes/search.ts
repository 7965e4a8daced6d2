import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { commonErrorResponses, problemResponse } from '../schemas/common.js';
import { SearchQuerySchema, SearchResultsSchema, SuggestionsSchema, SuggestQuerySchema } from '../schemas/search.js';

/**
 * `GET /v1/search` and `GET /v1/suggest`, over the app's searcher (plugins/db.ts),
 * which /v1/questions?q= shares. Search failures (unknown filters, a bad
 * cursor) are thrown as SearchError and rendered by plugins/problems.ts.
 */
const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const { searcher } = app;

  app.get(
    '/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search questions, answers and code',
        description:
          'Ranked full-text search in Korean and English. Questions matching every query word come first, then those matching some.',
        querystring: SearchQuerySchema,
        response: {
          200: SearchResultsSchema,
          ...commonErrorResponses,
          404: problemResponse('The topic or source filter names nothing.'),
        },
      },
    },
    async (request) => searcher.search(request.query),
  );

  app.get(
    '/v1/suggest',
    {
      schema: {
        tags: ['search'],
        summary: 'Autocomplete question titles as the user types',
        querystring: SuggestQuerySchema,
        response: {
          200: SuggestionsSchema,
          ...commonErrorResponses,
        },
      },
    },
    async (request) => searcher.suggest(request.query),
  );
};

export default searchRoutes;
