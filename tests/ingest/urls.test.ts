import { describe, expect, it } from 'vitest';
import { parseFaq } from '../../src/ingest/index.js';
import { isSafeUrl } from '../../src/ingest/urls.js';
import { buildTestApp } from '../helpers/app.js';

const HOSTILE = `# FAQ

![banner](data:image/svg+xml;base64,PHN2Zz4=)

## Accounts

- How do I log in?
  - Sign in with your campus account.
  - Use [the portal](https://portal.example.com), [mail us](mailto:help@example.com) or [the guide](../guide.md#login).
  - Not [this](javascript:alert(document.cookie)) nor [that](JaVaScRiPt:alert(1)) nor [tabbed](java&#9;script:alert(1)).
  - Nor [a page](data:text/html;base64,PHNjcmlwdD4=) nor ![pic](vbscript:msgbox).
  - <img src="javascript&colon;alert(1)" onerror="alert(1)"> and <img src="/img/ok.png" alt="fine">
- How do I reset my password?
  - Ask the help desk.
`;

describe('isSafeUrl', () => {
  it.each([
    'https://example.com',
    'http://x',
    'HTTPS://X',
    'mailto:a@b.c',
    '/abs',
    '../rel.md',
    '#top',
    '?q=1',
    'img/a.png',
    '//cdn.example.com/a.png',
    'a/b:c',
  ])('keeps %s', (url) => expect(isSafeUrl(url)).toBe(true));

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:x',
    'java\nscript:x',
    '\u0001javascript:x',
    'data:text/html,x',
    'vbscript:x',
    'file:///etc/passwd',
    'ftp://x',
  ])('drops %j', (url) => expect(isSafeUrl(url)).toBe(false));
});

describe('URLs in parsed documents', () => {
  it('keeps only http, https, mailto and relative URLs in links and images, with a warning per URL dropped', () => {
    const doc = parseFaq(HOSTILE, { path: 'hostile.md' });
    const [question] = doc.questions;
    expect(question?.links.map((link) => link.url)).toEqual([
      'https://portal.example.com',
      'mailto:help@example.com',
      '../guide.md#login',
    ]);
    expect(question?.images.map((image) => image.url)).toEqual(['/img/ok.png']);
    expect(doc.topicImages).toEqual([]);
    const unsafe = doc.warnings.filter((w) => w.code === 'FAQ_WARN_UNSAFE_URL');
    expect(unsafe.map((w) => [w.line, w.message.split(' dropped')[0]])).toEqual([
      [3, 'image URL "data:image/svg+xml;base64,PHN2Zz4="'],
      [10, 'link URL "javascript:alert(document.cookie)"'],
      [10, 'link URL "JaVaScRiPt:alert(1)"'],
      [10, 'link URL "java\\tscript:alert(1)"'],
      [11, 'link URL "data:text/html;base64,PHNjcmlwdD4="'],
      [11, 'image URL "vbscript:msgbox"'],
      [12, 'image URL "javascript:alert(1)"'],
    ]);
  });

  it('serves no executable URL in links, images or html; markdown stays the source text', async () => {
    const ctx = await buildTestApp({ files: { 'hostile.md': HOSTILE } });
    try {
      const list = await ctx.app.inject({ url: '/v1/questions' });
      const id = (list.json() as { items: { id: string }[] }).items[0]!.id;
      const question = (await ctx.app.inject({ url: `/v1/questions/${id}` })).json() as {
        links: { url: string }[];
        images: { url: string }[];
        answers: { html: string; markdown: string }[];
      };
      const urls = [...question.links, ...question.images].map((item) => item.url);
      expect(urls.every((url) => isSafeUrl(url))).toBe(true);
      const html = question.answers.map((answer) => answer.html).join('\n');
      expect(html).not.toMatch(/javascript|vbscript|data:|onerror/i);
      expect(html).toContain('href="https://portal.example.com"');
      expect(question.answers.map((answer) => answer.markdown).join('\n')).toContain(
        'javascript:alert(document.cookie)',
      );
    } finally {
      await ctx.close();
    }
  });
});
