import { z } from 'zod';

export const LiveSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });

export const SeedStatusSchema = z
  .object({
    watching: z.boolean().describe('The server re-seeds when files under SEEDS_DIR change (WATCH_SEEDS).'),
    state: z
      .enum(['ok', 'failing'])
      .describe('failing: the last seed failed, and the content served is older than the files.'),
    lastSuccess: z
      .object({
        at: z.string().describe('ISO 8601.'),
        mode: z
          .enum(['full', 'incremental', 'existing'])
          .describe('existing: the database was seeded before this server started.'),
        durationMs: z.number().int().nullable(),
      })
      .nullable(),
    lastFailure: z
      .object({
        at: z.string().describe('ISO 8601.'),
        message: z.string().describe('What failed, one problem per line as file:line: reason.'),
        problems: z.array(
          z.object({
            file: z.string().describe('Relative to SEEDS_DIR.'),
            line: z.number().int().nullable(),
            reason: z.string(),
          }),
        ),
      })
      .nullable()
      .describe('Kept after a later success, for reference; state says whether it still applies.'),
  })
  .meta({ id: 'SeedStatus' });

export const ReadySchema = z
  .object({
    status: z.literal('ready'),
    sources: z.number().int().describe('Seeded sources in the open database.'),
    datasetHash: z.string(),
    seededAt: z.string().nullable(),
    seed: SeedStatusSchema,
  })
  .meta({ id: 'Readiness' });
