import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { queryKey } from '../../search/normalize.js';
import { notModified, queryEtag } from '../conditional.js';
import { chooseType, JSON_TYPE } from '../negotiate.js';
import { setNextLink } from '../pagination.js';
import {
  commonErrorResponses,
  jsonResponse,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
} from '../schemas/common.js';
import { QuestionParamsSchema } from '../schemas/questions.js';
import {
  RelatedQuerySchema,
  RelatedQuestionsSchema,
  SearchQuerySchema,
  SearchResultsSchema,
  SuggestionsSchema,
  SuggestQuerySchema,
} from '../schemas/search.js';

const OFFERS = [JSON_TYPE] as const;

/**
 * `GET /v1/search`, `GET /v1/questions/{id}/related` and `GET /v1/suggest`, over
 * the app's searcher (plugins/db.ts),
 * which /v1/questions?q= shares. Results change only when the database is
 * re-seeded, so the dataset's hash versions their ETags. Search failures
 * (unknown filters, a bad cursor) are thrown as SearchError and rendered by
 * plugins/problems.ts.
 */
const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const { searcher } = app;
  const datasetHash = (): string => app.dataset.hash;

  app.get(
    '/v1/search',
    {
      schema: {
        operationId: 'searchQuestions',
        tags: ['search'],
        headers: RequestHeadersSchema,
        summary: 'Search questions, answers and code',
        description:
          'Ranked full-text search in Korean and English: questions matching more of the query (rare words count more) rank higher, ' +
          'question text above answers above code; each hit has a 0-1 score comparable across queries (see SearchHit.score). ' +
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
    '/v1/questions/:id/related',
    {
      schema: {
        operationId: 'listRelatedQuestions',
        tags: ['search'],
        headers: RequestHeadersSchema,
        summary: 'Questions similar to this one ("see also")',
        description:
          "Ranked like searchQuestions with the question's own text as the query; scores mean the same as there.",
        params: QuestionParamsSchema,
        querystring: RelatedQuerySchema,
        response: {
          200: jsonResponse('The most similar other questions, best first.', RelatedQuestionsSchema),
          304: notModifiedResponse,
          ...commonErrorResponses,
          404: problemResponse('No question with this id.'),
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, OFFERS);
      const { id } = request.params;
      const { limit } = request.query;
      if (notModified(request, reply, queryEtag(datasetHash(), 'related', [id, limit]))) return reply;
      return searcher.related({ id, limit });
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
