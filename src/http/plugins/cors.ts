import cors from '@fastify/cors';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface CorsOptions {
  /** `'*'` or the exact origins allowed (CORS_ORIGINS). */
  origins: '*' | string[];
}

const corsPlugin: FastifyPluginAsync<CorsOptions> = async (app, options) => {
  const { origins } = options;
  if (origins !== '*' && (!Array.isArray(origins) || origins.length === 0)) {
    throw new TypeError(`cors: origins must be '*' or a non-empty list, got ${JSON.stringify(origins)}`);
  }
  await app.register(cors, {
    origin: origins === '*' ? '*' : origins,
    methods: ['GET', 'HEAD', 'OPTIONS'],
    // Browsers hide response headers from scripts unless exposed: clients
    // need ETag for conditional polling and Link for the next page.
    // A string, not a list: the plugin joins a list on every request.
    exposedHeaders: 'ETag, Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset',
    allowedHeaders: ['Accept', 'If-None-Match', 'Content-Type'],
    maxAge: 600,
  });
};

/** CORS for browser front ends (@fastify/cors), origins from config. */
export const corsPolicy = fp(corsPlugin, { name: 'faq-cors', fastify: '5.x' });
export default corsPolicy;
