import { SourceInputError } from './errors.js';

// One decoder for every file: `fatal` makes invalid UTF-8 an error instead of
// silently turning it into U+FFFD, which would corrupt content unnoticed.
// `ignoreBOM: false` (the default) strips a leading UTF-8 BOM.
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode a source file's bytes into markdown text.
 *
 * @param bytes The file content.
 * @param path The file's path, used in error messages.
 * @returns The text, without a byte-order mark. Line endings and Unicode
 *   normalisation are left to `normalizeText` (parseFaq applies it).
 * @throws SourceInputError when the file is binary (contains NUL bytes), is
 *   not valid UTF-8, or is empty or whitespace only.
 */
export function decodeMarkdown(bytes: Uint8Array, path: string): string {
  // UTF-16 text is full of NUL bytes; saying "binary" would mislead its author.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new SourceInputError(
      path,
      'invalid-utf8',
      'UTF-16 text (byte-order mark), expected UTF-8: save the file as UTF-8',
    );
  }
  if (bytes.includes(0)) {
    throw new SourceInputError(path, 'binary', 'binary file (contains NUL bytes), expected UTF-8 markdown');
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new SourceInputError(path, 'invalid-utf8', 'not valid UTF-8 text');
  }
  // A BOM the decoder did not consume (e.g. a doubled one) is still not content.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    throw new SourceInputError(path, 'empty', 'empty file (no content besides whitespace)');
  }
  return text;
}
