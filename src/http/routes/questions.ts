import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { QuestionFilter } from '../../db/repositories/question-filter.js';
import { notFound } from '../../errors.js';
import { queryKey } from '../../search/normalize.js';
import { etagFor, notModified, queryEtag } from '../conditional.js';
import { chooseEncoding } from '../encoding.js';
import { decodeIntCursor, decodeStringCursor, pageOf, setNextLink } from '../pagination.js';
import {
  commonErrorResponses,
  jsonResponse,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
  textResponse,
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
const MARKDOWN_OFFERS = [MARKDOWN_TYPE] as const;
type QuestionType = (typeof OFFERS)[number];
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
        operationId: 'listQuestions',
        tags: ['questions'],
        headers: RequestHeadersSchema,
        summary: 'List questions, filtered, in stable order with cursor pagination',
        description:
          'Keyset pagination: following nextCursor (or the Link header) to the end visits every match exactly once. ' +
          'For sync, poll with updatedSince and compare contentHash; deletions are at /v1/questions/deleted. ' +
          'With q the items come in relevance order, as /v1/search ranks them, and total is absent.',
        querystring: QuestionListQuerySchema,
        response: {
          200: jsonResponse('One page of question summaries; Link names the next page.', QuestionSummaryListSchema),
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
        const query = [queryKey(q), topic, source, hasCode, updatedSince, limit, cursor];
        if (notModified(request, reply, queryEtag(datasetHash, 'questions-search', query))) return reply;
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
        operationId: 'listDeletedQuestions',
        tags: ['questions'],
        headers: RequestHeadersSchema,
        summary: 'Questions deleted since an earlier seed (tombstones), for clients that keep a copy',
        description:
          'A question that disappears from the markdown on a re-seed leaves a tombstone here. ' +
          'A client that mirrors questions deletes its copies of these ids; since keeps the list to what is new.',
        querystring: TombstoneQuerySchema,
        response: {
          200: jsonResponse('One page of tombstones, oldest deletion first.', TombstoneListSchema),
          304: notModifiedResponse,
          ...commonErrorResponses,
        },
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

  /**
   * Send question `id` (a path parameter) as one of `offers`. The hot path: a cache lookup and
   * bytes serialised when the entry was built. A plain (not async) handler
   * spares a promise per request; Fastify routes anything thrown here to the
   * error handler all the same.
   */
  const sendQuestion = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    offers: readonly QuestionType[],
  ): void => {
    const type = chooseType(request, reply, offers, offers.length > 1 ? 'Accept, Accept-Encoding' : 'Accept-Encoding');
    const entry = questionEntries.get(id);
    if (!entry) throw notFound.question(id);
    // The markdown answer to a negotiated request names the URL it has of its own.
    if (type === MARKDOWN_TYPE && offers.length > 1)
      reply.header('content-location', `/v1/questions/${encodeURIComponent(id)}.md`);
    const coding = chooseEncoding(request.raw.headers['accept-encoding']);
    const encoded = coding === undefined ? undefined : entry.encoded(type === JSON_TYPE ? 'json' : 'markdown', coding);
    // Untyped reply throughout: the response schemas describe the decoded
    // body, and Fastify sends a Buffer as is, without serialising it.
    if (encoded !== undefined) {
      if (!notModified(request, reply, encoded.etag)) {
        reply
          .header('content-type', type === JSON_TYPE ? JSON_CONTENT_TYPE : MARKDOWN_CONTENT_TYPE)
          .header('content-encoding', encoded.coding)
          .send(encoded.body);
      }
      return;
    }
    if (type === JSON_TYPE) {
      if (!notModified(request, reply, entry.jsonEtag))
        reply.header('content-type', JSON_CONTENT_TYPE).send(entry.json);
      return;
    }
    if (!notModified(request, reply, entry.markdownEtag))
      reply.header('content-type', MARKDOWN_CONTENT_TYPE).send(entry.markdown());
  };

  const questionResponses = {
    304: notModifiedResponse,
    ...commonErrorResponses,
    404: problemResponse('Unknown question id.'),
  };

  app.get(
    '/v1/questions/:id',
    {
      // Compressed bodies are cached with the entry (below), once per coding,
      // instead of compressing every response again.
      compress: false,
      schema: {
        operationId: 'getQuestion',
        tags: ['questions'],
        headers: RequestHeadersSchema,
        summary: 'One question in full: answer tree (markdown, text, sanitised HTML), snippets, links, images',
        description:
          'The ETag changes exactly when the question, its answers, snippets or place change, so a client that ' +
          'keeps a copy revalidates with If-None-Match and gets 304. ' +
          'Accept: text/markdown on this URL answers with the markdown of getQuestionMarkdown ' +
          '(Content-Location names that URL); JSON is what this operation documents.',
        params: QuestionParamsSchema,
        response: { 200: jsonResponse('The question.', QuestionSchema), ...questionResponses },
      },
    },
    (request, reply) => sendQuestion(request, reply as FastifyReply, request.params.id, OFFERS),
  );

  app.get(
    '/v1/questions/:id.md',
    {
      compress: false,
      schema: {
        operationId: 'getQuestionMarkdown',
        tags: ['questions'],
        headers: RequestHeadersSchema,
        summary: 'One question as readable markdown: the question, its answers and code, and where it was written',
        description:
          'The same question as getQuestion, for people and for tools that render markdown ' +
          '(openapi-fetch: parseAs: "text"). curl users may instead send Accept: text/markdown to the JSON URL.',
        params: QuestionParamsSchema,
        response: {
          200: textResponse('The question as markdown.', MARKDOWN_TYPE),
          ...questionResponses,
        },
      },
    },
    (request, reply) => sendQuestion(request, reply as FastifyReply, request.params.id, MARKDOWN_OFFERS),
  );
};

export default questionRoutes;
