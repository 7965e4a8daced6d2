import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { problemReply } from './problem-reply.js';
import { ensureRequestPipeline } from './request-pipeline.js';

export interface CorsOptions {
  /** `'*'` or the exact origins allowed (CORS_ORIGINS). */
  origins: '*' | string[];
}

/**
 * Browsers hide response headers from scripts unless exposed: clients need
 * ETag for conditional polling, Link for the next page, the rate-limit
 * headers to back off, and X-Request-Id to quote when reporting a problem.
 */
export const EXPOSED_HEADERS =
  'ETag, Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Request-Id';
const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';
const ALLOWED_HEADERS = 'Accept, If-None-Match, Content-Type, X-Request-Id';
const MAX_AGE = '600';

const corsPlugin: FastifyPluginAsync<CorsOptions> = async (app, options) => {
  const { origins } = options;
  if (
    origins !== '*' &&
    (!Array.isArray(origins) || origins.length === 0 || origins.some((o) => typeof o !== 'string' || o === ''))
  ) {
    throw new TypeError(`cors: origins must be '*' or a non-empty list, got ${JSON.stringify(origins)}`);
  }
  const allowed = origins === '*' ? null : new Set(origins);
  await ensureRequestPipeline(app);
  // The same policy @fastify/cors applied with our options, as one request
  // step (its hook rebuilt an options object and read routeOptions, which
  // allocates, on every request): every response names the allowed origin and
  // the exposed headers; OPTIONS is answered here as a preflight, for any URL.
  app.addRequestStep((request, reply) => {
    if (allowed === null) {
      reply.header('access-control-allow-origin', '*');
    } else {
      // The answer depends on Origin, so caches must key on it.
      reply.header('vary', 'Origin');
      const origin = request.raw.headers.origin;
      if (origin !== undefined && allowed.has(origin)) reply.header('access-control-allow-origin', origin);
    }
    reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    if (request.raw.method !== 'OPTIONS') return false;
    const { origin, 'access-control-request-method': method } = request.raw.headers;
    if (origin === undefined || method === undefined) {
      // Only browsers send OPTIONS here, and always with both headers.
      reply.send(
        problemReply(
          reply,
          'FAQ_ERR_BAD_REQUEST',
          'An OPTIONS request is a CORS preflight: it needs Origin and Access-Control-Request-Method.',
        ),
      );
      return true;
    }
    reply
      .code(204)
      .header('access-control-allow-methods', ALLOWED_METHODS)
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', MAX_AGE)
      .header('content-length', '0')
      .send();
    return true;
  });
};

/** CORS for browser front ends: origins from config, preflights answered for every URL. */
export const corsPolicy = fp(corsPlugin, { name: 'faq-cors', fastify: '5.x' });
export default corsPolicy;
