import type { FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyPluginAsync, type onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { ZOD_SCHEMA_CONTROLLER } from '../fast-validation.js';
import { ensureRequestPipeline } from './request-pipeline.js';

type Directives = Record<string, string[] | null>;

export interface SecurityHeadersOptions {
  /**
   * Extra or replaced CSP directives for the docs pages (camelCase, as helmet
   * spells them), merged over `docsDirectives`; `null` removes a directive.
   */
  directives?: Directives;
  /** Routes under this prefix (the Swagger UI) get helmet's full set; default `/docs`. */
  docsPrefix?: string;
}

/**
 * Strict-Transport-Security exactly as helmet sends it by default (a test
 * checks the two agree).
 */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * What every response but the docs pages carries: the headers that matter for
 * a JSON API (OWASP REST Security cheat sheet). nosniff keeps a browser from
 * reading JSON as HTML or script; HSTS keeps clients on https once they used
 * it; CORP same-origin stops other sites embedding responses in no-cors loads
 * (CORS fetches by front ends are not affected); the CSP forbids everything,
 * including framing, should a response ever be rendered. X-Frame-Options is
 * left out: `frame-ancestors 'none'` supersedes it in every browser that
 * honours CSP, and each header costs ~1 µs of CPU per request here. The rest
 * of helmet's set (DNS prefetch, download options, cross-domain policies,
 * Origin-Agent-Cluster, XSS filter, Referrer-Policy, COOP/COEP) only means
 * something for HTML pages.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': HSTS,
  'x-content-type-options': 'nosniff',
});

/**
 * The CSP of the docs pages (Swagger UI): it loads its scripts and styles from
 * /docs/static (same origin, no inline script), sets inline styles from React,
 * fetches /docs/json and shows data: images. `upgrade-insecure-requests` is
 * left out on purpose: the service is usually reached over plain HTTP
 * (localhost, a cluster Service), and upgrading /docs' sub-requests to https
 * would leave the page blank there.
 */
export const docsDirectives: Directives = {
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
const BASELINE_HEADERS = new Set([
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

/**
 * The headers @fastify/helmet sets with `options`. The plugin rebuilds the
 * whole helmet middleware (and the CSP string) inside two hooks on every
 * request, which measured ~90 µs of CPU per request here. Our policy is static
 * (no nonces, no per-route options), so we ask helmet once, on a throwaway
 * instance, and replay its exact headers.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const { default: helmet } = await import('@fastify/helmet');
  const probe = Fastify({ logger: false, schemaController: ZOD_SCHEMA_CONTROLLER });
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

function isUnder(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

const securityHeadersPlugin: FastifyPluginAsync<SecurityHeadersOptions> = async (app, options) => {
  const { docsPrefix = '/docs' } = options;
  if (typeof docsPrefix !== 'string' || !docsPrefix.startsWith('/')) {
    throw new TypeError(`security headers: docsPrefix must be a path, got ${JSON.stringify(docsPrefix)}`);
  }
  const overrides = options.directives ?? {};
  for (const [name, value] of Object.entries(overrides)) {
    if (value !== null && (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === ''))) {
      throw new TypeError(
        `security headers: directive ${name} must be a list of sources or null, got ${JSON.stringify(value)}`,
      );
    }
  }
  const directives: Record<string, string[]> = {};
  for (const [name, value] of Object.entries({ ...docsDirectives, ...overrides })) {
    if (value !== null) directives[name] = value;
  }

  // Every response: the API set, as one request step (no hook of its own).
  await ensureRequestPipeline(app);
  const apiNames = Object.keys(API_SECURITY_HEADERS);
  const apiValues = apiNames.map((name) => API_SECURITY_HEADERS[name]!);
  app.addRequestStep((_request, reply) => {
    for (let i = 0; i < apiNames.length; i += 1) reply.header(apiNames[i]!, apiValues[i]!);
    return false;
  });

  // The docs pages: helmet's full set over it, with a CSP the UI works under.
  // Asked of helmet on the first docs request, not at start-up (readiness),
  // then kept; the hook is added to the docs routes only.
  // useDefaults: false so helmet cannot add `upgrade-insecure-requests` back.
  let docsHeaders: Promise<Record<string, string>> | undefined;
  const docsHook: onRequestHookHandler = async (_request, reply) => {
    docsHeaders ??= helmetHeaders({ global: true, contentSecurityPolicy: { useDefaults: false, directives } }).catch(
      (error: unknown) => {
        docsHeaders = undefined; // ask again next time rather than fail every docs page
        throw error;
      },
    );
    reply.headers(await docsHeaders);
  };
  app.addHook('onRoute', (route) => {
    if (!isUnder(route.url, docsPrefix)) return;
    const existing = route.onRequest;
    route.onRequest =
      existing === undefined ? [docsHook] : Array.isArray(existing) ? [...existing, docsHook] : [existing, docsHook];
  });
};

/**
 * Security headers: the JSON API set on every response, helmet's full set
 * (computed once) on the Swagger UI pages under `docsPrefix`.
 */
export const securityHeaders = fp(securityHeadersPlugin, { name: 'faq-security-headers', fastify: '5.x' });
export default securityHeaders;
