import underPressure from '@fastify/under-pressure';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../../errors.js';

export interface LoadSheddingOptions {
  /**
   * Mean event-loop delay (ms) above which requests are shed. A merely busy
   * loop (100% CPU under a benchmark) stays in the low milliseconds.
   */
  maxEventLoopDelay: number;
  /** How often (ms) the event loop is sampled. */
  sampleInterval: number;
  /** Seconds a shed client is told to wait (Retry-After). */
  retryAfter: number;
  /**
   * Routes never shed. Liveness must keep answering under load: a 503 there
   * makes Kubernetes restart a pod that is only busy. Readiness is shed, so
   * a saturated replica leaves the Service.
   */
  exemptRoutes?: string[];
}

/**
 * Load shedding with @fastify/under-pressure
 * (https://github.com/fastify/under-pressure): while the event loop is
 * saturated, 503 problem+json with Retry-After; `app.isUnderPressure()`.
 */
const loadSheddingPlugin: FastifyPluginAsync<LoadSheddingOptions> = async (app, options) => {
  const { maxEventLoopDelay, sampleInterval, retryAfter, exemptRoutes = ['/health/live'] } = options;
  const exempt = new Set(exemptRoutes);
  // The first samples measure start-up's own synchronous work (loading and
  // compiling routes), which on a busy host can exceed the threshold: shed
  // only once the app has been ready for two sample intervals.
  let settled = false;
  app.addHook('onReady', async () => {
    setTimeout(() => {
      settled = true;
    }, 2 * sampleInterval).unref();
  });
  await app.register(underPressure, {
    maxEventLoopDelay,
    sampleInterval,
    retryAfter,
    pressureHandler: (request, reply, type, value) => {
      if (!settled || exempt.has(request.routeOptions.url ?? '')) return; // go on serving
      request.log.warn({ type, value }, 'shedding load');
      reply.header('retry-after', retryAfter);
      // A rejection is handed to the error handler (plugins/problems.ts).
      return Promise.reject(new ApiError('FAQ_ERR_UNAVAILABLE', `The server is overloaded; retry in ${retryAfter} s.`));
    },
  });
};

export default fp(loadSheddingPlugin, { name: 'faq-load-shedding', fastify: '5.x' });
