import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import helmet from './helmet.js';

export interface DocsOptions {
  /** Where the Swagger UI lives (default `/docs`). */
  routePrefix?: string;
}

/**
 * The Swagger UI over the OpenAPI document of plugins/openapi.ts, with
 * @fastify/swagger-ui (https://github.com/fastify/fastify-swagger-ui). It
 * and helmet's full header set share a scope of their own, so helmet's
 * hooks run for the docs pages only.
 */
const docsPlugin: FastifyPluginAsync<DocsOptions> = async (app, { routePrefix = '/docs' }) => {
  await app.register(async (docs) => {
    await docs.register(helmet);
    await docs.register(swaggerUi, { routePrefix });
  });
};

export default fp(docsPlugin, { name: 'faq-docs', fastify: '5.x', dependencies: ['@fastify/swagger'] });
