import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** True once `startDraining()` was called: the process is shutting down. */
    readonly draining: boolean;
    /**
     * Begin a graceful shutdown (src/server.ts calls it on SIGTERM, before
     * `close()`): every response from now on, including those of requests
     * already in flight, says `Connection: close`, so keep-alive clients open
     * a new connection (to another replica) instead of reusing one this
     * process is about to close; readiness answers 503 (routes/health.ts).
     */
    startDraining(): void;
  }
}

const drainingPlugin: FastifyPluginAsync = async (app) => {
  let draining = false;
  app.decorate('draining', {
    getter: () => draining,
  });
  app.decorate('startDraining', () => {
    draining = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    // Node then ends the socket once this response is written.
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });
};

/** Draining state for a graceful shutdown; see `startDraining`. */
export const drainingState = fp(drainingPlugin, { name: 'faq-draining', fastify: '5.x' });
export default drainingState;
