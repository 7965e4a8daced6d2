import { EXAMPLE } from './examples.js';
import { z } from 'zod';
import {
  CursorSchema,
  FlagSchema,
  InstantSchema,
  LimitSchema,
  listSchema,
  pathParamsSchema,
  SearchTextSchema,
  SourceRefSchema,
  TopicRefSchema,
} from './common.js';

export interface AnswerNodeOut {
  id: string;
  markdown: string;
  text: string;
  html: string;
  line: number;
  children: AnswerNodeOut[];
}

/** One node of an answer tree: nested bullets stay nested. */
export const AnswerNodeSchema: z.ZodType<AnswerNodeOut> = z
  .object({
    id: z.string(),
    markdown: z
      .string()
      .describe(
        "The node's own markdown, without its children: source text as the author wrote it, raw HTML and any URL included. " +
          'Never insert it into a page as HTML; render `html` instead, or run it through a markdown renderer and an HTML sanitiser.',
      ),
    text: z.string().describe('Plain text of markdown.'),
    html: z.string().describe('markdown rendered to HTML and sanitised: safe to inject.'),
    line: z.number().int(),
    get children() {
      return z.array(AnswerNodeSchema);
    },
  })
  .meta({ id: 'AnswerNode' });

export const QuestionSnippetSchema = z
  .object({
    id: z.string(),
    language: z.string().nullable(),
    code: z.string(),
    line: z.number().int(),
    answerId: z.string().nullable().describe('Answer node the code sits in; null when it follows the answers.'),
  })
  .meta({ id: 'QuestionSnippet' });

export const LinkSchema = z
  .object({
    url: z.string().describe('An http, https, mailto or relative URL; links with any other scheme are left out.'),
    text: z.string(),
    title: z.string().nullable(),
    line: z.number().int(),
    answerId: z.string().nullable(),
  })
  .meta({ id: 'Link' });

export const ImageSchema = z
  .object({
    url: z.string().describe('An http, https, mailto or relative URL; images with any other scheme are left out.'),
    alt: z.string(),
    title: z.string().nullable(),
    line: z.number().int(),
    answerId: z.string().nullable(),
  })
  .meta({ id: 'Image' });

const summaryFields = {
  id: z
    .string()
    .describe('Stable id derived from content identity.')
    .meta({ examples: [EXAMPLE.questionId] }),
  question: z
    .string()
    .describe('The question as plain text.')
    .meta({ examples: [EXAMPLE.question] }),
  topic: TopicRefSchema.nullable(),
  source: SourceRefSchema.describe('The file and line the question was written at.'),
  hasCode: z.boolean(),
  followUpOf: z.string().nullable().describe('Id of the question this one follows on from.'),
  contentHash: z
    .string()
    .describe('sha256 over question, answers and snippets; changes iff content does.')
    .meta({ examples: [EXAMPLE.contentHash] }),
  updatedAt: z
    .string()
    .describe('When the content last changed (ISO 8601).')
    .meta({ examples: [EXAMPLE.timestamp] }),
};

export const QuestionSummarySchema = z.object(summaryFields).meta({ id: 'QuestionSummary' });

export const QuestionSchema = z
  .object({
    ...summaryFields,
    markdown: z
      .string()
      .describe(
        'The question as written, inline markdown kept: source text, not sanitised; never insert it into a page as HTML.',
      ),
    answers: z.array(AnswerNodeSchema),
    snippets: z.array(QuestionSnippetSchema),
    links: z.array(LinkSchema),
    images: z.array(ImageSchema),
    createdAt: z.string(),
  })
  .meta({ id: 'Question' });

export const QuestionSummaryListSchema = listSchema(
  QuestionSummarySchema,
  'QuestionSummaryList',
  'Questions matching the filters, over all pages; absent when q is given (ranked search does not count).',
);

export const QuestionListQuerySchema = z.object({
  topic: z.string().min(1).max(200).optional().describe('Topic slug; includes its subtopics.'),
  source: z.string().min(1).max(200).optional().describe('Source id.'),
  hasCode: FlagSchema.optional().describe(
    'true (or 1): only questions with a code snippet; false (or 0): only those without.',
  ),
  updatedSince: InstantSchema.optional().describe(
    'Only questions whose content changed at or after this ISO 8601 time.',
  ),
  q: SearchTextSchema.optional().describe(
    'Full-text search, as searchQuestions (1 to 1,000 characters): items come in relevance order, without total.',
  ),
  limit: LimitSchema,
  cursor: CursorSchema,
});

export const TopicQuestionListSchema = listSchema(
  QuestionSummarySchema,
  'TopicQuestionList',
  'Questions under the topic and its subtopics, over all pages.',
);

export const TopicQuestionsQuerySchema = z.object({ limit: LimitSchema, cursor: CursorSchema });

export const QuestionParamsSchema = pathParamsSchema('id');

export const TombstoneSchema = z
  .object({ id: z.string(), sourceId: z.string(), deletedAt: z.string() })
  .meta({ id: 'QuestionTombstone', description: 'A question that existed in an earlier seed and is gone now.' });

export const TombstoneListSchema = listSchema(
  TombstoneSchema,
  'QuestionTombstoneList',
  'Tombstones at or after since, over all pages.',
);

export const TombstoneQuerySchema = z.object({
  since: InstantSchema.optional().describe('Only deletions at or after this ISO 8601 time.'),
  limit: LimitSchema,
  cursor: CursorSchema,
});
