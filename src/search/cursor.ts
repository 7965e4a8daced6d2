/**
 * Opaque search cursors. Search results are ranked, not ordered by a key, so
 * a cursor is a position in the ranking of one query; the database is
 * read-only while served, so the ranking does not shift between pages. The
 * cursor carries a fingerprint of the query and filters, so it cannot be
 * replayed against a different search.
 */

/** A position in the ranking: `offset` into one query's ranked list (`tier` is always 0 now that ranking is one list; kept so the cursor format stays the same). */
export interface SearchCursor {
  tier: number;
  offset: number;
}

/** FNV-1a, 32 bits: a fingerprint, not a security measure. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Encode a cursor for the search fingerprinted as `print`. */
export function encodeCursor(cursor: SearchCursor, print: string): string {
  return Buffer.from(`${cursor.tier}.${cursor.offset}.${print}`, 'utf8').toString('base64url');
}

/**
 * Decode a cursor; undefined when it is malformed or belongs to another search.
 */
export function decodeCursor(value: string, print: string): SearchCursor | undefined {
  const match = /^(\d)\.(\d{1,9})\.([0-9a-z]{1,8})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match || match[3] !== print) return undefined;
  return { tier: Number(match[1]), offset: Number(match[2]) };
}
