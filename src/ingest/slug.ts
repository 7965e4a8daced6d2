/**
 * Slugs: URL-safe, lower-case identifiers derived from heading text and file
 * paths. The same heading text in any document gives the same slug, which is
 * what makes '## Kubernetes' in two course files one topic.
 */

/** `{#custom-id}` / `{#id .class}` attribute blocks some generators append to headings. */
const HEADING_ATTRIBUTES = /\s*\{#[^}]*\}\s*$/u;
/** The optional closing sequence of an ATX heading ('## Title ##'). */
const CLOSING_HASHES = /\s+#+\s*$/u;

/**
 * Remove heading decorations that are not part of the visible title:
 * a trailing `{#anchor}` attribute block and a closing `###` sequence.
 *
 * @param text Heading text (plain or markdown).
 * @returns The text without decorations, trimmed.
 */
export function stripHeadingDecorations(text: string): string {
  let out = text.trim();
  // Order matters for '## Title ## {#id}' as well as '## Title {#id}'.
  out = out.replace(HEADING_ATTRIBUTES, '');
  out = out.replace(CLOSING_HASHES, '');
  return out.trim();
}

/**
 * Slug of a heading: lower-case; Unicode letters and digits (Hangul, kana,
 * CJK included) kept; every other run of characters becomes one '-'.
 *
 * `## Docker` → 'docker', `### Docker Summary` → 'docker-summary'.
 *
 * @param text Heading text.
 * @returns The slug; '' when the text holds no letter or digit.
 */
export function slugify(text: string): string {
  return (
    stripHeadingDecorations(text)
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
      // Combining marks only count after a letter or digit: an emoji's
      // variation selector ('⚙️ Setup') must not survive as the slug's start.
      .replace(/(^|-)\p{M}+/gu, '$1')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '')
  );
}

/**
 * Source id of a document: its path without extension, lower-cased, with
 * letters, digits, '_' and '-' kept and everything else (including '/')
 * turned into '-'. 'mspt3_24-2-scp.md' → 'mspt3_24-2-scp'.
 *
 * @param path Path relative to the seeds folder, '/' separated.
 * @returns The source id.
 */
export function sourceIdFromPath(path: string): string {
  const withoutExt = path.replace(/\\/g, '/').replace(/\.[^./]*$/u, '');
  const id = withoutExt
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}_-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'source' : id;
}
