import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * What every JSON response carries: the headers that matter for an API
 * (OWASP REST Security cheat sheet). nosniff keeps a browser from reading
 * JSON as HTML or script; HSTS (helmet's default value) keeps clients on
 * https once they used it; the CSP forbids everything, framing included,
 * should a response ever be rendered. The rest of helmet's set only means
 * something for HTML pages, which get it (external/helmet.ts).
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
});

export interface SecurityHeadersOptions {
  /** CORS_ORIGINS, which Cross-Origin-Resource-Policy follows. */
  corsOrigins: '*' | string[];
}

/**
 * Cross-Origin-Resource-Policy as CORS_ORIGINS has it. CORP governs no-cors
 * loads (an <img>, a no-cors fetch, an embed under COEP), never CORS
 * fetches. With `*` the API is public: anyone may read it through CORS, so
 * same-origin would only break no-cors loads while protecting nothing, and
 * it is cross-origin. With a list of origins, those read through CORS and
 * same-origin keeps every other site from embedding responses.
 */
export function resourcePolicy(corsOrigins: '*' | string[]): 'cross-origin' | 'same-origin' {
  return corsOrigins === '*' ? 'cross-origin' : 'same-origin';
}

const securityHeadersPlugin: FastifyPluginAsync<SecurityHeadersOptions> = async (app, options) => {
  const entries = Object.entries({
    ...API_SECURITY_HEADERS,
    'cross-origin-resource-policy': resourcePolicy(options.corsOrigins),
  });
  // On arrival, so early answers (429, 503, 404) carry them too. Set on the
  // raw response, where helmet sets its own: on the docs pages helmet's
  // values then replace these instead of being overridden by them.
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of entries) reply.raw.setHeader(name, value);
    done();
  });
};

/** The JSON API's four security headers on every response, CORP following CORS_ORIGINS. */
export default fp(securityHeadersPlugin, { name: 'faq-security-headers', fastify: '5.x' });
