import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { problemReply } from './problem-reply.js';
import { ensureRequestPipeline } from './request-pipeline.js';

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
  /** Clients counted per generation before the older generation is dropped (see FixedWindowCounter). */
  maxClients?: number;
  /** Milliseconds since the epoch; tests pass a hand-moved clock. */
  now?: () => number;
}

function assertPositiveInteger(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new TypeError(`rate limit: ${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
}

/**
 * Requests per client in fixed windows. A window starts with the first
 * request after the previous one ended and applies to every client, so the
 * hot path is one clock read and one Map update, and a window's end drops
 * every count at once. Memory is bounded within a window too: when
 * `maxClients` clients are counted, that map becomes the previous generation
 * and a new one starts; a client found only in the previous generation moves
 * over with its count, and the generation before is dropped. So at most
 * 2 × maxClients clients are held, and only a flood of new addresses (which
 * could reset its own counts anyway by using new addresses) can make
 * a quiet client's count restart early.
 */
export class FixedWindowCounter {
  #current = new Map<string, number>();
  #previous = new Map<string, number>();
  #windowEnd = 0;
  #lastHit = 0;

  constructor(
    readonly max: number,
    readonly windowMs: number,
    readonly maxClients = 10_000,
    readonly now: () => number = Date.now,
  ) {
    assertPositiveInteger('max', max);
    assertPositiveInteger('timeWindow (ms)', windowMs);
    assertPositiveInteger('maxClients', maxClients);
  }

  /**
   * Count one request from `client`.
   * @returns the requests `client` has made in this window, this one included
   *   (`resetMs` then tells when the window ends).
   */
  hit(client: string): number {
    const now = this.now();
    this.#lastHit = now;
    if (now >= this.#windowEnd) {
      this.#current = new Map();
      this.#previous = new Map();
      this.#windowEnd = now + this.windowMs;
    }
    let count = this.#current.get(client);
    if (count === undefined) {
      count = this.#previous.get(client) ?? 0;
      if (this.#current.size >= this.maxClients) {
        this.#previous = this.#current;
        this.#current = new Map();
      }
    }
    count += 1;
    this.#current.set(client, count);
    return count;
  }

  /** Milliseconds from the last hit to the end of its window. */
  get resetMs(): number {
    return this.#windowEnd - this.#lastHit;
  }

  /** Clients currently held (both generations). */
  get size(): number {
    return this.#current.size + this.#previous.size;
  }
}

const rateLimitPlugin: FastifyPluginAsync<RateLimitOptions> = async (app, options) => {
  const { max, timeWindow, exemptPrefixes = ['/health/'], maxClients = 10_000, now = Date.now } = options;
  const counter = new FixedWindowCounter(max, timeWindow, maxClients, now);
  const limit = String(max);
  const windowSeconds = Math.round(timeWindow / 1000);

  let lastReset = 0;
  let lastResetText = '0';

  await ensureRequestPipeline(app);
  // A request step, not @fastify/rate-limit: its hooks measured ~30 µs of CPU
  // per request here (key normalisation, an async store, routeOptions), about
  // a third of a whole bare Fastify request. Runs for the 404 handler too, so
  // guessing URLs costs quota.
  app.addRequestStep((request, reply) => {
    const url = request.raw.url ?? '';
    for (const prefix of exemptPrefixes) {
      // is404: an unknown URL under an exempt prefix is not a probe.
      if (url.startsWith(prefix) && !request.is404) return false;
    }
    const count = counter.hit(request.ip);
    const resetSeconds = Math.max(1, Math.ceil(counter.resetMs / 1000));
    // Header values as strings: Node validates each value with a regular
    // expression, and a number there is converted (and takes a slower path)
    // on every response. The reset changes once a second: remembered.
    if (resetSeconds !== lastReset) {
      lastReset = resetSeconds;
      lastResetText = String(resetSeconds);
    }
    reply.header('x-ratelimit-limit', limit);
    reply.header('x-ratelimit-remaining', count >= max ? '0' : String(max - count));
    reply.header('x-ratelimit-reset', lastResetText);
    if (count <= max) return false;
    reply.header('retry-after', lastResetText);
    reply.send(
      problemReply(
        reply,
        'FAQ_ERR_RATE_LIMITED',
        `Rate limit of ${max} requests per ${windowSeconds} s exceeded; retry in ${resetSeconds} s.`,
      ),
    );
    return true;
  });
};

/** Per-client rate limiting: 429 problem+json with Retry-After and x-ratelimit-* headers; health probes exempt. */
export const rateLimiting = fp(rateLimitPlugin, { name: 'faq-rate-limit', fastify: '5.x' });
export default rateLimiting;
