import { createHash } from 'node:crypto';

/**
 * Conditional GET helpers. ETags come from hashes computed at seed time, so
 * answering If-None-Match costs a string comparison, never a body hash.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding } from './encoding.js';

/**
 * A strong ETag for one representation of content with `hash`.
 * The variant keeps JSON and markdown of the same question apart; the
 * version changes when the representation's shape changes across releases.
 */
export function etagFor(hash: string, variant: string): string {
  return `"${hash.slice(0, 32)}-${variant}-${REPRESENTATION_VERSION}"`;
}

/**
 * A strong ETag for the answer to a query over the data `datasetHash`
 * names: `query` holds what decides the answer (the normalised text, the
 * filters, the page), so equal queries on equal data share a validator and
 * a re-seed changes every one of them.
 */
export function queryEtag(datasetHash: string, variant: string, query: readonly unknown[]): string {
  const digest = createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 22);
  return etagFor(datasetHash, `${variant}-${digest}`);
}

/**
 * The ETag of `etag`'s representation sent with content coding `coding`
 * (`"…-json-r1"` → `"…-json-r1-gzip"`): a gzip body is a different sequence
 * of bytes, so a strong validator must differ from the identity body's
 * (RFC 9110 §8.8.3), and a range or cache keyed on it must not mix them.
 */
export function encodedEtag(etag: string, coding: string): string {
  return `${etag.slice(0, -1)}-${coding}"`;
}

/** Bump when a response shape changes for the same content, so caches refetch. */
export const REPRESENTATION_VERSION = 'r1';

/**
 * Does `If-None-Match` match `etag`? Weak comparison (RFC 9110 §13.1.2), as
 * required for If-None-Match: a W/ prefix on either side is ignored.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined || header === '') return false;
  if (header.trim() === '*') return true;
  const bare = etag.startsWith('W/') ? etag.slice(2) : etag;
  for (const candidate of header.split(',')) {
    const trimmed = candidate.trim();
    if ((trimmed.startsWith('W/') ? trimmed.slice(2) : trimmed) === bare) return true;
  }
  return false;
}

/**
 * Content is fixed between deploys; a minute of freshness keeps polls cheap,
 * and after that the ETag makes revalidation a 304.
 */
export const CACHE_CONTROL = 'public, max-age=60';

/**
 * Set ETag and Cache-Control; when If-None-Match matches, answer 304 and
 * return true so the handler stops before building a body. A body the
 * compression plugin encodes goes out with the coding appended to its ETag
 * (external/compress.ts), so that tag, for the coding this request would
 * get, matches too, and the 304 carries it.
 */
export function notModified(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  cacheControl = CACHE_CONTROL,
): boolean {
  reply.header('etag', etag);
  reply.header('cache-control', cacheControl);
  const header = request.raw.headers['if-none-match'];
  if (header === undefined) return false;
  let matched: string | undefined = ifNoneMatchHits(header, etag) ? etag : undefined;
  if (matched === undefined) {
    const coding = chooseEncoding(request.raw.headers['accept-encoding']);
    const encoded = coding === undefined ? undefined : encodedEtag(etag, coding);
    if (encoded === undefined || !ifNoneMatchHits(header, encoded)) return false;
    matched = encoded;
  }
  reply.header('etag', matched).code(304).send();
  return true;
}
