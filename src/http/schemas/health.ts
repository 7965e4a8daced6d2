import { z } from 'zod';

export const LiveSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });

export const ReadySchema = z
  .object({
    status: z.literal('ready'),
    sources: z.number().int().describe('Seeded sources in the open database.'),
    datasetHash: z.string(),
    seededAt: z.string().nullable(),
  })
  .meta({ id: 'Readiness' });
