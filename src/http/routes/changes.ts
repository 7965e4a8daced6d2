import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../errors.js';
import { etagFor, notModified } from '../conditional.js';
import { chooseType, JSON_TYPE } from '../negotiate.js';
import { decodeParts, encodeCursor, setNextLink } from '../pagination.js';
import {
  commonErrorResponses,
  jsonResponse,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
} from '../schemas/common.js';
import { ChangeListSchema, ChangeQuerySchema } from '../schemas/changes.js';

const OFFERS = [JSON_TYPE] as const;

/** The change feed: what changed since a cursor, in order, for integrations that keep a copy. */
const changeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { changes } = app.repos;
  const datasetHash = app.dataset.hash;

  /** The seq a cursor stands for; a cursor of another feed (a database built afresh) is 410. */
  const afterSeq = (cursor: string | undefined): number => {
    if (cursor === undefined) return 0;
    const [feedId, seq] = decodeParts(cursor, 2);
    if (typeof feedId !== 'string' || !Number.isSafeInteger(seq) || (seq as number) < 0)
      throw new ApiError(
        'FAQ_ERR_INVALID_CURSOR',
        'The cursor is not one this service issued; start again without it.',
        [{ in: 'querystring', pointer: '/cursor', message: 'not a valid cursor' }],
      );
    if (feedId !== changes.feedId)
      throw new ApiError(
        'FAQ_ERR_CURSOR_EXPIRED',
        'The change feed was rebuilt since this cursor was issued; sync again from the start, without a cursor.',
      );
    return seq as number;
  };

  app.get(
    '/v1/changes',
    {
      schema: {
        operationId: 'listChanges',
        tags: ['questions'],
        headers: RequestHeadersSchema,
        summary: 'What changed since a cursor: question upserts and deletions, in order',
        description:
          'Start without a cursor, apply the items in order (upsert: fetch /v1/questions/{id} when contentHash is new; ' +
          'delete: drop the question), store nextCursor and resume from it later. Each question appears at most once, ' +
          'with its latest change, so following the feed to the end leaves exactly the questions the service serves. ' +
          'Ordered by a sequence the seed keeps in the database, not by clocks.',
        querystring: ChangeQuerySchema,
        response: {
          200: jsonResponse(
            'Changes after the cursor, in feed order, and the cursor to resume from.',
            ChangeListSchema,
          ),
          304: notModifiedResponse,
          ...commonErrorResponses,
          410: problemResponse(
            'The feed was rebuilt from scratch since the cursor was issued: sync again without one.',
          ),
        },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, OFFERS);
      const after = afterSeq(request.query.cursor);
      if (notModified(request, reply, etagFor(datasetHash, `changes-${changes.head}`))) return reply;
      const { limit } = request.query;
      const rows = changes.after(after, limit + 1);
      const items = rows.slice(0, limit);
      const hasMore = rows.length > limit;
      const last = items[items.length - 1];
      // At the end the cursor points at the head, so a client does not re-read
      // changes it has; an empty page keeps the cursor it was given.
      const nextCursor = encodeCursor([changes.feedId, hasMore ? last!.seq : Math.max(after, changes.head)]);
      if (hasMore) setNextLink(request, reply, nextCursor);
      return { items: items.map(({ seq: _seq, ...change }) => change), nextCursor, hasMore };
    },
  );
};

export default changeRoutes;
