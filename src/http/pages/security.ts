/**
 * The Content-Security-Policy of the HTML pages (helmet sends their other
 * headers). The JSON API's policy forbids everything (default-src 'none'); a
 * page needs its own stylesheet and script, its JSON-LD block (allowed by
 * hash, never 'unsafe-inline'), images in answers, /v1/suggest for
 * as-you-type suggestions, and a form that submits to us. Only
 * /embed/search may be framed, by the configured origins.
 */
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
