import { EXAMPLE } from './examples.js';
import { z } from 'zod';
import { CursorSchema, LimitSchema, listSchema, pathParamsSchema, SourceRefSchema, TopicRefSchema } from './common.js';

export const SnippetSchema = z
  .object({
    id: z.string().meta({ examples: [EXAMPLE.snippetId] }),
    questionId: z.string().meta({ examples: [EXAMPLE.questionId] }),
    answerId: z.string().nullable(),
    language: z
      .string()
      .nullable()
      .describe('Lower-cased fence language; null when none.')
      .meta({ examples: [EXAMPLE.snippetLanguage] }),
    code: z.string(),
    line: z.number().int(),
    contentHash: z.string(),
    topic: TopicRefSchema.nullable(),
    source: SourceRefSchema,
  })
  .meta({ id: 'Snippet' });

export const SnippetListSchema = listSchema(
  SnippetSchema,
  'SnippetList',
  'Snippets matching the filters, over all pages.',
);

export const SnippetListQuerySchema = z.object({
  language: z.string().trim().toLowerCase().min(1).max(50).optional().describe('Fence language, e.g. bash.'),
  topic: z.string().min(1).max(200).optional().describe('Topic slug; includes its subtopics.'),
  question: z.string().min(1).max(200).optional().describe('Question id.'),
  limit: LimitSchema,
  cursor: CursorSchema,
});

export const SnippetParamsSchema = pathParamsSchema('id');
