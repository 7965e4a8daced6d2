import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * What the service logs about requests, through Fastify's LogController
 * (the hook Fastify itself calls when a request arrives and completes), so
 * it costs no extra hook on the hot path.
 *
 * Fastify's default, two info lines per request, costs about 45% of
 * throughput here. Instead: failures are logged by the error handler (with
 * the request id), slow requests at warn, and every request at debug only
 * when LOG_LEVEL is debug or trace.
 */
export class RequestLogController extends LogController {
  constructor(
    /** Requests slower than this (ms) are logged at warn. */
    readonly slowMs: number,
    /** Log one line per completed request (at debug). */
    readonly everyRequest: boolean,
  ) {
    super({});
    if (!(slowMs > 0)) throw new TypeError(`request log: slowMs must be a positive number, got ${JSON.stringify(slowMs)}`);
  }

  override incomingRequest(): void {
    // One line per request, when wanted, is written on completion with the status.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const ms = reply.elapsedTime;
    if (error) {
      // The response stream failed after the handler (client gone, write error).
      reply.log.warn({ err: error, method: request.method, url: request.url, statusCode: reply.statusCode }, 'response failed');
    } else if (ms > this.slowMs) {
      reply.log.warn({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(ms) }, 'slow request');
    } else if (this.everyRequest) {
      reply.log.debug({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(ms) }, 'request');
    }
  }
}

/** Requests slower than this are worth a warning: the hot route answers in well under a millisecond. */
export const SLOW_REQUEST_MS = 1000;
