import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors.js';

/**
 * HTTP/1.1 requires a Host header (RFC 9112 §3.2: answer 400 without one).
 * Node checks it itself but answers with an empty 400, before any hook runs,
 * so `buildApp` turns Node's check off (`http.requireHostHeader: false`) and
 * this hook answers the same 400 as a problem like every other 4xx.
 * HTTP/1.0 requests may omit Host; HTTP/2 carries `:authority` instead.
 */
const hostHeaderPlugin: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', (request, _reply, done) => {
    const { raw } = request;
    if (raw.headers.host !== undefined || raw.httpVersionMajor !== 1 || raw.httpVersionMinor === 0) return done();
    done(new ApiError('FAQ_ERR_BAD_REQUEST', 'An HTTP/1.1 request must carry a Host header.'));
  });
};

/** A 400 problem for HTTP/1.1 requests without Host. */
export const hostHeader = fp(hostHeaderPlugin, { name: 'faq-host-header', fastify: '5.x' });
export default hostHeader;
