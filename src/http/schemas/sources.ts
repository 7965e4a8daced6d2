import { z } from 'zod';
import { DescriptionSchema, listSchema, pathParamsSchema } from './common.js';
import { SeedStatusSchema } from './health.js';

export const SourceSchema = z
  .object({
    id: z.string().describe('Slug of the file path, e.g. mspt3_24-2-scp.'),
    title: z.string(),
    path: z.string().describe('Path relative to the seeds folder.'),
    questionCount: z.number().int(),
    contentHash: z.string().describe('sha256 of the normalised file text.'),
    seededAt: z.string().describe('When this content was first seeded (ISO 8601).'),
    updatedAt: z.string().describe('When the content last changed (ISO 8601).'),
    description: DescriptionSchema.nullable().describe(
      'What the file says before its first topic, outside any question; null when nothing.',
    ),
  })
  .meta({ id: 'Source' });

export const SourceListSchema = listSchema(
  SourceSchema,
  'SourceList',
  'Seeded sources (all of them are on the one page), with the seed status.',
)
  .extend({ seed: SeedStatusSchema.describe('Seeding as content maintainers see it: the last success and failure.') })
  .meta({ id: 'SourceList' });

export const SourceParamsSchema = pathParamsSchema('id');
