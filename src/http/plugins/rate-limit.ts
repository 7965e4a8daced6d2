import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problemReply } from './problem-reply.js';

export interface RateLimitOptions {
  /** Requests a client may make per window (RATE_LIMIT_MAX). */
  max: number;
  /** Window length in milliseconds (RATE_LIMIT_WINDOW). */
  timeWindow: number;
  /**
   * Route prefixes that are never limited. Health probes come from the
   * orchestrator's own address at a fixed rate; limiting them would turn a
   * busy client on the same node into a failed probe.
   */
  exemptPrefixes?: string[];
}

function assertPositiveInteger(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new TypeError(`rate limit: ${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
}

const rateLimitPlugin: FastifyPluginAsync<RateLimitOptions> = async (app, options) => {
  const { max, timeWindow, exemptPrefixes = ['/health/'] } = options;
  assertPositiveInteger('max', max);
  assertPositiveInteger('timeWindow (ms)', timeWindow);

  // global: false — we only want the plugin's store and counting. Our own hook
  // below answers with problem+json and also covers the 404 handler, which the
  // plugin's per-route hooks would miss (guessing URLs must cost quota too).
  await app.register(rateLimit, { global: false, max, timeWindow });
  const check = app.createRateLimit();

  const isExempt = (request: FastifyRequest): boolean => {
    const route = request.routeOptions.url;
    return route !== undefined && exemptPrefixes.some((prefix) => route.startsWith(prefix));
  };

  app.addHook('onRequest', async (request, reply) => {
    if (isExempt(request)) return;
    const result = await check(request);
    if (result.isAllowed) return;
    reply.header('x-ratelimit-limit', result.max);
    reply.header('x-ratelimit-remaining', result.remaining);
    reply.header('x-ratelimit-reset', result.ttlInSeconds);
    if (!result.isExceeded) return;
    reply.header('retry-after', result.ttlInSeconds);
    return reply.send(problemReply(
      reply,
      'FAQ_ERR_RATE_LIMITED',
      `Rate limit of ${result.max} requests per ${Math.round(timeWindow / 1000)} s exceeded; retry in ${result.ttlInSeconds} s.`,
    ));
  });
};

/** Per-client rate limiting (@fastify/rate-limit): 429 problem+json with Retry-After and x-ratelimit-* headers. */
export const rateLimiting = fp(rateLimitPlugin, { name: 'faq-rate-limit', fastify: '5.x' });
export default rateLimiting;
