/**
 * Sending a page like the API sends a question: an ETag from what the page
 * depends on (never a body hash), bodies compressed once per coding and kept
 * with the page, each coding with its own ETag (a gzip body is a different
 * representation, RFC 9110 §8.8.3).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LruCache } from '../cache.js';
import { CACHE_CONTROL, encodedEtag, etagFor, notModified } from '../conditional.js';
import { chooseEncoding, encode, type Encoding, utf8Bytes } from '../encoding.js';
import { addVary } from '../negotiate.js';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/** Bytes to send, and the same bytes compressed per coding on first request. */
export interface CachedBody {
  body: Buffer;
  encoded(coding: Encoding): Buffer;
}

/** Keep `body` and compress it lazily, once per coding. */
export function cachedBody(body: Buffer): CachedBody {
  const encodings: Partial<Record<Encoding, Buffer>> = {};
  return { body, encoded: (coding) => (encodings[coding] ??= encode(body, coding)) };
}

/** What a view hands over: the document and the Content-Security-Policy it needs. */
export interface PageSource {
  html: string;
  csp: string;
}

/** A rendered page: its bytes (compressed on demand) and its CSP. */
export interface RenderedPage extends CachedBody {
  csp: string;
}

export function renderedPage(source: PageSource): RenderedPage {
  return { ...cachedBody(utf8Bytes(source.html)), csp: source.csp };
}

/** The ETag of a page, from everything its HTML depends on. */
export function pageEtag(parts: readonly string[]): string {
  return etagFor(createHash('sha1').update(parts.join('\0')).digest('hex'), 'html');
}

/** Rendered pages kept per key; the database never changes under a running process. */
export class PageCache {
  readonly #pages: LruCache<RenderedPage>;
  constructor(max: number) {
    this.#pages = new LruCache(max);
  }
  /** The page for `key`, rendered by `render` on a miss. */
  get(key: string, render: () => PageSource): RenderedPage {
    let page = this.#pages.get(key);
    if (page === undefined) {
      page = renderedPage(render());
      this.#pages.set(key, page);
    }
    return page;
  }
}

/**
 * Answer with `cached` as `contentType`, or 304 when the client holds
 * `etag`'s version. These bodies are always worth compressing, so every
 * coding the client accepts is used.
 */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  cached: CachedBody,
  contentType: string,
  cacheControl = CACHE_CONTROL,
): void {
  addVary(reply, 'Accept-Encoding');
  const coding = chooseEncoding(request.raw.headers['accept-encoding']);
  if (notModified(request, reply, coding === undefined ? etag : encodedEtag(etag, coding), cacheControl)) return;
  reply.header('content-type', contentType);
  if (coding === undefined) reply.send(cached.body);
  else reply.header('content-encoding', coding).send(cached.encoded(coding));
}

/**
 * Answer with a page (or 304). The CSP goes with the 304 too: a cache
 * updates the stored headers from it, and the API's default-src 'none'
 * would otherwise replace the page's.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, etag: string, page: RenderedPage): void {
  reply.header('content-security-policy', page.csp);
  sendCached(request, reply, etag, page, HTML_CONTENT_TYPE);
}
