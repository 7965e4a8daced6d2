/**
 * Which URLs the structured fields (`links[].url`, `images[].url`, topic
 * images) may carry: http, https, mailto and relative ones. A client that
 * renders `links` as anchors or `images` as `<img>` must not be handed
 * `javascript:` or `data:text/html`; the sanitised `html` already drops them
 * (rehype-sanitize), the structured fields drop them here, with a warning.
 */
import type { FaqDocument, FaqImage, FaqLink, ParseWarning } from './model.js';

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Whether a URL is http(s), mailto or relative. Read as a browser reads an
 * href: leading and trailing C0 controls and spaces stripped, tabs and line
 * breaks removed, the scheme case-insensitive; a ':' before any '/', '?' or
 * '#' makes a scheme.
 *
 * @param url The URL as parsed from markdown or an HTML attribute (entities decoded).
 */
export function isSafeUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/gu, '').replace(/[\t\n\r]/gu, '');
  const scheme = /^([^:/?#]*):/u.exec(cleaned);
  if (!scheme) return true;
  return SAFE_SCHEMES.has(scheme[1]!.toLowerCase());
}

function unsafeWarning(path: string, kind: string, url: string, line: number): ParseWarning {
  const shown = url.length > 60 ? `${url.slice(0, 57)}…` : url;
  return {
    file: path,
    line,
    code: 'FAQ_WARN_UNSAFE_URL',
    message: `${kind} URL ${JSON.stringify(shown)} dropped: only http, https, mailto and relative URLs are kept`,
  };
}

function keepSafe<T extends FaqLink | FaqImage>(items: T[], kind: string, path: string, warnings: ParseWarning[]): T[] {
  return items.filter((item) => {
    if (isSafeUrl(item.url)) return true;
    warnings.push(unsafeWarning(path, kind, item.url, item.line));
    return false;
  });
}

/**
 * Drop the links and images whose URL is not safe from a document's
 * questions and topic images, in place.
 *
 * @returns One FAQ_WARN_UNSAFE_URL warning per URL dropped, with its line.
 */
export function dropUnsafeUrls(doc: Pick<FaqDocument, 'path' | 'questions' | 'topicImages'>): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  for (const question of doc.questions) {
    question.links = keepSafe(question.links, 'link', doc.path, warnings);
    question.images = keepSafe(question.images, 'image', doc.path, warnings);
  }
  const topicImages = keepSafe(doc.topicImages, 'image', doc.path, warnings);
  doc.topicImages.splice(0, doc.topicImages.length, ...topicImages);
  return warnings;
}
