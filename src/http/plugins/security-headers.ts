import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * What every JSON response carries: the headers that matter for an API
 * (OWASP REST Security cheat sheet). nosniff keeps a browser from reading
 * JSON as HTML or script; HSTS (helmet's default value) keeps clients on
 * https once they used it; CORP same-origin stops other sites embedding
 * responses in no-cors loads; the CSP forbids everything, framing included,
 * should a response ever be rendered. The rest of helmet's set only means
 * something for HTML pages, which get it (external/helmet.ts).
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
});

const securityHeadersPlugin: FastifyPluginAsync = async (app) => {
  const entries = Object.entries(API_SECURITY_HEADERS);
  // On arrival, so early answers (429, 503, 404) carry them too. Set on the
  // raw response, where helmet sets its own: on the docs pages helmet's
  // values then replace these instead of being overridden by them.
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of entries) reply.raw.setHeader(name, value);
    done();
  });
};

/** The JSON API's four security headers on every response. */
export default fp(securityHeadersPlugin, { name: 'faq-security-headers', fastify: '5.x' });
