import { pipeline, type Readable, type Transform } from 'node:stream';
import {
  brotliCompressSync,
  constants,
  createBrotliCompress,
  createDeflate,
  createGzip,
  deflateSync,
  gzipSync,
} from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { chooseEncoding, COMPRESSION_THRESHOLD, type Encoding } from '../encoding.js';
import { addVary } from '../representation.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `false`: this route compresses (or not) by itself, so the plugin adds
     * no hook to it (GET /v1/questions/{id} serves bodies compressed once).
     */
    compress?: false;
  }
}

export interface CompressionOptions {
  /** Smallest body (bytes) worth compressing; below ~1 KiB the headers cost more than they save. */
  threshold?: number;
}

/** Media types worth compressing: text, JSON and XML (incl. problem+json), JavaScript, SVG. */
const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)|application\/(?:[\w.-]+\+)?(?:json|xml)\b|application\/(?:javascript|ecmascript|x-javascript)\b|image\/svg\+xml\b)/i;

// Bodies compressed per response: levels that trade a little size for much
// less CPU (brotli 4, as @fastify/compress used; gzip and deflate at zlib's default).
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

function compressSync(body: string | Buffer, coding: Encoding): Buffer {
  switch (coding) {
    case 'gzip':
      return gzipSync(body);
    case 'br':
      return brotliCompressSync(body, BROTLI_OPTIONS);
    case 'deflate':
      return deflateSync(body);
  }
}

function compressStream(coding: Encoding): Transform {
  switch (coding) {
    case 'gzip':
      return createGzip();
    case 'br':
      return createBrotliCompress(BROTLI_OPTIONS);
    case 'deflate':
      return createDeflate();
  }
}

function isStream(payload: unknown): payload is Readable {
  return typeof payload === 'object' && payload !== null && typeof (payload as Readable).pipe === 'function';
}

/**
 * The onSend hook: compress a compressible body of at least `threshold`
 * bytes with the best coding the client accepts. Strings and buffers are
 * compressed at once (with an exact Content-Length), streams (the /docs
 * assets) on the fly. Such a response varies on Accept-Encoding whether or
 * not this client asked for compression, so caches keep the codings apart.
 */
function compressor(threshold: number): onSendHookHandler {
  return (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: Error | null, payload?: unknown) => void,
  ) => {
    const status = reply.statusCode;
    if (
      payload === null ||
      payload === undefined ||
      status === 204 ||
      status === 206 ||
      status === 304 ||
      reply.hasHeader('content-encoding')
    ) {
      return done(null, payload);
    }
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !COMPRESSIBLE.test(type)) return done(null, payload);
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      if (Buffer.byteLength(payload) < threshold) return done(null, payload);
      addVary(reply, 'Accept-Encoding');
      const coding = chooseEncoding(request.raw.headers['accept-encoding']);
      if (coding === undefined) return done(null, payload);
      let compressed: Buffer;
      try {
        compressed = compressSync(payload, coding);
      } catch (error) {
        return done(error as Error);
      }
      reply.header('content-encoding', coding).header('content-length', compressed.length);
      return done(null, compressed);
    }
    if (!isStream(payload)) return done(null, payload);
    const length = Number(reply.getHeader('content-length'));
    if (Number.isFinite(length) && length < threshold) return done(null, payload);
    addVary(reply, 'Accept-Encoding');
    const coding = chooseEncoding(request.raw.headers['accept-encoding']);
    if (coding === undefined) return done(null, payload);
    reply.removeHeader('content-length');
    reply.header('content-encoding', coding);
    const encoder = compressStream(coding);
    pipeline(payload, encoder, (error: NodeJS.ErrnoException | null) => {
      // A client that hangs up mid-download is not an error of ours.
      if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE')
        reply.log.warn({ err: error }, 'compressing a response failed');
    });
    return done(null, encoder);
  };
}

const compressionPlugin: FastifyPluginAsync<CompressionOptions> = async (app, options) => {
  const { threshold = COMPRESSION_THRESHOLD } = options;
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 0) {
    throw new TypeError(`compression: threshold must be a non-negative integer, got ${JSON.stringify(threshold)}`);
  }
  const onSend = compressor(threshold);
  // Per route (routes declared after this plugin), not global: a route that
  // compresses by itself (config.compress === false) pays no hook at all.
  // The API is read-only and never accepts bodies, so there is no request
  // decompression either.
  app.addHook('onRoute', (route) => {
    if (route.config?.compress === false) return;
    const existing = route.onSend;
    route.onSend =
      existing === undefined ? [onSend] : Array.isArray(existing) ? [...existing, onSend] : [existing, onSend];
  });
};

/** Response compression (gzip, brotli, deflate) for compressible bodies over the threshold, negotiated by Accept-Encoding. */
export const compression = fp(compressionPlugin, { name: 'faq-compression', fastify: '5.x' });
export default compression;
