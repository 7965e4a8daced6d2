import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The CSP of the docs pages (Swagger UI): scripts and styles from
 * /docs/static (same origin, no inline script), inline styles set by React,
 * /docs/json fetched, data: images. `upgrade-insecure-requests` is left out
 * on purpose: the service is usually reached over plain HTTP (localhost, a
 * cluster Service), where upgrading the page's sub-requests leaves it blank.
 */
export const DOCS_DIRECTIVES: Record<string, string[]> = {
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

/**
 * @fastify/helmet's full set of headers for HTML pages
 * (https://github.com/fastify/fastify-helmet), with the docs CSP unless
 * `options` say otherwise (the FAQ pages send a CSP of their own per page).
 * Register it in the scope of the pages it protects (swagger-ui.ts,
 * routes/pages.ts): helmet builds its middleware on every request it runs
 * for, which the JSON routes do not need (they carry
 * plugins/security-headers.ts' four headers).
 */
const helmetPlugin: FastifyPluginAsync<FastifyHelmetOptions> = async (app, options) => {
  // useDefaults: false, so helmet cannot add upgrade-insecure-requests back.
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: DOCS_DIRECTIVES },
    ...options,
  });
};

export default fp(helmetPlugin, { name: 'faq-helmet', fastify: '5.x' });
