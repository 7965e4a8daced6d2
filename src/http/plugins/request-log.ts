import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface RequestLogOptions {
  /** Requests slower than this (ms) are logged at warn. */
  slowMs?: number;
}

/**
 * Fastify's per-request info logs (two lines a request) cost about 45% of
 * throughput here, so the app disables them and logs what an operator acts
 * on instead: slow requests at warn and (in the error handler) failures at
 * error. LOG_LEVEL=debug brings back one line per request.
 */
const requestLogPlugin: FastifyPluginAsync<RequestLogOptions> = async (app, options) => {
  const { slowMs = 1000 } = options;
  if (typeof slowMs !== 'number' || !(slowMs > 0)) {
    throw new TypeError(`request log: slowMs must be a positive number, got ${JSON.stringify(slowMs)}`);
  }
  // Only debug and trace ask for a line per request.
  const debug = app.log.level === 'debug' || app.log.level === 'trace';
  app.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    if (ms > slowMs) {
      request.log.warn({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(ms) }, 'slow request');
    } else if (debug) {
      request.log.debug({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(ms) }, 'request');
    }
    done();
  });
};

/** Slow-request (warn) and, at debug level, per-request logging, without the cost of Fastify's defaults. */
export const requestLog = fp(requestLogPlugin, { name: 'faq-request-log', fastify: '5.x' });
export default requestLog;
