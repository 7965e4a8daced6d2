import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { encodedEtag, ifNoneMatchHits } from './conditional.js';
import { chooseEncoding } from './encoding.js';
import { negotiate } from './negotiate.js';
import { nextLink } from './pagination.js';

/**
 * The HTTP side of sending a representation: content negotiation, caching
 * headers, conditional requests and the pagination Link header. Routes call
 * these so every resource behaves the same way.
 */

/**
 * Content is fixed between deploys; a minute of freshness keeps polls cheap,
 * and after that the ETag makes revalidation a 304.
 */
export const CACHE_CONTROL = 'public, max-age=60';

export const JSON_TYPE = 'application/json';
export const MARKDOWN_TYPE = 'text/markdown';
export const TEXT_TYPE = 'text/plain';

/** Append `value` (one header name, or several comma-separated) to Vary, keeping what CORS (Origin) may have set. */
export function addVary(reply: FastifyReply, value: string): void {
  const current = reply.getHeader('vary');
  if (current === undefined || current === '') {
    reply.header('vary', value);
    return;
  }
  const list = String(current)
    .split(',')
    .map((v) => v.trim().toLowerCase());
  if (list.includes('*')) return;
  const missing = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => !list.includes(v.toLowerCase()));
  if (missing.length > 0) reply.header('vary', `${String(current)}, ${missing.join(', ')}`);
}

/**
 * The media type to answer with, from `offers` (preferred first); 406 problem
 * when the client accepts none of them. Sets Vary: Accept when there is a
 * choice, or `vary` when given (a route that also negotiates the encoding).
 */
export function chooseType<T extends string>(
  request: FastifyRequest,
  reply: FastifyReply,
  offers: readonly T[],
  vary?: string,
): T {
  if (vary !== undefined) addVary(reply, vary);
  else if (offers.length > 1) addVary(reply, 'Accept');
  // raw.headers: once the header schema has validated, request.headers is a
  // getter that copies every header on each read; the values are the same.
  const accept = request.raw.headers.accept;
  const chosen = negotiate(accept, offers) as T | undefined;
  if (chosen === undefined) {
    throw new ApiError(
      'FAQ_ERR_NOT_ACCEPTABLE',
      `This resource is available as ${offers.join(' or ')}; the request accepts "${accept ?? ''}".`,
      [{ in: 'headers', pointer: '/accept', message: `must accept one of ${offers.join(', ')}` }],
    );
  }
  return chosen;
}

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

/** Link: <…>; rel="next" when there is a next page. */
export function setNextLink(request: FastifyRequest, reply: FastifyReply, nextCursor: string | null): void {
  if (nextCursor !== null) reply.header('link', nextLink(request.url, nextCursor));
}

/** A media type with the charset every text response uses. */
export function withCharset(type: string): string {
  return `${type}; charset=utf-8`;
}
