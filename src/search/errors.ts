/**
 * Why a search cannot be answered, in the search module's own terms; the
 * HTTP layer (src/http/plugins/problems.ts) decides what that means to a
 * client.
 */
export type SearchErrorReason =
  /** The topic filter names no topic. */
  | 'unknown-topic'
  /** The source filter names no source. */
  | 'unknown-source'
  /** Related questions were asked for a question id that does not exist. */
  | 'unknown-question'
  /** The cursor is malformed or belongs to another search. */
  | 'invalid-cursor';

export class SearchError extends Error {
  override name = 'SearchError';
  constructor(
    readonly reason: SearchErrorReason,
    /** What was asked for: the topic slug, source id or cursor. */
    readonly value: string,
    message: string,
  ) {
    super(message);
  }
}
