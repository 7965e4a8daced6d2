import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../errors.js';
import { jsonResponse, problemResponse, requestLimitResponses, serverErrorResponses } from '../schemas/common.js';
import { LiveSchema, ReadySchema } from '../schemas/health.js';

/** Liveness (the process answers) and readiness (the database is open and seeded). */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health/live',
    {
      // Probes come from the orchestrator at a fixed rate: never rate limited.
      config: { rateLimit: false },
      schema: {
        operationId: 'getLiveness',
        tags: ['health'],
        summary: 'Liveness: the process is up and answering',
        description: 'For a liveness probe: answers while the event loop runs, even when the database is not ready.',
        response: {
          200: jsonResponse('The process is alive.', LiveSchema),
          ...requestLimitResponses,
          ...serverErrorResponses,
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/health/ready',
    {
      config: { rateLimit: false },
      schema: {
        operationId: 'getReadiness',
        tags: ['health'],
        summary: 'Readiness: the database is open and holds at least one source',
        description: 'For a readiness probe: 503 until the database is open and seeded, and while overloaded.',
        response: {
          200: jsonResponse('Ready to serve, with the dataset it serves.', ReadySchema),
          ...requestLimitResponses,
          ...serverErrorResponses,
          503: problemResponse('Not ready: no database, nothing seeded, shutting down, or overloaded.'),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      // Out of the Service while shutting down; in-flight work still completes.
      if (app.draining) throw new ApiError('FAQ_ERR_NOT_READY', 'The server is shutting down.');
      if (!app.db.open) throw new ApiError('FAQ_ERR_NOT_READY', 'The database is not open.');
      const sources = app.repos.sources.count();
      if (sources < 1) throw new ApiError('FAQ_ERR_NOT_READY', 'The database holds no sources; run the seed.');
      return {
        status: 'ready' as const,
        sources,
        datasetHash: app.dataset.hash,
        seededAt: app.dataset.seededAt,
        seed: app.seedStatus(),
      };
    },
  );
};

export default healthRoutes;
