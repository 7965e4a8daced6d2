/**
 * Text normalisation applied before anything else looks at a document, so
 * that ids, hashes and line numbers do not depend on how a file was saved.
 */

/**
 * Normalise a document's text: drop a leading byte-order mark, turn CRLF and
 * lone CR line endings into LF, and compose Unicode to NFC (macOS tools often
 * write decomposed Hangul, which would otherwise hash and search differently).
 *
 * Line numbers are preserved: CRLF and CR each count as one line ending in
 * CommonMark, and each becomes exactly one LF here.
 *
 * @param text Raw decoded text.
 * @returns The normalised text.
 */
export function normalizeText(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.replace(/\r\n?/g, '\n').normalize('NFC');
}

/**
 * Collapse runs of whitespace to one space and trim: the form of a question's
 * plain text that its id is derived from, so re-wrapping a line keeps the id.
 *
 * @param text Plain text.
 * @returns Whitespace-collapsed, trimmed text.
 */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
