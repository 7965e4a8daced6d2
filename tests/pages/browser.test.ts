/**
 * The pages in a real browser: Debian's chromium driven by puppeteer-core.
 * A person opens the home page, types initial consonants and sees
 * suggestions, searches, opens a question; nothing logs an error or breaks
 * the CSP, axe-core finds no serious or critical accessibility problem, and
 * screenshots at phone and desktop widths land in test-artifacts/screenshots.
 * .ci/run installs chromium (and Korean fonts) when it is missing.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { BUNDLED_SEED } from '../helpers/db.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = new URL('../../test-artifacts/screenshots/', import.meta.url);
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { width: 1280, height: 900, deviceScaleFactor: 1 };

interface Problems {
  console: string[];
  csp: string[];
}

/** A page that records console errors, uncaught exceptions and CSP violations. */
async function watchedPage(browser: Browser, problems: Problems): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(message.text());
  });
  page.on('pageerror', (error) => problems.console.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.console.push(`${response.status()} ${response.url()}`);
  });
  await page.exposeFunction('reportCspViolation', (text: string) => problems.csp.push(text));
  // Page-side code as text: this file is compiled without the DOM's types.
  await page.evaluateOnNewDocument(`
    document.addEventListener('securitypolicyviolation', (event) => {
      window.reportCspViolation(event.violatedDirective + ' ' + event.blockedURI);
    });
  `);
  return page;
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const results = (await page.evaluate(`
    axe.run().then((result) => result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })))
  `)) as { id: string; impact: string; targets: string[] }[];
  return results
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/** Save a screenshot: the whole page, or (phone) the first screenful a person sees. */
async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname as `${string}.png`, fullPage });
}

describe('the pages in chromium', () => {
  let ctx: TestApp;
  let base: string;
  let browser: Browser;
  let lms: Server;
  let lmsOrigin: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`No chromium at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    // A stand-in for a course page on another origin that frames the embeddable search.
    lms = createServer((request, response) => {
      const [, query = ''] = (request.url ?? '').split('?');
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html lang="en"><title>Course</title><h1>Course</h1>` +
          `<iframe title="FAQ search" width="400" height="500" src="${new URLSearchParams(query).get('src') ?? ''}"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => lms.listen(0, '127.0.0.1', resolve));
    lmsOrigin = `http://127.0.0.1:${(lms.address() as AddressInfo).port}`;
    ctx = await buildTestApp({
      files: { 'mspt3_24-2-scp.md': BUNDLED_SEED },
      // Generous limits: a loaded CI machine must not turn a page into a 429 or 503.
      config: {
        embedOrigins: [lmsOrigin],
        rateLimit: { max: 100_000, windowMs: 60_000 },
        loadShedding: { maxEventLoopDelay: 60_000, sampleInterval: 1000, retryAfter: 5 },
      },
    });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    // localhost, not 127.0.0.1: the LMS stand-in is another origin (another site, even).
    base = `http://localhost:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      // CI runs as root, where chromium's sandbox cannot start.
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=ko-KR'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
    await new Promise((resolve) => lms?.close(resolve));
  });

  it('finds a question from initial consonants, searches, opens it: no errors, no CSP violations, no serious axe findings', async () => {
    const problems: Problems = { console: [], csp: [] };
    const page = await watchedPage(browser, problems);
    const a11y: string[] = [];
    try {
      await page.setViewport(DESKTOP);
      await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
      expect(await page.$eval('h1', (h) => h.textContent)).toBeTruthy();
      await shoot(page, 'home-desktop');
      a11y.push(...(await seriousA11yViolations(page)));

      await page.focus('#q');
      await page.keyboard.type('ㄷㅋ');
      await page.waitForSelector('#q-suggestions li[role="option"]', { visible: true, timeout: 10_000 });
      const suggestions = await page.$$eval('#q-suggestions li[role="option"]', (items) =>
        items.map((item) => item.textContent ?? ''),
      );
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.some((text) => /도커|Docker/i.test(text))).toBe(true);
      expect(await page.$eval('#q', (input) => input.getAttribute('aria-expanded'))).toBe('true');
      // Arrow keys move through the list, as a combobox should.
      await page.keyboard.press('ArrowDown');
      expect(await page.$eval('#q', (input) => input.getAttribute('aria-activedescendant'))).toBe('q-suggestions-0');
      await shoot(page, 'suggestions-desktop');
      a11y.push(...(await seriousA11yViolations(page)));

      await page.keyboard.press('Escape');
      await page.$eval('#q', (input) => ((input as unknown as { value: string }).value = ''));
      await page.type('#q', '볼륨');
      await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toBe('/search');
      const hits = await page.$$eval('ol.hits li a', (links) => links.map((a) => a.getAttribute('href')));
      expect(hits.length).toBeGreaterThan(0);
      expect(await page.$$eval('ol.hits mark', (marks) => marks.length)).toBeGreaterThan(0);
      await shoot(page, 'search-desktop');
      a11y.push(...(await seriousA11yViolations(page)));

      await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('ol.hits li a')]);
      expect(new URL(page.url()).pathname).toBe(hits[0]);
      expect(await page.$eval('h1', (h) => h.textContent?.length ?? 0)).toBeGreaterThan(0);
      await shoot(page, 'question-desktop');
      a11y.push(...(await seriousA11yViolations(page)));

      await page.goto(`${base}/topics/kubernetes`, { waitUntil: 'networkidle0' });
      expect(await page.$$eval('figure.code button.copy', (buttons) => buttons.every((b) => !b.hidden))).toBe(true);
      await shoot(page, 'topic-desktop');
      a11y.push(...(await seriousA11yViolations(page)));

      await page.setViewport(PHONE);
      for (const [path, name] of [
        ['/', 'home-phone'],
        ['/topics/kubernetes', 'topic-phone'],
        [hits[0]!, 'question-phone'],
      ] as const) {
        await page.goto(`${base}${path}`, { waitUntil: 'networkidle0' });
        // Nothing wider than the screen: the page never scrolls sideways on a phone.
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
        await shoot(page, name, false);
      }
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      await page.goto(`${base}/topics/kubernetes`, { waitUntil: 'networkidle0' });
      await shoot(page, 'topic-phone-dark', false);
      a11y.push(...(await seriousA11yViolations(page)));
    } finally {
      await page.close();
    }
    expect(problems.console).toEqual([]);
    expect(problems.csp).toEqual([]);
    expect(a11y).toEqual([]);
  }, 90_000);

  it('shows the embeddable search inside a course page on an allowed origin, and links open a new tab', async () => {
    const problems: Problems = { console: [], csp: [] };
    const page = await watchedPage(browser, problems);
    try {
      await page.setViewport(DESKTOP);
      const src = `${base}/embed/search?topic=kubernetes&q=${encodeURIComponent('볼륨')}`;
      const framed = page.waitForFrame((f) => f.url().startsWith(`${base}/embed/search`), { timeout: 30_000 });
      await page.goto(`${lmsOrigin}/?src=${encodeURIComponent(src)}`, { waitUntil: 'networkidle0' });
      const frame = await framed;
      await frame.waitForSelector('ol.hits a', { timeout: 30_000 });
      const targets = await frame.$$eval('ol.hits a', (links) => links.map((a) => a.getAttribute('target')));
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.every((t) => t === '_blank')).toBe(true);
      await shoot(page, 'embed-in-lms');
    } finally {
      await page.close();
    }
    expect(problems.console).toEqual([]);
    expect(problems.csp).toEqual([]);
  }, 60_000);

  it('refuses to be framed anywhere else: a topic page inside the course page stays empty', async () => {
    const page = await browser.newPage();
    try {
      const src = `${base}/topics/kubernetes`;
      await page.goto(`${lmsOrigin}/?src=${encodeURIComponent(src)}`, { waitUntil: 'networkidle0' });
      const frame = page.frames().find((f) => f !== page.mainFrame());
      // A frame blocked by frame-ancestors shows an error page without our content.
      const heading = await frame?.$('main h1').catch(() => null);
      expect(heading ?? null).toBeNull();
    } finally {
      await page.close();
    }
  }, 60_000);
});
