/**
 * The HTML pages, read with a DOM parser (linkedom): structure and
 * landmarks, escaping of hostile content, JSON-LD, links that resolve,
 * conditional requests, compression and the security headers.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { FIXTURE_FILES } from '../helpers/fixtures.js';

type Doc = ReturnType<typeof parseHTML>['document'];

/** A FAQ written to attack the pages: markup and script in every place text can go. */
const HOSTILE_MD = `# Evil <script>alert('title')</script> Course

## Hacks <img src=x onerror="alert('topic')">

This topic is **about** attacks <script>alert('description')</script> [see](javascript:alert('d')).

- How do I stop \`<script>alert('q')</script>\` and "quotes" & 'apostrophes'?
  - Click [here](javascript:alert('link')) or <a href="javascript:alert('raw')" onclick="alert('click')">there</a>.
  - <script>alert('answer')</script><img src="x" onerror="alert('img')">
  - A closing tag </script><script>alert('breakout')</script> inside text.
\`\`\`html
<script>alert('code')</script>
\`\`\`

- Is \`</script>\` in a question safe for JSON-LD?
  - It must stay inside the JSON.
`;

async function getPage(ctx: TestApp, url: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({ method: 'GET', url, headers });
  return { res, document: parseHTML(res.body).document as Doc };
}

function jsonLdOf(document: Doc): Record<string, unknown> {
  const blocks = document.querySelectorAll('script[type="application/ld+json"]');
  expect(blocks.length).toBe(1);
  return JSON.parse(blocks[0]!.textContent ?? '') as Record<string, unknown>;
}

function cspOf(header: unknown): Map<string, string[]> {
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

/** Every landmark and heading a screen reader uses to find its way. */
function expectLandmarks(document: Doc): void {
  expect(document.documentElement.getAttribute('lang')).toBe('ko');
  expect(document.querySelectorAll('main').length).toBe(1);
  expect(document.querySelectorAll('h1').length).toBe(1);
  expect(document.querySelector('header')).not.toBeNull();
  expect(document.querySelector('footer')).not.toBeNull();
  expect(document.querySelector('a.skip')?.getAttribute('href')).toBe('#main');
  expect(document.querySelector('meta[name="viewport"]')).not.toBeNull();
  expect(document.title.length).toBeGreaterThan(0);
  expect(document.querySelector('meta[name="description"]')?.getAttribute('content')).toBeTruthy();
  for (const property of ['og:title', 'og:description', 'og:url', 'og:type']) {
    expect(document.querySelector(`meta[property="${property}"]`)?.getAttribute('content')).toBeTruthy();
  }
  // Only our own script file and data blocks: never an inline script that runs.
  for (const script of document.querySelectorAll('script')) {
    const src = script.getAttribute('src');
    if (src !== null) expect(src).toMatch(/^\/assets\/pages\.js\?v=[0-9a-f]+$/);
    else expect(script.getAttribute('type')).toBe('application/ld+json');
  }
}

describe('pages over the fixture FAQ', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await buildTestApp({ files: FIXTURE_FILES });
  });
  afterAll(async () => ctx.close());

  it('home shows every source, the topic tree with counts, and a search form that works without JavaScript', async () => {
    const { res, document } = await getPage(ctx, '/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expectLandmarks(document);
    const form = document.querySelector('form[role="search"]');
    expect(form?.getAttribute('action')).toBe('/search');
    expect(form?.getAttribute('method')).toBe('get');
    expect(form?.querySelector('input[name="q"]')?.getAttribute('id')).toBe('q');
    expect(document.querySelector('label[for="q"]')).not.toBeNull();
    const topics = [...document.querySelectorAll('.tree a')].map((a) => [
      a.getAttribute('href'),
      a.textContent,
      a.nextElementSibling?.textContent,
    ]);
    expect(topics).toEqual([
      ['/topics/docker', 'Docker', '4'],
      ['/topics/docker-summary', 'Docker Summary', '0'],
      ['/topics/docker-networking', 'Docker Networking', '1'],
      ['/topics/kubernetes', 'Kubernetes', '3'],
      ['/topics/linux', 'Linux', '1'],
    ]);
    // Docker Summary and Networking sit under Docker.
    const dockerItem = document.querySelector('.tree a[href="/topics/docker"]')!.parentElement!;
    expect([...dockerItem.querySelector('ul')!.querySelectorAll('a')].map((a) => a.textContent)).toEqual([
      'Docker Summary',
      'Docker Networking',
    ]);
    const sources = [...document.querySelectorAll('.sources li')].map((li) => li.textContent);
    expect(sources).toEqual([expect.stringContaining('Course Guide'), expect.stringContaining('Extra Notes')]);
  });

  it('a topic page lists its questions with answers, code blocks with language and copy button, follow-ups linked both ways', async () => {
    const { res, document } = await getPage(ctx, '/topics/docker');
    expect(res.statusCode).toBe(200);
    expectLandmarks(document);
    expect(document.querySelector('h1')?.textContent).toBe('Docker');
    const articles = [...document.querySelectorAll('article.qa')];
    const api = await ctx.app.inject('/v1/topics/docker/questions?limit=100');
    const apiIds = (api.json() as { items: { id: string }[] }).items.map((item) => item.id);
    // Same questions as the API, in the same order, each addressable by its id.
    expect(articles.map((a) => a.getAttribute('id'))).toEqual(apiIds);
    for (const article of articles) {
      expect(article.querySelector('h2 a')?.getAttribute('href')).toBe(`/questions/${article.getAttribute('id')}`);
    }
    const code = document.querySelector('figure.code');
    expect(code?.querySelector('figcaption .lang')?.textContent).toBe('bash');
    expect(code?.querySelector('button.copy')).not.toBeNull();
    expect(code?.querySelector('pre code')?.textContent).toBe('docker images');
    // Nested answers stay nested.
    const multiStage = articles.find((a) => a.textContent?.includes('multi-stage'))!;
    expect(multiStage.querySelector('ul.answers ul.answers')?.textContent).toContain('builder stage');
    const followUp = articles.find((a) => a.textContent?.includes('remove one'))!;
    const parentId = followUp.querySelector('.follows a')?.getAttribute('href');
    expect(parentId).toMatch(/^#q_/);
    const parent = document.getElementById(parentId!.slice(1));
    expect(parent?.textContent).toContain('How do I list images?');
    expect(parent?.querySelector('.follows a')?.getAttribute('href')).toBe(`#${followUp.getAttribute('id')}`);
    // Subtopics are linked with their counts.
    expect([...document.querySelectorAll('.subtopics a')].map((a) => a.getAttribute('href'))).toEqual([
      '/topics/docker-summary',
      '/topics/docker-networking',
    ]);
  });

  it('topic pages carry FAQPage JSON-LD with one Question per question shown, allowed by its hash in the CSP', async () => {
    for (const slug of ['docker', 'kubernetes', 'docker-summary']) {
      const { res, document } = await getPage(ctx, `/topics/${slug}`);
      const data = jsonLdOf(document);
      const questions = (await ctx.app.inject(`/v1/topics/${slug}/questions?limit=100`)).json() as {
        items: { id: string; question: string }[];
        total: number;
      };
      expect(data['@context']).toBe('https://schema.org');
      expect(data['@type']).toBe('FAQPage');
      const main = data.mainEntity as { '@type': string; name: string; acceptedAnswer?: { text: string } }[];
      expect(main.length).toBe(questions.total);
      expect(main.map((q) => q.name)).toEqual(questions.items.map((q) => q.question));
      expect(main.every((q) => q['@type'] === 'Question' && (q.acceptedAnswer?.text.length ?? 0) > 0)).toBe(true);
      const text = document.querySelector('script[type="application/ld+json"]')!.textContent ?? '';
      const hash = `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
      expect(cspOf(res.headers['content-security-policy']).get('script-src')).toEqual(["'self'", hash]);
    }
  });

  it('a question page shows the question, answers, snippets, the JSON link and QAPage JSON-LD', async () => {
    const list = (await ctx.app.inject('/v1/questions?topic=kubernetes&hasCode=true')).json() as {
      items: { id: string; question: string }[];
    };
    const { id, question } = list.items[0]!;
    const { res, document } = await getPage(ctx, `/questions/${id}`);
    expect(res.statusCode).toBe(200);
    expectLandmarks(document);
    expect(document.querySelector('h1')?.textContent).toBe(question);
    expect(document.querySelector('figure.code .lang')?.textContent).toBe('sh');
    expect(document.querySelector(`a[href="/v1/questions/${id}"]`)).not.toBeNull();
    expect(document.querySelector(`a[href="/topics/kubernetes#${id}"]`)).not.toBeNull();
    expect([...document.querySelectorAll('.crumbs a')].map((a) => a.getAttribute('href'))).toEqual([
      '/',
      '/topics/kubernetes',
    ]);
    const data = jsonLdOf(document);
    expect(data['@type']).toBe('QAPage');
    const main = data.mainEntity as {
      '@type': string;
      name: string;
      answerCount: number;
      acceptedAnswer: { text: string };
    };
    expect(main).toMatchObject({ '@type': 'Question', name: question, answerCount: 1 });
    expect(main.acceptedAnswer.text).toContain('kubectl');
  });

  it('a question page shows "see also": the questions the API names as related, in its order', async () => {
    const list = (await ctx.app.inject('/v1/questions?topic=kubernetes')).json() as { items: { id: string }[] };
    const { id } = list.items[0]!;
    const related = (await ctx.app.inject(`/v1/questions/${id}/related?limit=5`)).json() as {
      items: { id: string; question: string }[];
    };
    expect(related.items.length).toBeGreaterThan(0);
    const { document } = await getPage(ctx, `/questions/${id}`);
    const section = document.querySelector('section[aria-labelledby="related-title"]');
    expect(section?.querySelector('h2')?.textContent).toBe('함께 보기');
    const links = [...section!.querySelectorAll('a')].filter((a) => a.getAttribute('href')?.startsWith('/questions/'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(related.items.map((item) => `/questions/${item.id}`));
    expect(links.map((a) => a.textContent)).toEqual(related.items.map((item) => item.question));
  });

  it('search results mark the matched words and link to the questions, without JavaScript', async () => {
    const { res, document } = await getPage(ctx, `/search?q=${encodeURIComponent('pods')}`);
    expect(res.statusCode).toBe(200);
    expectLandmarks(document);
    expect(document.querySelector('input[name="q"]')?.getAttribute('value')).toBe('pods');
    const hits = [...document.querySelectorAll('ol.hits li')];
    const api = (await ctx.app.inject('/v1/search?q=pods&limit=20')).json() as {
      items: { id: string; highlights: { text: string; match: boolean }[] }[];
    };
    expect(hits.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual(
      api.items.map((item) => `/questions/${item.id}`),
    );
    const first = hits[0]!.querySelector('a')!;
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(
      api.items[0]!.highlights.filter((s) => s.match).map((s) => s.text),
    );
    expect(first.textContent).toBe(api.items[0]!.highlights.map((s) => s.text).join(''));
    expect(document.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
  });

  it('an empty search shows the form; nothing found says so; a next page link carries the cursor', async () => {
    const empty = await getPage(ctx, '/search');
    expect(empty.res.statusCode).toBe(200);
    expect(empty.document.querySelector('ol.hits')).toBeNull();
    const none = await getPage(ctx, `/search?q=${encodeURIComponent('zzzqqq')}`);
    expect(none.document.querySelector('p[role="status"]')?.textContent).toContain('찾지 못했습니다');
    const paged = await getPage(ctx, '/search?q=docker');
    // The fixture has fewer hits than a page: no next link.
    expect(paged.document.querySelector('a[rel="next"]')).toBeNull();
  });

  it('every link on every page resolves, and every in-page anchor exists', async () => {
    const seen = new Set<string>();
    const queue = ['/', '/search?q=docker', '/embed/search?q=docker'];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const { res, document } = await getPage(ctx, url);
      expect(res.statusCode, url).toBe(200);
      if (!String(res.headers['content-type']).startsWith('text/html')) continue;
      for (const a of document.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href')!;
        if (href.startsWith('#')) {
          if (href !== '#main') expect(document.getElementById(href.slice(1)), `${url} ${href}`).not.toBeNull();
          continue;
        }
        if (!href.startsWith('/')) continue;
        const [path] = href.split('#');
        if (path === '/docs') continue; // the Swagger UI, tested with the docs
        if (!seen.has(path!)) queue.push(path!);
      }
      for (const el of document.querySelectorAll('link[href^="/"], script[src^="/"]')) {
        const asset = el.getAttribute('href') ?? el.getAttribute('src')!;
        expect((await ctx.app.inject(asset)).statusCode, asset).toBe(200);
      }
    }
    // Home, search, embed, five topics, every question, and the JSON of questions.
    expect([...seen].filter((u) => u.startsWith('/topics/')).length).toBe(5);
    expect([...seen].filter((u) => u.startsWith('/questions/')).length).toBe(8);
  });

  it('answers 304 to a repeat visit, per coding, and compresses pages', async () => {
    for (const url of ['/', '/topics/docker', '/search?q=docker', '/assets/pages.css']) {
      const first = await ctx.app.inject(url);
      const etag = first.headers.etag as string;
      expect(etag, url).toMatch(/^"[^"]+"$/);
      const again = await ctx.app.inject({ url, headers: { 'if-none-match': etag } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      const gzip = await ctx.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers.vary).toContain('Accept-Encoding');
      expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(first.body);
      // A gzip body is another representation: its own ETag.
      expect(gzip.headers.etag).not.toBe(etag);
      const gzipAgain = await ctx.app.inject({
        url,
        headers: { 'accept-encoding': 'gzip', 'if-none-match': gzip.headers.etag as string },
      });
      expect(gzipAgain.statusCode).toBe(304);
    }
  });

  it('the 304 of a page keeps the page CSP, not the API one', async () => {
    const first = await ctx.app.inject('/topics/docker');
    const again = await ctx.app.inject({
      url: '/topics/docker',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
  });

  it('assets are served under versioned URLs for a year, and for a minute otherwise', async () => {
    const { document } = await getPage(ctx, '/');
    const css = document.querySelector('link[rel="stylesheet"]')!.getAttribute('href')!;
    const versioned = await ctx.app.inject(css);
    expect(versioned.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(versioned.body).toContain('word-break: keep-all');
    const bare = await ctx.app.inject('/assets/pages.css');
    expect(bare.headers['cache-control']).toBe('public, max-age=60');
    const js = await ctx.app.inject('/assets/pages.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await ctx.app.inject('/assets/nope.js')).statusCode).toBe(404);
  });

  it('errors are pages with the API status: unknown topic or question 404, bad cursor 400', async () => {
    for (const [url, status] of [
      ['/topics/nope', 404],
      ['/questions/q_0000000000000000', 404],
      ['/search?q=docker&cursor=bogus', 400],
      ['/topics/docker?cursor=bogus', 400],
      ['/search?q=docker&topic=nope', 404],
      [`/search?q=${'a'.repeat(1001)}`, 400],
    ] as const) {
      const { res, document } = await getPage(ctx, url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(document.querySelector('h1')?.textContent).toBeTruthy();
      expect(document.querySelector('a[href="/"]')).not.toBeNull();
    }
  });

  it('every page has a strict CSP and may not be framed; only the embed page may, by its own origin', async () => {
    for (const url of ['/', '/topics/docker', '/search?q=pod', '/topics/nope']) {
      const csp = cspOf((await ctx.app.inject(url)).headers['content-security-policy']);
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('script-src')?.[0]).toBe("'self'");
      expect(csp.get('script-src')?.some((s) => s.includes('unsafe'))).toBe(false);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
    }
    // helmet's header set for HTML pages, besides the CSP.
    const home = await ctx.app.inject('/');
    expect(home.headers).toMatchObject({
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'cross-origin-opener-policy': 'same-origin',
      'x-dns-prefetch-control': 'off',
    });
    const embed = await ctx.app.inject('/embed/search');
    expect(cspOf(embed.headers['content-security-policy']).get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('keeps the OpenAPI document about /v1: no page route is in it', async () => {
    const spec = (await ctx.app.inject('/openapi.json')).json() as { paths: Record<string, unknown> };
    const paths = Object.keys(spec.paths);
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((p) => !p.startsWith('/v1/') && !p.startsWith('/health/'))).toEqual([]);
  });
});

describe('the embeddable search', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await buildTestApp({ files: FIXTURE_FILES, config: { embedOrigins: ['https://lms.example.edu'] } });
  });
  afterAll(async () => ctx.close());

  it('may be framed by the configured LMS origins; its links open a new tab', async () => {
    const { res, document } = await getPage(ctx, '/embed/search?q=pods');
    expect(cspOf(res.headers['content-security-policy']).get('frame-ancestors')).toEqual([
      "'self'",
      'https://lms.example.edu',
    ]);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(document.querySelector('header')).toBeNull();
    const links = [...document.querySelectorAll('ol.hits a')];
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener');
    }
    expect(document.querySelector('form')?.getAttribute('action')).toBe('/embed/search');
    // Everything else still refuses every frame.
    const home = await ctx.app.inject('/');
    expect(cspOf(home.headers['content-security-policy']).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('restricted to a topic, searches that topic and its subtopics only, and keeps the restriction in the form', async () => {
    const { document } = await getPage(ctx, '/embed/search?topic=kubernetes&q=what');
    const hits = [...document.querySelectorAll('ol.hits li .meta')].map((m) => m.textContent);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((text) => text?.startsWith('Kubernetes'))).toBe(true);
    expect(document.querySelector('input[type="hidden"][name="topic"]')?.getAttribute('value')).toBe('kubernetes');
    expect(document.querySelector('input[name="q"]')?.getAttribute('data-topics')).toBe('kubernetes');
    const docker = await getPage(ctx, '/embed/search?topic=docker');
    expect(docker.document.querySelector('input[name="q"]')?.getAttribute('data-topics')).toBe(
      'docker docker-summary docker-networking',
    );
  });

  it('restricted to a source, searches that source only', async () => {
    const { document } = await getPage(ctx, '/embed/search?source=notes-extra&q=what');
    const hits = [...document.querySelectorAll('ol.hits li .meta')].map((m) => m.textContent);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((text) => text?.endsWith('notes/extra.md'))).toBe(true);
  });
});

describe('hostile content', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await buildTestApp({ files: { 'evil.md': HOSTILE_MD } });
  });
  afterAll(async () => ctx.close());

  /** No element or attribute that could run script, anywhere in the page. */
  function expectInert(document: Doc, url: string): void {
    for (const script of document.querySelectorAll('script')) {
      expect(script.getAttribute('src') ?? script.getAttribute('type'), url).toMatch(
        /^(\/assets\/pages\.js\?v=[0-9a-f]+|application\/ld\+json)$/,
      );
    }
    for (const el of document.querySelectorAll('*')) {
      for (const name of el.getAttributeNames()) {
        expect(name.startsWith('on'), `${url}: ${el.tagName} ${name}`).toBe(false);
        const value = el.getAttribute(name) ?? '';
        if (['href', 'src', 'action', 'formaction'].includes(name)) {
          expect(value.replace(/\s/g, '').toLowerCase().startsWith('javascript:'), `${url}: ${name}=${value}`).toBe(
            false,
          );
        }
      }
    }
  }

  it('shows markup in questions, titles and code as text, and drops script and javascript: links from answers', async () => {
    const questions = (await ctx.app.inject('/v1/questions')).json() as { items: { id: string; question: string }[] };
    const topics = (await ctx.app.inject('/v1/topics?view=flat')).json() as {
      items: { slug: string; title: string }[];
    };
    const urls = [
      '/',
      ...topics.items.map((t) => `/topics/${t.slug}`),
      ...questions.items.map((q) => `/questions/${q.id}`),
      `/search?q=${encodeURIComponent("<script>alert('x')</script> stop")}`,
      `/embed/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`,
      `/topics/${encodeURIComponent('<script>alert(1)</script>')}`,
    ];
    for (const url of urls) {
      const { res, document } = await getPage(ctx, url);
      expect([200, 404], url).toContain(res.statusCode);
      expectInert(document, url);
    }
    const { document } = await getPage(ctx, `/questions/${questions.items[0]!.id}`);
    // The question's own words survive as text.
    expect(document.querySelector('h1')?.textContent).toBe(questions.items[0]!.question);
    expect(document.querySelector('h1')?.textContent).toContain("<script>alert('q')</script>");
    expect(document.querySelector('figure.code pre code')?.textContent).toBe("<script>alert('code')</script>");
    const home = await getPage(ctx, '/');
    expect(home.document.querySelector('.tree a')?.textContent).toBe(topics.items[0]!.title);
    const search = await getPage(ctx, `/search?q=${encodeURIComponent('"><b>x</b>')}`);
    expect(search.document.querySelector('input[name="q"]')?.getAttribute('value')).toBe('"><b>x</b>');
    expect(search.document.querySelector('main b')).toBeNull();
  });

  it("shows a topic's description from the sanitiser, markup kept and script gone", async () => {
    const topics = (await ctx.app.inject('/v1/topics?view=flat')).json() as { items: { slug: string }[] };
    const { document } = await getPage(ctx, `/topics/${topics.items[0]!.slug}`);
    const description = document.querySelector('.description');
    expect(description?.querySelector('strong')?.textContent).toBe('about');
    expect(description?.textContent).toContain('This topic is about attacks');
    expectInert(document, 'topic');
  });

  it('keeps </script> inside the JSON-LD: the block parses to the question text', async () => {
    const topics = (await ctx.app.inject('/v1/topics?view=flat')).json() as { items: { slug: string }[] };
    const { document } = await getPage(ctx, `/topics/${topics.items[0]!.slug}`);
    const data = jsonLdOf(document);
    const names = (data.mainEntity as { name: string }[]).map((q) => q.name);
    expect(names).toContain('Is </script> in a question safe for JSON-LD?');
    expect(document.querySelector('script[type="application/ld+json"]')?.textContent).not.toContain('</script');
  });
});
