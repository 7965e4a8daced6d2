import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * What an incoming X-Request-Id may look like to be reused: the characters of
 * UUIDs, ULIDs and trace ids, bounded in length. Anything else (newlines, JSON,
 * a megabyte of text) would be copied into every log line of the request, so it
 * is replaced by a fresh id instead.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fresh ids are this process's random prefix plus a counter (`3f9a0c1b2d4e-17`):
 * unique across replicas and restarts without a UUID per request, which cost
 * more CPU than the rest of the id handling together. Ids only correlate log
 * lines; they are not secrets, so being sequential is fine.
 */
export function createRequestIdGenerator(prefix = randomBytes(6).toString('hex')): () => string {
  if (!SANE_REQUEST_ID.test(`${prefix}-0`))
    throw new TypeError(
      `request id: prefix must be letters, digits, '.', '_', ':' or '-', got ${JSON.stringify(prefix)}`,
    );
  const head = `${prefix}-`;
  let counter = 0;
  return () => {
    counter += 1;
    return head + counter;
  };
}

const nextId = createRequestIdGenerator();

/** The request id for `header` (the incoming X-Request-Id, if any): reused when sane, else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined, fresh: () => string = nextId): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : fresh();
}

const requestIdPlugin: FastifyPluginAsync = async (app) => {
  // Fastify logs `reqId` on every request's log lines; a caller (or a proxy in
  // front) that sends X-Request-Id can then find its request in our logs.
  app.setGenReqId((req) => requestIdFrom(req.headers['x-request-id']));
  // Set on arrival so error and early (429/503) answers carry it too.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
};

/** Request ids: honour a sane incoming X-Request-Id, otherwise a fresh one; echoed in the X-Request-Id response header. */
export const requestId = fp(requestIdPlugin, { name: 'faq-request-id', fastify: '5.x' });
export default requestId;
