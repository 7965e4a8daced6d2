import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SnippetRecord } from '../../db/repositories/snippets.js';
import { notFound } from '../../errors.js';
import { etagFor, notModified } from '../conditional.js';
import { decodeIntCursor, pageOf, setNextLink } from '../pagination.js';
import {
  commonErrorResponses,
  paramErrorResponses,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
} from '../schemas/common.js';
import { SnippetListQuerySchema, SnippetListSchema, SnippetParamsSchema, SnippetSchema } from '../schemas/snippets.js';
import { chooseType, JSON_TYPE, TEXT_TYPE, withCharset } from '../negotiate.js';

const LIST_OFFERS = [JSON_TYPE] as const;
const OFFERS = [JSON_TYPE, TEXT_TYPE] as const;

/** The code itself, with a final newline so `> file.sh` gives a proper text file. */
function rawCode(snippet: SnippetRecord): string {
  return snippet.code.endsWith('\n') ? snippet.code : `${snippet.code}\n`;
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
        tags: ['snippets'],
        headers: RequestHeadersSchema,
        summary: 'List code snippets, filtered by language, topic or question',
        querystring: SnippetListQuerySchema,
        response: {
          200: SnippetListSchema,
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
        tags: ['snippets'],
        headers: RequestHeadersSchema,
        summary: 'One snippet as JSON, or the raw code with Accept: text/plain',
        params: SnippetParamsSchema,
        response: {
          200: {
            description: 'The snippet',
            content: { [JSON_TYPE]: { schema: SnippetSchema }, [TEXT_TYPE]: { schema: z.string() } },
          },
          304: notModifiedResponse,
          ...paramErrorResponses,
          404: problemResponse('Unknown snippet id.'),
        },
      },
    },
    async (request, reply) => {
      const type = chooseType(request, reply, OFFERS);
      const snippet = requireSnippet(request.params.id);
      if (type === TEXT_TYPE) {
        if (notModified(request, reply, etagFor(snippet.contentHash, 'txt'))) return reply;
        reply.header('content-type', withCharset(TEXT_TYPE));
        return rawCode(snippet);
      }
      if (notModified(request, reply, jsonEtag(snippet))) return reply;
      return snippet;
    },
  );

  app.get(
    '/v1/snippets/:id/raw',
    {
      schema: {
        tags: ['snippets'],
        headers: RequestHeadersSchema,
        summary: 'The raw code of one snippet as text/plain (for curl … > file)',
        params: SnippetParamsSchema,
        response: {
          200: { description: 'The code', content: { [TEXT_TYPE]: { schema: z.string() } } },
          304: notModifiedResponse,
          ...paramErrorResponses,
          404: problemResponse('Unknown snippet id.'),
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, [TEXT_TYPE]);
      const snippet = requireSnippet(request.params.id);
      if (notModified(request, reply, etagFor(snippet.contentHash, 'txt'))) return reply;
      reply.header('content-type', withCharset(TEXT_TYPE));
      return rawCode(snippet);
    },
  );
};

export default snippetRoutes;
