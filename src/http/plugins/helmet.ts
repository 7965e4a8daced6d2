import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { ensureRequestPipeline } from './request-pipeline.js';

type Directives = Record<string, string[] | null>;

export interface SecurityHeadersOptions {
  /**
   * Extra or replaced CSP directives (camelCase, as helmet spells them), merged
   * over the defaults below; `null` removes a directive.
   */
  directives?: Directives;
}

/**
 * The CSP every response carries. The service mostly returns JSON, so the
 * policy only matters for the Swagger UI at /docs: it loads its scripts and
 * styles from /docs/static (same origin, no inline script), sets inline styles
 * from React, fetches /docs/json and shows data: images. `upgrade-insecure-requests`
 * is left out on purpose: the service is usually reached over plain HTTP
 * (localhost, a cluster Service), and upgrading /docs' sub-requests to https
 * would leave the page blank there.
 */
export const defaultDirectives: Directives = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
};

/** Headers every response has whether or not helmet runs; everything else a helmet reply carries is helmet's. */
const BASELINE_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * The headers @fastify/helmet sets with `options`, computed once. The plugin
 * rebuilds the whole helmet middleware (and the CSP string) inside two hooks on
 * every request, which measured ~90 µs of CPU per request here — as much as
 * the rest of a bare Fastify request. Our policy is static (no nonces, no
 * per-route options), so we ask helmet once, on a throwaway instance, and
 * replay its exact headers in one cheap request step.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  try {
    await probe.register(helmet, options);
    probe.get('/', (_request, reply) => {
      reply.send('');
    });
    const res = await probe.inject('/');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (!BASELINE_HEADERS.has(name) && typeof value === 'string') headers[name] = value;
    }
    return headers;
  } finally {
    await probe.close();
  }
}

const securityHeadersPlugin: FastifyPluginAsync<SecurityHeadersOptions> = async (app, options) => {
  const overrides = options.directives ?? {};
  for (const [name, value] of Object.entries(overrides)) {
    if (value !== null && (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === ''))) {
      throw new TypeError(`security headers: directive ${name} must be a list of sources or null, got ${JSON.stringify(value)}`);
    }
  }
  const directives: Record<string, string[]> = {};
  for (const [name, value] of Object.entries({ ...defaultDirectives, ...overrides })) {
    if (value !== null) directives[name] = value;
  }
  // useDefaults: false so helmet cannot add `upgrade-insecure-requests` back.
  const headers = await helmetHeaders({ global: true, contentSecurityPolicy: { useDefaults: false, directives } });
  await ensureRequestPipeline(app);
  app.addRequestStep((_request, reply) => {
    reply.headers(headers);
    return false;
  });
};

/** Security headers (@fastify/helmet) on every response, with a CSP that keeps /docs working. */
export const securityHeaders = fp(securityHeadersPlugin, { name: 'faq-security-headers', fastify: '5.x' });
export default securityHeaders;
