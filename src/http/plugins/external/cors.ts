import cors from '@fastify/cors';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface CorsOptions {
  /** `'*'` or the exact origins allowed (CORS_ORIGINS). */
  origins: '*' | string[];
}

/**
 * Browsers hide response headers from scripts unless exposed: clients need
 * ETag for conditional polling, Link for the next page, the rate-limit
 * headers to back off, and X-Request-Id to quote when reporting a problem.
 */
export const EXPOSED_HEADERS = [
  'ETag',
  'Link',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'X-Request-Id',
];

/**
 * CORS for browser front ends with @fastify/cors
 * (https://github.com/fastify/fastify-cors): origins from config; preflights
 * answered for any URL before routing. Allowed request headers are not
 * listed: the plugin echoes what the preflight asks for (Authorization,
 * Cache-Control, a tracing header), since a read-only API without
 * credentials has no header to refuse, and a front end with a global
 * interceptor would otherwise be blocked.
 */
const corsPlugin: FastifyPluginAsync<CorsOptions> = async (app, { origins }) => {
  await app.register(cors, {
    origin: origins,
    methods: ['GET', 'HEAD', 'OPTIONS'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
    // A plain OPTIONS (no Origin) is answered like a preflight: 204 with the
    // allowed methods, which is what OPTIONS means in HTTP (RFC 9110 §9.3.7).
    strictPreflight: false,
  });
};

export default fp(corsPlugin, { name: 'faq-cors', fastify: '5.x' });
