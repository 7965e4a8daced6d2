import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type RouteHandlerMethod,
} from 'fastify';
import fp from 'fastify-plugin';
import type { IncomingMessage } from 'node:http';
import { ZOD_SCHEMA_CONTROLLER } from '../fast-validation.js';
import compression from './compress.js';
import problems from './problems.js';

export interface DocsOptions {
  /** Where the Swagger UI lives. */
  routePrefix: string;
}

/**
 * The routes @fastify/swagger-ui registers under its prefix (with our
 * options), registered here with a handler that forwards to it. Anything else
 * under the prefix stays a 404 of the app, as before.
 */
export const DOCS_PATHS = [
  '',
  '/',
  '/static/index.html',
  '/static/swagger-initializer.js',
  '/json',
  '/yaml',
  '/static/*',
];

/** What the app had prepared for the response when it handed the request over. */
interface HandedOver extends IncomingMessage {
  faqDocsHeaders?: ReturnType<FastifyReply['getHeaders']>;
  faqDocsRequestId?: string;
}

/**
 * The Swagger UI on an instance of its own, built on the first docs request:
 * @fastify/swagger-ui loads @fastify/static, send, mime, glob and a second
 * copy of yaml from node_modules (it is left out of the bundle because it
 * serves files next to its own code), ~100 ms of start-up here for a page few
 * requests ever ask for. The app keeps the routes, so its request pipeline
 * (request id, CORS, rate limit) and route hooks (the docs' security headers)
 * run as for any route; their headers are carried over, and the docs instance
 * has the app's compression and problem+json errors.
 */
async function buildDocsApp(app: FastifyInstance, routePrefix: string): Promise<FastifyInstance> {
  const { default: swaggerUi } = await import('@fastify/swagger-ui');
  const docs = Fastify({
    loggerInstance: app.log,
    // The app's request already logs completion (slow requests) for this response.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => (req as HandedOver).faqDocsRequestId ?? 'docs',
    schemaController: ZOD_SCHEMA_CONTROLLER,
  });
  docs.addHook('onRequest', (request, reply, done) => {
    const headers = (request.raw as HandedOver).faqDocsHeaders;
    if (headers !== undefined) reply.headers(headers);
    done();
  });
  // swagger-ui reads the document through `swagger()`, from the app that has the routes.
  docs.register(
    fp(
      async (instance) => {
        instance.decorate('swagger', ((options?: { yaml?: boolean }) =>
          app.swagger(options as { yaml: true })) as FastifyInstance['swagger']);
      },
      { name: '@fastify/swagger' },
    ),
  );
  docs.register(problems);
  if (app.hasPlugin('faq-compression')) docs.register(compression);
  docs.register(swaggerUi, { routePrefix });
  await docs.ready();
  return docs;
}

const docsPlugin: FastifyPluginAsync<DocsOptions> = async (app, options) => {
  const { routePrefix } = options;
  let docs: Promise<FastifyInstance> | undefined;
  const handler: RouteHandlerMethod = async (request, reply) => {
    const docsApp = await (docs ??= buildDocsApp(app, routePrefix).catch((error: unknown) => {
      docs = undefined; // try again on the next request
      throw error;
    }));
    const raw = request.raw as HandedOver;
    raw.faqDocsHeaders = reply.getHeaders();
    raw.faqDocsRequestId = request.id;
    reply.hijack();
    docsApp.routing(request.raw, reply.raw);
  };
  for (const path of DOCS_PATHS) app.get(`${routePrefix}${path}`, { schema: { hide: true } }, handler);
  app.addHook('onClose', async () => {
    if (docs !== undefined) await (await docs.catch(() => undefined))?.close();
  });
};

/** Swagger UI at `routePrefix`, loaded on its first request. */
export const docs = fp(docsPlugin, { name: 'faq-docs', fastify: '5.x' });
export default docs;
