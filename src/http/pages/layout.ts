import { html, type Html } from './html.js';
import type { JsonLdBlock } from './json-ld.js';
import type { PageAssets } from './assets.js';
import { clipTitle } from './views/parts.js';

/** Everything the page shell needs besides the body. */
export interface PageShell {
  /** The page's own title; the site name is appended. */
  title: string;
  /** One or two sentences for search results and link previews. */
  description: string;
  /** Absolute URL of this page (canonical, og:url). */
  url: string;
  assets: PageAssets;
  jsonLd?: JsonLdBlock | undefined;
  /** Open Graph type: `article` for a question or topic, `website` otherwise. */
  ogType?: 'website' | 'article';
  /** Search results and error pages are not worth indexing. */
  noindex?: boolean;
  /** The search box in the header (pages that show one in the body leave it out). */
  headerSearch?: Html | false;
  /** The embeddable search: no header or footer. */
  embed?: boolean;
}

export const SITE_NAME = 'FAQ';

/** A whole HTML document around `body`. */
export function layout(shell: PageShell, body: Html): Html {
  const title = shell.title === SITE_NAME ? SITE_NAME : `${shell.title} · ${SITE_NAME}`;
  const description = clipTitle(shell.description, 200);
  const header = shell.embed
    ? ''
    : html`<header class="site-header">
        <a class="brand" href="/">${SITE_NAME}</a>
        ${shell.headerSearch || ''}
      </header>`;
  const footer = shell.embed
    ? ''
    : html`<footer class="site-footer">
        <p>이 내용은 <a href="/docs">FAQ API</a>에서도 JSON으로 제공됩니다.</p>
      </footer>`;
  return html`<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${description}">
${shell.noindex ? html`<meta name="robots" content="noindex" />` : ''}
<link rel="canonical" href="${shell.url}">
<meta property="og:type" content="${shell.ogType ?? 'website'}">
<meta property="og:site_name" content="${SITE_NAME}">
<meta property="og:title" content="${shell.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${shell.url}">
<meta property="og:locale" content="ko_KR">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${shell.assets.css.url}">
<script src="${shell.assets.js.url}" defer></script>
${shell.jsonLd?.markup}
</head>
<body${shell.embed ? html` class="embed"` : ''}>
${shell.embed ? '' : html`<a class="skip" href="#main">본문으로 건너뛰기</a>`}
${header}
<main id="main" tabindex="-1">
${body}
</main>
${footer}
</body>
</html>
`;
}
