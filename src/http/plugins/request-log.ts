import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface RequestLogOptions {
  /** Requests slower than this (ms) are logged at warn. */
  slowMs?: number;
  /** One line per completed request, at debug (LOG_LEVEL=debug or trace). */
  everyRequest: boolean;
}

/** Requests slower than this are worth a warning: the hot route answers in well under a millisecond. */
export const SLOW_REQUEST_MS = 1000;

/**
 * What the service logs about requests. Fastify's two info lines per request
 * are turned off (the `logController` in app.ts): at the default level
 * they would be most of the log and a large share of the CPU per request.
 * Instead failures are logged by the error handler (plugins/problems.ts),
 * slow requests here at warn, and every request at debug when asked for.
 */
const requestLogPlugin: FastifyPluginAsync<RequestLogOptions> = async (app, options) => {
  const { slowMs = SLOW_REQUEST_MS, everyRequest } = options;
  if (!(slowMs > 0))
    throw new TypeError(`request log: slowMs must be a positive number, got ${JSON.stringify(slowMs)}`);
  app.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    if (ms > slowMs || everyRequest) {
      const line = { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(ms) };
      if (ms > slowMs) request.log.warn(line, 'slow request');
      else request.log.debug(line, 'request');
    }
    done();
  });
};

/** Slow requests at warn, every request at debug when `everyRequest`. */
export default fp(requestLogPlugin, { name: 'faq-request-log', fastify: '5.x' });
