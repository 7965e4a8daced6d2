import type { FastifyPluginAsync } from 'fastify';

/** The generated OpenAPI 3.1 document, as JSON (the same one /docs shows). */
const openApiRoutes: FastifyPluginAsync = async (app) => {
  app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=60');
    return app.swagger();
  });
};

export default openApiRoutes;
