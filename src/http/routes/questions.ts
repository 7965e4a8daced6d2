import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { QuestionFilter } from '../../db/repositories/question-filter.js';
import { notFound } from '../../errors.js';
import { etagFor, notModified } from '../conditional.js';
import { chooseEncoding } from '../encoding.js';
import { decodeIntCursor, decodeStringCursor, pageOf, setNextLink } from '../pagination.js';
import {
  commonErrorResponses,
  paramErrorResponses,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
} from '../schemas/common.js';
import {
  QuestionListQuerySchema,
  QuestionParamsSchema,
  QuestionSchema,
  QuestionSummaryListSchema,
  TombstoneListSchema,
  TombstoneQuerySchema,
} from '../schemas/questions.js';
import { chooseType, JSON_TYPE, MARKDOWN_TYPE, withCharset } from '../negotiate.js';

const LIST_OFFERS = [JSON_TYPE] as const;
const OFFERS = [JSON_TYPE, MARKDOWN_TYPE] as const;
const JSON_CONTENT_TYPE = withCharset(JSON_TYPE);
const MARKDOWN_CONTENT_TYPE = withCharset(MARKDOWN_TYPE);

/** Questions: filtered lists for sync, the full question, and deletions. */
const questionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { questions, topics, sources } = app.repos;
  const datasetHash = app.dataset.hash;
  // Read once: a decorator lookup walks the plugin contexts' prototype chain.
  const questionEntries = app.questionEntries;

  app.get(
    '/v1/questions',
    {
      schema: {
        tags: ['questions'],
        headers: RequestHeadersSchema,
        summary: 'List questions, filtered, in stable order with cursor pagination',
        description:
          'Keyset pagination: following nextCursor (or the Link header) to the end visits every match exactly once. ' +
          'For sync, poll with updatedSince and compare contentHash; deletions are at /v1/questions/deleted.',
        querystring: QuestionListQuerySchema,
        response: {
          200: QuestionSummaryListSchema,
          304: notModifiedResponse,
          ...commonErrorResponses,
          404: problemResponse('The topic or source filter names something unknown.'),
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, LIST_OFFERS);
      const { topic, source, hasCode, updatedSince, q, limit, cursor } = request.query;
      if (q !== undefined) {
        // Search owns ranking, filters and its own cursors; this route only
        // turns its hits into the same summaries the plain list returns.
        if (notModified(request, reply, etagFor(datasetHash, 'questions-search'))) return reply;
        const page = app.searcher.search({ q, topic, source, hasCode, updatedSince, limit, cursor });
        setNextLink(request, reply, page.nextCursor);
        return { items: questions.summaries(page.items.map((hit) => hit.id)), nextCursor: page.nextCursor };
      }
      const after = cursor === undefined ? 0 : decodeIntCursor(cursor, 1)[0]!;
      // A typo in a filter should say so, not look like "no questions".
      if (topic !== undefined && !topics.get(topic)) throw notFound.topic(topic);
      if (source !== undefined && !sources.get(source)) throw notFound.source(source);
      if (notModified(request, reply, etagFor(datasetHash, 'questions'))) return reply;
      const filter: QuestionFilter = { topic, source, hasCode, updatedSince };
      const { items, nextCursor } = pageOf(questions.page(filter, after, limit + 1), limit, (last) => [last.seq]);
      setNextLink(request, reply, nextCursor);
      return { items, nextCursor, total: questions.count(filter) };
    },
  );

  app.get(
    '/v1/questions/deleted',
    {
      schema: {
        tags: ['questions'],
        headers: RequestHeadersSchema,
        summary: 'Questions deleted since an earlier seed (tombstones), for clients that keep a copy',
        querystring: TombstoneQuerySchema,
        response: { 200: TombstoneListSchema, 304: notModifiedResponse, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, LIST_OFFERS);
      const { since, limit, cursor } = request.query;
      const afterParts = cursor === undefined ? undefined : decodeStringCursor(cursor, 2);
      const after = afterParts ? { deletedAt: afterParts[0]!, id: afterParts[1]! } : undefined;
      if (notModified(request, reply, etagFor(datasetHash, 'deleted'))) return reply;
      const rows = questions.tombstones(since, after, limit + 1);
      const { items, nextCursor } = pageOf(rows, limit, (last) => [last.deletedAt, last.id]);
      setNextLink(request, reply, nextCursor);
      return { items, nextCursor, total: questions.tombstoneCount(since) };
    },
  );

  app.get(
    '/v1/questions/:id',
    {
      // Compressed bodies are cached with the entry (below), once per coding,
      // instead of compressing every response again.
      compress: false,
      schema: {
        tags: ['questions'],
        headers: RequestHeadersSchema,
        summary: 'One question in full: answer tree (markdown, text, sanitised HTML), snippets, links, images',
        params: QuestionParamsSchema,
        response: {
          200: {
            description: 'The question (JSON), or readable markdown with Accept: text/markdown',
            content: { [JSON_TYPE]: { schema: QuestionSchema }, [MARKDOWN_TYPE]: { schema: z.string() } },
          },
          304: notModifiedResponse,
          ...paramErrorResponses,
          404: problemResponse('Unknown question id.'),
        },
      },
    },
    (request, reply) => {
      // The hot path: a cache lookup and bytes serialised when the entry was
      // built. A plain (not async) handler spares a promise per request;
      // Fastify routes anything thrown here to the error handler all the same.
      const type = chooseType(request, reply, OFFERS, 'Accept, Accept-Encoding');
      const entry = questionEntries.get(request.params.id);
      if (!entry) throw notFound.question(request.params.id);
      const coding = chooseEncoding(request.raw.headers['accept-encoding']);
      const encoded =
        coding === undefined ? undefined : entry.encoded(type === JSON_TYPE ? 'json' : 'markdown', coding);
      if (encoded !== undefined) {
        if (!notModified(request, reply, encoded.etag)) {
          // Untyped reply: the response schema describes the decoded body, and
          // Fastify sends a Buffer as is, without serialising it.
          (reply as FastifyReply)
            .header('content-type', type === JSON_TYPE ? JSON_CONTENT_TYPE : MARKDOWN_CONTENT_TYPE)
            .header('content-encoding', encoded.coding)
            .send(encoded.body);
        }
        return;
      }
      if (type === JSON_TYPE) {
        // Bytes serialised when the entry was built (untyped reply, as above).
        if (!notModified(request, reply, entry.jsonEtag))
          (reply as FastifyReply).header('content-type', JSON_CONTENT_TYPE).send(entry.json);
        return;
      }
      if (!notModified(request, reply, entry.markdownEtag))
        reply.header('content-type', MARKDOWN_CONTENT_TYPE).send(entry.markdown());
    },
  );
};

export default questionRoutes;
