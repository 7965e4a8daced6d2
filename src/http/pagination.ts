import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

/**
 * Opaque cursors: base64url of the last item's sort key. Clients must not
 * build them, so the encoding can change without breaking anyone; keyset
 * pagination (WHERE key > cursor) never skips or repeats an item.
 */

const PREFIX = 'v1:';

/** Encode the sort key of the last item on a page. */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(PREFIX + JSON.stringify(parts), 'utf8').toString('base64url');
}

function invalid(): ApiError {
  return new ApiError('FAQ_ERR_INVALID_CURSOR', 'The cursor is not one this service issued; start again without it.', [
    { in: 'querystring', pointer: '/cursor', message: 'not a valid cursor' },
  ]);
}

/** Decode a cursor into its parts; anything tampered with is a 400, not a 500. */
function decodeAny(cursor: string): unknown[] {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) throw invalid();
  try {
    const parts: unknown = JSON.parse(text.slice(PREFIX.length));
    if (!Array.isArray(parts)) throw invalid();
    return parts;
  } catch {
    throw invalid();
  }
}

/** A cursor of `length` parts of any type, for the caller to check (a 400 when the count differs). */
export function decodeParts(cursor: string, length: number): unknown[] {
  const parts = decodeAny(cursor);
  if (parts.length !== length) throw invalid();
  return parts;
}

/** A cursor whose parts are non-negative integers (e.g. `[seq]` or `[seq, position]`). */
export function decodeIntCursor(cursor: string, length: number): number[] {
  const parts = decodeAny(cursor);
  if (parts.length !== length || !parts.every((p) => Number.isSafeInteger(p) && (p as number) >= 0)) throw invalid();
  return parts as number[];
}

/** A cursor whose parts are strings (e.g. `[deletedAt, id]`). */
export function decodeStringCursor(cursor: string, length: number): string[] {
  const parts = decodeAny(cursor);
  if (parts.length !== length || !parts.every((p) => typeof p === 'string')) throw invalid();
  return parts as string[];
}

/**
 * The request URL with `cursor` replaced, for the `Link: <…>; rel="next"` header.
 * Relative to the host, which RFC 8288 allows and proxies keep correct.
 */
export function nextLink(url: string, cursor: string): string {
  const parsed = new URL(url, 'http://placeholder');
  parsed.searchParams.set('cursor', cursor);
  return `<${parsed.pathname}${parsed.search}>; rel="next"`;
}

/**
 * One page of a keyset-paged list. `rows` were fetched with `limit + 1`: a
 * row beyond the page means another page exists, and its cursor is the sort
 * key (`keyOf`) of the page's last item.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  keyOf: (last: T) => readonly (string | number)[],
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** Link: <…>; rel="next" when there is a next page. */
export function setNextLink(request: FastifyRequest, reply: FastifyReply, nextCursor: string | null): void {
  if (nextCursor !== null) reply.header('link', nextLink(request.url, nextCursor));
}
