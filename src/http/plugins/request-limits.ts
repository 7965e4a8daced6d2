import type { FastifyHttpOptions, FastifyPluginAsync } from 'fastify';
import type { Server } from 'node:http';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors.js';

/**
 * Limits that belong to the Fastify constructor (and the Node HTTP server it
 * creates), so `buildApp` spreads them into `fastify({...})`:
 * - bodyLimit: the API is read-only; no route reads a body, so anything larger
 *   than a few KiB is abuse.
 * - maxParamLength: IDs and slugs are short; longer path parameters 404
 *   before any handler runs.
 * - http.maxHeaderSize: 8 KiB of request line + headers (Node answers 431
 *   itself above that); the service uses no cookies or tokens.
 * - requestTimeout / connectionTimeout: a client that trickles its request
 *   (slowloris) cannot hold a socket for Node's default five minutes.
 */
export const requestLimitOptions = {
  bodyLimit: 8 * 1024,
  maxParamLength: 200,
  requestTimeout: 30_000,
  connectionTimeout: 30_000,
  http: { maxHeaderSize: 8 * 1024 },
} as const satisfies FastifyHttpOptions<Server>;

export interface RequestLimitsOptions {
  /** Longest request target (path + query) answered; longer ones get 414. Must stay below the header limit. */
  maxUrlLength?: number;
}

const requestLimitsPlugin: FastifyPluginAsync<RequestLimitsOptions> = async (app, options) => {
  const { maxUrlLength = 2048 } = options;
  if (!Number.isInteger(maxUrlLength) || maxUrlLength < 16 || maxUrlLength >= requestLimitOptions.http.maxHeaderSize) {
    throw new TypeError(
      `request limits: maxUrlLength must be an integer from 16 to ${requestLimitOptions.http.maxHeaderSize - 1}, got ${JSON.stringify(maxUrlLength)}`,
    );
  }
  app.addHook('onRequest', (request, _reply, done) => {
    const length = request.raw.url?.length ?? 0;
    if (length <= maxUrlLength) return done();
    done(
      new ApiError(
        'FAQ_ERR_URI_TOO_LONG',
        `The request target is ${length} characters long; the limit is ${maxUrlLength}.`,
      ),
    );
  });
};

/** Request-target limit: URLs longer than `maxUrlLength` get a 414 problem before routing work is done. */
export const requestLimits = fp(requestLimitsPlugin, { name: 'faq-request-limits', fastify: '5.x' });
export default requestLimits;
