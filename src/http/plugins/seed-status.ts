import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { staticStatus, type SeedStatus } from '../../live/status.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Seeding as content maintainers see it (src/live/status.ts), read per request. */
    seedStatus: () => SeedStatus;
  }
}

export interface SeedStatusOptions {
  /** The watching server's live status; without it, the status of the database being served. */
  status?: () => SeedStatus;
}

const seedStatusPlugin: FastifyPluginAsync<SeedStatusOptions> = async (app, options) => {
  const fixed = options.status ? undefined : staticStatus(app.dataset.seededAt);
  app.decorate('seedStatus', options.status ?? (() => fixed!));
};

/** `app.seedStatus()`: the `seed` object of /health/ready and /v1/sources. */
export const seedStatus = fp(seedStatusPlugin, { name: 'faq-seed-status', fastify: '5.x', dependencies: ['faq-db'] });
export default seedStatus;
