/**
 * Content codings for bodies the service caches (RFC 9110 §12.5.3): pick one
 * from Accept-Encoding, and compress a body once per coding.
 */
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { boundedMemo, highest, weightedList } from './negotiate.js';

/** Codings we produce, preferred first: gzip is cheap to decode and every client that sends `br` accepts it too. */
export const ENCODINGS = ['gzip', 'br', 'deflate'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Smallest body (bytes) worth compressing; below ~1 KiB the headers cost more than they save. */
export const COMPRESSION_THRESHOLD = 1024;

// Clients send a handful of distinct Accept-Encoding headers (see boundedMemo).
const remembered = boundedMemo<Encoding | null>();

/**
 * The coding to answer with.
 * @param header the request's Accept-Encoding; absent means identity.
 * @returns the acceptable coding with the highest q (ties: our order), or
 *   undefined for identity. `*` stands for any coding not listed.
 */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (header === undefined || header === '' || header === 'identity') return undefined;
  const chosen = remembered(header, () => {
    const weights = new Map(weightedList(header).map(({ value, q }) => [value === 'x-gzip' ? 'gzip' : value, q]));
    const any = weights.get('*');
    return highest(ENCODINGS, (coding) => weights.get(coding) ?? any ?? 0);
  });
  return chosen ?? undefined;
}

/**
 * Brotli at quality 4 for everything the service compresses (this cache and
 * @fastify/compress, external/compress.ts): on bodies of a few KB it is
 * within ~10 % of quality 11's size at a small fraction of its CPU and
 * scratch memory (quality 11 took ~4 ms per 1.6 KB question). gzip and
 * deflate stay at zlib's default level.
 */
export const BROTLI_OPTIONS = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};

/** `body` compressed with `coding`, for the response cache. */
export function encode(body: string | Buffer, coding: Encoding): Buffer {
  return unpooled(compress(body, coding));
}

/** `text` as UTF-8 bytes in memory of their own (see unpooled), to be cached and sent as is. */
export function utf8Bytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text, 'utf8');
  return bytes;
}

/**
 * `bytes` in memory of its own. Small buffers share 8 KB slabs of Node's
 * pool, and a cached one would keep its whole slab alive after its
 * neighbours are gone: up to 8 KB per body instead of ~0.7 KB.
 */
function unpooled(bytes: Buffer): Buffer {
  const own = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(own);
  return own;
}

function compress(body: string | Buffer, coding: Encoding): Buffer {
  switch (coding) {
    case 'gzip':
      return gzipSync(body);
    case 'br':
      return brotliCompressSync(body, BROTLI_OPTIONS);
    case 'deflate':
      return deflateSync(body);
  }
}
