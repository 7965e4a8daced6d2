import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * What an incoming X-Request-Id may look like to be reused: the characters of
 * UUIDs, ULIDs and trace ids, bounded in length. Anything else (newlines, JSON,
 * a megabyte of text) would be copied into every log line of the request, so it
 * is replaced by a fresh id instead.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id for `header` (the incoming X-Request-Id, if any): reused when sane, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

const requestIdPlugin: FastifyPluginAsync = async (app) => {
  // Fastify logs `reqId` on every request's log lines; a caller (or a proxy in
  // front) that sends X-Request-Id can then find its request in our logs.
  app.setGenReqId((req) => requestIdFrom(req.headers['x-request-id']));
  // Set on arrival so error and early (429/503) answers carry it too; a
  // callback hook is the cheapest kind on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
};

/** Request ids: honour a sane incoming X-Request-Id, otherwise a UUID; echoed in the X-Request-Id response header. */
export const requestId = fp(requestIdPlugin, { name: 'faq-request-id', fastify: '5.x' });
export default requestId;
