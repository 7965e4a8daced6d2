import underPressure from '@fastify/under-pressure';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { problemReply } from './problem-reply.js';

export interface LoadSheddingOptions {
  /**
   * Mean event-loop delay (ms) above which requests are shed. 1 s means the
   * process is genuinely stuck; a merely busy loop (100% CPU under a
   * benchmark) stays in the low milliseconds and keeps serving.
   */
  maxEventLoopDelay?: number;
  /** How often (ms) the event loop is sampled. */
  sampleInterval?: number;
  /** Seconds a shed client is told to wait (Retry-After). */
  retryAfter?: number;
  /**
   * Routes that are never shed. Liveness must keep answering under load:
   * a 503 there makes Kubernetes restart a pod that is only busy. Readiness
   * is deliberately not exempt, so a saturated replica leaves the Service.
   */
  exemptRoutes?: string[];
}

function assertPositive(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`load shedding: ${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
}

const loadSheddingPlugin: FastifyPluginAsync<LoadSheddingOptions> = async (app, options) => {
  const {
    maxEventLoopDelay = 1000,
    sampleInterval = 1000,
    retryAfter = 5,
    exemptRoutes = ['/health/live'],
  } = options;
  assertPositive('maxEventLoopDelay', maxEventLoopDelay);
  assertPositive('sampleInterval', sampleInterval);
  assertPositive('retryAfter', retryAfter);
  const exempt = new Set(exemptRoutes);

  // Only the event-loop delay is watched: event-loop utilisation reads ~1.0
  // whenever the single core is busy (which is fine for a read-only service),
  // and memory is bounded by the container's limit rather than guessed here.
  await app.register(underPressure, {
    maxEventLoopDelay,
    sampleInterval,
    retryAfter,
    pressureHandler: async (request, reply, type, value) => {
      const route = request.routeOptions.url;
      if (route !== undefined && exempt.has(route)) return;
      request.log.warn({ type, value }, 'shedding load');
      reply.header('retry-after', Math.ceil(retryAfter));
      reply.send(problemReply(reply, 'FAQ_ERR_UNAVAILABLE', `The server is overloaded; retry in ${Math.ceil(retryAfter)} s.`));
      // under-pressure calls next() when this promise settles; a reply is
      // thenable and settles once written, so the rest of the chain sees it sent.
      await reply;
    },
  });
};

/** Load shedding (@fastify/under-pressure): 503 problem+json with Retry-After while the event loop is saturated. */
export const loadShedding = fp(loadSheddingPlugin, { name: 'faq-load-shedding', fastify: '5.x' });
export default loadShedding;
