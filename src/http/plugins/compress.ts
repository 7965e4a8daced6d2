import compress from '@fastify/compress';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface CompressionOptions {
  /** Smallest body (bytes) worth compressing; below ~1 KiB the headers cost more than they save. */
  threshold?: number;
}

const compressionPlugin: FastifyPluginAsync<CompressionOptions> = async (app, options) => {
  const { threshold = 1024 } = options;
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 0) {
    throw new TypeError(`compression: threshold must be a non-negative integer, got ${JSON.stringify(threshold)}`);
  }
  await app.register(compress, {
    global: true,
    threshold,
    // gzip first: brotli (even at the plugin's quality 4) costs more CPU per
    // response and clients that send `br` also accept gzip.
    encodings: ['gzip', 'br', 'deflate'],
    // The API is read-only and never accepts bodies, so there is nothing to
    // inflate; leaving request decompression on would only widen the surface.
    globalDecompression: false,
  });
};

/** Response compression (@fastify/compress) for bodies over the threshold, negotiated by Accept-Encoding. */
export const compression = fp(compressionPlugin, { name: 'faq-compression', fastify: '5.x' });
export default compression;
