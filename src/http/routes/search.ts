import type { Database } from 'better-sqlite3';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createSearcher, type Searcher } from '../../search/query.js';
import { commonErrorResponses, jsonResponse, problemResponse } from '../schemas/common.js';
import { SearchQuerySchema, SearchResultsSchema, SuggestionsSchema, SuggestQuerySchema } from '../schemas/search.js';

export interface SearchRoutesOptions {
  /** A searcher to share with other routes (the `q` filter of /v1/questions). */
  searcher?: Searcher;
  /** The database to search when no searcher is given; defaults to the app's `db` decorator. */
  db?: Database;
}

/**
 * `GET /v1/search` and `GET /v1/suggest`. Results change only when the
 * database is re-seeded; errors are thrown as ApiError and rendered by the
 * app's problem handler.
 */
const searchRoutes: FastifyPluginAsyncZod<SearchRoutesOptions> = async (app, options) => {
  const db = options.db ?? (app.hasDecorator('db') ? (app as unknown as { db: Database }).db : undefined);
  const searcher = options.searcher ?? (db ? createSearcher(db) : undefined);
  if (!searcher) throw new Error('search routes need a searcher, a db option or a db decorator');

  app.get(
    '/v1/search',
    {
      schema: {
        operationId: 'searchQuestions',
        tags: ['search'],
        summary: 'Search questions, answers and code',
        description:
          'Ranked full-text search in Korean and English. Questions matching every query word come first, then those matching some. ' +
          'The query is user text, never query syntax. Results change only when the data is re-seeded, so they carry an ETag.',
        querystring: SearchQuerySchema,
        response: {
          200: jsonResponse('One page of hits, best first; Link names the next page.', SearchResultsSchema),
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
        operationId: 'suggestQuestions',
        tags: ['search'],
        summary: 'Autocomplete question titles as the user types',
        description:
          'Questions whose words complete what was typed so far, for a search box: prefixes, half-typed Hangul ' +
          'syllables and initial consonants (초성) all count. One short page, no cursor.',
        querystring: SuggestQuerySchema,
        response: {
          200: jsonResponse('Suggested questions, best first.', SuggestionsSchema),
          ...commonErrorResponses,
        },
      },
    },
    async (request) => searcher.suggest(request.query),
  );
};

export default searchRoutes;
export { searchRoutes };
