import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { ApiError } from '../../../errors.js';

export interface RateLimitOptions {
  /** Requests a client may make per window (RATE_LIMIT_MAX). */
  max: number;
  /** Window length in milliseconds (RATE_LIMIT_WINDOW). */
  timeWindow: number;
  /**
   * Keep the counters in this Redis (RATE_LIMIT_REDIS_URL), so the limit
   * holds for every replica together; in memory, per process, without it.
   */
  redisUrl?: string;
}

/** How long start-up waits for Redis before serving unlimited until it connects. */
const CONNECT_WAIT_MS = 2000;

/**
 * Per-client rate limiting with @fastify/rate-limit
 * (https://github.com/fastify/fastify-rate-limit): x-ratelimit-* headers,
 * 429 problem+json with Retry-After, keyed by request.ip (so TRUST_PROXY
 * decides who the client is). Health probes opt out with
 * `config: { rateLimit: false }` (routes/health.ts); the 404 handler opts
 * in (plugins/problems.ts), so guessing URLs costs quota too.
 */
const rateLimitPlugin: FastifyPluginAsync<RateLimitOptions> = async (app, { max, timeWindow, redisUrl }) => {
  for (const [name, value] of Object.entries({ max, timeWindow })) {
    if (!Number.isInteger(value) || value < 1)
      throw new TypeError(`rate limit: ${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  let redis: Redis | undefined;
  if (redisUrl !== undefined) {
    // The plugin's advice for ioredis: fail a command fast rather than queue
    // it while Redis is away (skipOnError below then lets the request through).
    redis = new Redis(redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', (error: Error) => app.log.warn({ err: error }, 'rate limit: Redis unreachable; not limiting'));
    app.addHook('onClose', async () => {
      redis?.disconnect();
    });
    // Start counting with the first request: wait (briefly) for the connection,
    // since commands are not queued before it is up. Unreachable: start anyway.
    const connection = redis;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CONNECT_WAIT_MS);
      connection.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  const windowSeconds = Math.round(timeWindow / 1000);
  await app.register(rateLimit, {
    max,
    timeWindow,
    ...(redis ? { redis, nameSpace: 'faq-api-rate-limit:' } : {}),
    // A store that fails (Redis down) must not fail the request: serve unlimited.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        'FAQ_ERR_RATE_LIMITED',
        `Rate limit of ${context.max} requests per ${windowSeconds} s exceeded; retry in ${context.after}.`,
      ),
  });
};

export default fp(rateLimitPlugin, { name: 'faq-rate-limit', fastify: '5.x' });
