import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SnippetRecord } from '../../db/repositories/snippets.js';
import { notFound } from '../../errors.js';
import { etagFor, notModified } from '../conditional.js';
import { decodeIntCursor, pageOf, setNextLink } from '../pagination.js';
import {
  commonErrorResponses,
  jsonResponse,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
  textResponse,
} from '../schemas/common.js';
import { SnippetListQuerySchema, SnippetListSchema, SnippetParamsSchema, SnippetSchema } from '../schemas/snippets.js';
import { chooseType, JSON_TYPE, TEXT_TYPE, withCharset } from '../negotiate.js';

const LIST_OFFERS = [JSON_TYPE] as const;
const OFFERS = [JSON_TYPE, TEXT_TYPE] as const;

/** The raw representation's ETag: the code alone, byte for byte the JSON's `code`. */
function rawEtag(snippet: SnippetRecord): string {
  return etagFor(snippet.contentHash, 'raw');
}

/** Where a snippet's raw code has a URL of its own (Content-Location of a negotiated text answer). */
function rawLocation(id: string): string {
  return `/v1/snippets/${encodeURIComponent(id)}/raw`;
}

/** JSON shows where the snippet sits, so location joins its content hash in the ETag. */
function jsonEtag(snippet: SnippetRecord): string {
  const version = createHash('sha1')
    .update(
      [
        snippet.contentHash,
        snippet.questionId,
        snippet.answerId ?? '',
        snippet.source.path,
        snippet.line,
        snippet.topic?.title ?? '',
      ].join('\0'),
    )
    .digest('hex');
  return etagFor(version, 'json');
}

/** Code snippets: filtered lists, one snippet as JSON, or its raw code. */
const snippetRoutes: FastifyPluginAsyncZod = async (app) => {
  const { snippets, topics, questions } = app.repos;
  const datasetHash = app.dataset.hash;

  const requireSnippet = (id: string): SnippetRecord => {
    const snippet = snippets.get(id);
    if (!snippet) throw notFound.snippet(id);
    return snippet;
  };

  app.get(
    '/v1/snippets',
    {
      schema: {
        operationId: 'listSnippets',
        tags: ['snippets'],
        headers: RequestHeadersSchema,
        summary: 'List code snippets, filtered by language, topic or question',
        description:
          'Every fenced code block of every answer, in question order, with its language and place. ' +
          'Keyset pagination as listQuestions.',
        querystring: SnippetListQuerySchema,
        response: {
          200: jsonResponse('One page of snippets; Link names the next page.', SnippetListSchema),
          304: notModifiedResponse,
          ...commonErrorResponses,
          404: problemResponse('The topic or question filter names something unknown.'),
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, LIST_OFFERS);
      const { language, topic, question, limit, cursor } = request.query;
      const parts = cursor === undefined ? undefined : decodeIntCursor(cursor, 2);
      if (topic !== undefined && !topics.get(topic)) throw notFound.topic(topic);
      if (question !== undefined && questions.contentHash(question) === undefined) throw notFound.question(question);
      if (notModified(request, reply, etagFor(datasetHash, 'snippets'))) return reply;
      const filter = { language, topic, question };
      const rows = snippets.page(filter, parts ? { seq: parts[0]!, position: parts[1]! } : undefined, limit + 1);
      const { items, nextCursor } = pageOf(rows, limit, (last) => [last.key.seq, last.key.position]);
      setNextLink(request, reply, nextCursor);
      return { items, nextCursor, total: snippets.count(filter) };
    },
  );

  app.get(
    '/v1/snippets/:id',
    {
      schema: {
        operationId: 'getSnippet',
        tags: ['snippets'],
        headers: RequestHeadersSchema,
        summary: 'One code snippet with its language, place and content hash',
        description:
          'code is the block exactly as written between the fences, byte for byte what getSnippetRaw sends. ' +
          'Accept: text/plain on this URL answers with that raw code (Content-Location names getSnippetRaw).',
        params: SnippetParamsSchema,
        response: {
          200: jsonResponse('The snippet.', SnippetSchema),
          304: notModifiedResponse,
          ...commonErrorResponses,
          404: problemResponse('Unknown snippet id.'),
        },
      },
    },
    async (request, reply) => {
      const type = chooseType(request, reply, OFFERS);
      const snippet = requireSnippet(request.params.id);
      if (type === TEXT_TYPE) {
        reply.header('content-location', rawLocation(snippet.id));
        if (notModified(request, reply, rawEtag(snippet))) return reply;
        // Untyped reply: this operation documents JSON; the text is getSnippetRaw's.
        return (reply as FastifyReply).header('content-type', withCharset(TEXT_TYPE)).send(snippet.code);
      }
      if (notModified(request, reply, jsonEtag(snippet))) return reply;
      return snippet;
    },
  );

  app.get(
    '/v1/snippets/:id/raw',
    {
      schema: {
        operationId: 'getSnippetRaw',
        tags: ['snippets'],
        headers: RequestHeadersSchema,
        summary: 'The raw code of one snippet as text/plain (for curl … > file)',
        description:
          "The snippet's code as the whole body, identical to getSnippet's code field (no newline is added). " +
          'A text body: openapi-fetch users pass parseAs: "text"; curl writes it straight to a file.',
        params: SnippetParamsSchema,
        response: {
          200: textResponse('The code, as written in the answer.', TEXT_TYPE),
          304: notModifiedResponse,
          ...commonErrorResponses,
          404: problemResponse('Unknown snippet id.'),
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, [TEXT_TYPE]);
      const snippet = requireSnippet(request.params.id);
      if (notModified(request, reply, rawEtag(snippet))) return reply;
      reply.header('content-type', withCharset(TEXT_TYPE));
      return snippet.code;
    },
  );
};

export default snippetRoutes;
