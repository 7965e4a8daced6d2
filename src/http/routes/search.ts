import type { Database } from 'better-sqlite3';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createSearcher, type Searcher } from '../../search/query.js';
import { commonErrorResponses, problemResponse } from '../schemas/common.js';
import { QuestionParamsSchema } from '../schemas/questions.js';
import {
  RelatedQuerySchema,
  RelatedQuestionsSchema,
  SearchQuerySchema,
  SearchResultsSchema,
  SuggestionsSchema,
  SuggestQuerySchema,
} from '../schemas/search.js';

export interface SearchRoutesOptions {
  /** A searcher to share with other routes (the `q` filter of /v1/questions). */
  searcher?: Searcher;
  /** The database to search when no searcher is given; defaults to the app's `db` decorator. */
  db?: Database;
}

/**
 * `GET /v1/search`, `GET /v1/suggest` and `GET /v1/questions/{id}/related`. Results change only when the
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
        tags: ['search'],
        summary: 'Search questions, answers and code',
        description:
          'Ranked full-text search in Korean and English: questions matching more of the query (rare words count more) rank higher, question text above answers above code; each hit has a 0-1 score (see SearchHit.score).',
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
    '/v1/questions/:id/related',
    {
      schema: {
        tags: ['search'],
        summary: 'Questions similar to this one ("see also")',
        description: "Ranked like /v1/search with the question's own text as the query; scores mean the same as there.",
        params: QuestionParamsSchema,
        querystring: RelatedQuerySchema,
        response: {
          200: RelatedQuestionsSchema,
          ...commonErrorResponses,
          404: problemResponse('No question with this id.'),
        },
      },
    },
    async (request) => searcher.related({ id: request.params.id, limit: request.query.limit }),
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
export { searchRoutes };
