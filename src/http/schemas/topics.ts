import { z } from 'zod';
import { DescriptionSchema, listSchema, pathParamsSchema, TopicRefSchema } from './common.js';

const topicFields = {
  slug: z.string(),
  title: z.string(),
  parentSlug: z.string().nullable(),
  depth: z.number().int().describe('0 for a top-level topic.'),
  questionCount: z.number().int().describe('Questions filed directly under this topic.'),
  totalQuestionCount: z.number().int().describe('Questions under this topic and all its descendants.'),
};

/** A topic; `children` is present in the tree view only. */
export const TopicSchema: z.ZodType<TopicOut> = z
  .object({
    ...topicFields,
    get children() {
      return z.array(TopicSchema).optional().describe('Subtopics (tree view only).');
    },
  })
  .meta({ id: 'Topic' });

export interface TopicOut {
  slug: string;
  title: string;
  parentSlug: string | null;
  depth: number;
  questionCount: number;
  totalQuestionCount: number;
  children?: TopicOut[] | undefined;
}

export const TopicListSchema = listSchema(
  TopicSchema,
  'TopicList',
  'Entries in items: every topic in the flat view, top-level topics in the tree view. The list is never paged.',
);

export const TopicListQuerySchema = z.object({
  view: z
    .enum(['tree', 'flat'])
    .default('tree')
    .describe('tree nests subtopics under their parent; flat lists every topic in order.'),
});

export const TopicImageSchema = z
  .object({
    url: z.string().describe('An http, https, mailto or relative URL; images with any other scheme are left out.'),
    alt: z.string(),
    title: z.string().nullable(),
    line: z.number().int(),
    sourceId: z.string(),
  })
  .meta({ id: 'TopicImage' });

export const TopicDetailSchema = z
  .object({
    ...topicFields,
    parent: TopicRefSchema.nullable(),
    description: DescriptionSchema.nullable().describe(
      "What the sources say under the topic's heading outside any question (its introduction); null when nothing.",
    ),
    children: z.array(z.object(topicFields)).describe('Direct subtopics.'),
    sources: z
      .array(z.object({ id: z.string(), path: z.string(), line: z.number().int() }))
      .describe('Sources with a heading for this topic, and its line.'),
    images: z.array(TopicImageSchema).describe('Images filed under the topic itself, outside any question.'),
  })
  .meta({ id: 'TopicDetail' });

export const TopicParamsSchema = pathParamsSchema('slug');
