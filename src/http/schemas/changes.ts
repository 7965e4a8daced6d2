import { z } from 'zod';
import { CursorSchema } from './common.js';

export const ChangeSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z
        .literal('upsert')
        .describe('The question exists with this content: fetch it if contentHash is new to you.'),
      id: z.string(),
      sourceId: z.string(),
      contentHash: z.string(),
      updatedAt: z.string().describe('When its content last changed (ISO 8601).'),
    }),
    z.object({
      type: z.literal('delete').describe('The question is gone: drop your copy.'),
      id: z.string(),
      sourceId: z.string(),
      deletedAt: z.string().describe('When the seed that removed it ran (ISO 8601).'),
    }),
  ])
  .meta({ id: 'Change' });

export const ChangeListSchema = z
  .object({
    items: z.array(ChangeSchema).describe('In feed order; at most one per question (its latest change).'),
    nextCursor: z
      .string()
      .describe('Store it and pass it as ?cursor= next time: never null, so a client at the end resumes from here.'),
    hasMore: z.boolean().describe('More changes are waiting: ask again with nextCursor right away.'),
  })
  .meta({ id: 'ChangeList' });

export const ChangeQuerySchema = z.object({
  cursor: CursorSchema.describe('nextCursor of an earlier response; without it the feed starts at the beginning.'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Changes per response, 1 to 1000.'),
});
