/**
 * Security headers of the HTML pages. The JSON API's policy forbids
 * everything (default-src 'none'); a page needs its own stylesheet and
 * script, its JSON-LD block (allowed by hash, never 'unsafe-inline'), images
 * in answers, /v1/suggest for as-you-type suggestions, and a form that
 * submits to us. Only /embed/search may be framed, by the configured origins.
 */
import type { FastifyReply } from 'fastify';

export interface PageSecurity {
  /** `'sha256-…'` sources of inline data blocks (JSON-LD) on the page. */
  scriptHashes?: readonly string[];
  /** The page is the embeddable search (may be framed by `embedOrigins`). */
  embed?: boolean;
}

/**
 * frame-ancestors for the embeddable page: our own origin, plus the
 * configured LMS origins (`'*'`: any https or http site).
 */
export function embedFrameAncestors(embedOrigins: '*' | readonly string[]): string {
  if (embedOrigins === '*') return "'self' https: http:";
  return ["'self'", ...embedOrigins].join(' ');
}

/** The Content-Security-Policy of one page. */
export function pageCsp(options: PageSecurity & { frameAncestors: string }): string {
  const scripts = ["'self'", ...(options.scriptHashes ?? [])].join(' ');
  return [
    "default-src 'none'",
    `script-src ${scripts}`,
    "style-src 'self'",
    // Answers may show images from anywhere (authors link them); never scripts.
    "img-src 'self' https: data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${options.frameAncestors}`,
  ].join('; ');
}

/**
 * Set a page's headers besides its CSP (which goes with the rendered page,
 * see send.ts), replacing the app-wide API headers where both speak. The
 * embed page gives up Cross-Origin-Resource-Policy same-origin, which would
 * stop an LMS page that isolates itself (COEP) from showing it.
 */
export function setPageHeaders(reply: FastifyReply, embed: boolean): void {
  reply
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    .header('x-content-type-options', 'nosniff')
    .header('cross-origin-opener-policy', embed ? 'unsafe-none' : 'same-origin')
    .header('cross-origin-resource-policy', embed ? 'cross-origin' : 'same-origin');
}
