import type { Database } from 'better-sqlite3';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createSearcher, type Searcher } from '../../search/query.js';
import { queryKey } from '../../search/normalize.js';
import { queryEtag } from '../conditional.js';
import { chooseType, JSON_TYPE, notModified, setNextLink } from '../representation.js';
import {
  commonErrorResponses,
  jsonResponse,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
} from '../schemas/common.js';
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
const OFFERS = [JSON_TYPE] as const;

const searchRoutes: FastifyPluginAsyncZod<SearchRoutesOptions> = async (app, options) => {
  const db = options.db ?? (app.hasDecorator('db') ? (app as unknown as { db: Database }).db : undefined);
  const searcher = options.searcher ?? (db ? createSearcher(db) : undefined);
  if (!searcher) throw new Error('search routes need a searcher, a db option or a db decorator');
  // Results change only with the data: the seeded dataset's hash versions their ETags.
  const datasetHash = (): string => {
    if (!app.hasDecorator('dataset')) throw new Error('search routes need the db plugin (its dataset decorator)');
    return app.dataset.hash;
  };

  app.get(
    '/v1/search',
    {
      schema: {
        operationId: 'searchQuestions',
        tags: ['search'],
        headers: RequestHeadersSchema,
        summary: 'Search questions, answers and code',
        description:
          'Ranked full-text search in Korean and English. Questions matching every query word come first, then those matching some. ' +
          'The query is user text, never query syntax. Results change only when the data is re-seeded, so they carry an ETag.',
        querystring: SearchQuerySchema,
        response: {
          200: jsonResponse('One page of hits, best first; Link names the next page.', SearchResultsSchema),
          304: notModifiedResponse,
          ...commonErrorResponses,
          404: problemResponse('The topic or source filter names nothing.'),
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, OFFERS);
      const { q, topic, source, limit, cursor } = request.query;
      const etag = queryEtag(datasetHash(), 'search', [queryKey(q), topic, source, limit, cursor]);
      if (notModified(request, reply, etag)) return reply;
      const page = searcher.search(request.query);
      setNextLink(request, reply, page.nextCursor);
      return page;
    },
  );

  app.get(
    '/v1/suggest',
    {
      schema: {
        operationId: 'suggestQuestions',
        tags: ['search'],
        headers: RequestHeadersSchema,
        summary: 'Autocomplete question titles as the user types',
        description:
          'Questions whose words complete what was typed so far, for a search box: prefixes, half-typed Hangul ' +
          'syllables and initial consonants (초성) all count. One short page, no cursor.',
        querystring: SuggestQuerySchema,
        response: {
          200: jsonResponse('Suggested questions, best first.', SuggestionsSchema),
          304: notModifiedResponse,
          ...commonErrorResponses,
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, OFFERS);
      const { q, limit } = request.query;
      if (notModified(request, reply, queryEtag(datasetHash(), 'suggest', [queryKey(q), limit]))) return reply;
      return searcher.suggest(request.query);
    },
  );
};

export default searchRoutes;
export { searchRoutes };
