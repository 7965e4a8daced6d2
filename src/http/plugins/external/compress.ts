import compress from '@fastify/compress';
import type { FastifyPluginAsync, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { encodedEtag } from '../../conditional.js';
import { BROTLI_OPTIONS, COMPRESSION_THRESHOLD, ENCODINGS } from '../../encoding.js';
import { addVary } from '../../negotiate.js';

/**
 * Runs after @fastify/compress on each route. A compressed body is a
 * different sequence of bytes than the identity one, so it must not carry
 * the same strong ETag (RFC 9110 §8.8.3): the coding is appended, as
 * GET /v1/questions/{id} does for its cached bodies, and `notModified`
 * (representation.ts) accepts that tag back. A body large enough to be
 * compressed for other clients varies on Accept-Encoding even when sent as
 * is, so shared caches keep the codings apart.
 */
const afterCompression: onSendHookHandler = (_request, reply, payload, done) => {
  const coding = reply.getHeader('content-encoding');
  if (typeof coding === 'string' && coding !== 'identity') {
    const etag = reply.getHeader('etag');
    if (typeof etag === 'string' && !etag.startsWith('W/')) reply.header('etag', encodedEtag(etag, coding));
  } else if (
    (typeof payload === 'string' || Buffer.isBuffer(payload)) &&
    Buffer.byteLength(payload) >= COMPRESSION_THRESHOLD
  ) {
    addVary(reply, 'Accept-Encoding');
  }
  done(null, payload);
};

/**
 * Response compression with @fastify/compress
 * (https://github.com/fastify/fastify-compress): gzip, brotli or deflate for
 * compressible bodies of at least 1 KiB, with the codings, preference order
 * and brotli level the question cache uses (encoding.ts). A route that
 * serves bodies it compressed itself sets `compress: false`. Request bodies
 * are never decompressed: no route reads one.
 */
const compressionPlugin: FastifyPluginAsync = async (app) => {
  await app.register(compress, {
    encodings: [...ENCODINGS],
    threshold: COMPRESSION_THRESHOLD,
    brotliOptions: BROTLI_OPTIONS,
    globalDecompression: false,
  });
  // Registered after @fastify/compress's own onRoute hook, so on each route
  // this onSend runs after its compression.
  app.addHook('onRoute', (route) => {
    if ((route as { compress?: unknown }).compress === false) return;
    const existing = route.onSend;
    route.onSend = existing === undefined ? [afterCompression] : [existing, afterCompression].flat();
  });
};

export default fp(compressionPlugin, { name: 'faq-compression', fastify: '5.x' });
