import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../../errors.js';

export interface RateLimitOptions {
  /** Requests a client may make per window (RATE_LIMIT_MAX). */
  max: number;
  /** Window length in milliseconds (RATE_LIMIT_WINDOW). */
  timeWindow: number;
}

/**
 * Per-client rate limiting with @fastify/rate-limit
 * (https://github.com/fastify/fastify-rate-limit): x-ratelimit-* headers,
 * 429 problem+json with Retry-After, keyed by request.ip (so TRUST_PROXY
 * decides who the client is). Health probes opt out with
 * `config: { rateLimit: false }` (routes/health.ts); the 404 handler opts
 * in (plugins/problems.ts), so guessing URLs costs quota too.
 */
const rateLimitPlugin: FastifyPluginAsync<RateLimitOptions> = async (app, { max, timeWindow }) => {
  for (const [name, value] of Object.entries({ max, timeWindow })) {
    if (!Number.isInteger(value) || value < 1)
      throw new TypeError(`rate limit: ${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  const windowSeconds = Math.round(timeWindow / 1000);
  await app.register(rateLimit, {
    max,
    timeWindow,
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        'FAQ_ERR_RATE_LIMITED',
        `Rate limit of ${context.max} requests per ${windowSeconds} s exceeded; retry in ${context.after}.`,
      ),
  });
};

export default fp(rateLimitPlugin, { name: 'faq-rate-limit', fastify: '5.x' });
