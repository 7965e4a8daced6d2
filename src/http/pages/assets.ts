/**
 * The pages' stylesheet and script, read once at start-up and served from
 * memory under versioned URLs (`/assets/pages.css?v=<hash>`): a page names
 * the exact version it was rendered with, so browsers may keep it a year.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Asset {
  /** File name, as in the URL: `pages.css`. */
  name: string;
  type: string;
  body: Buffer;
  /** Short content hash: the `?v=` of the URL and the ETag. */
  version: string;
  /** The URL pages link to. */
  url: string;
}

export interface PageAssets {
  css: Asset;
  js: Asset;
  /** Changes when any asset changes; part of every page's ETag. */
  version: string;
  byName: Map<string, Asset>;
}

function readAsset(dir: URL, name: string, type: string): Asset {
  const body = readFileSync(new URL(name, dir));
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { name, type, body, version, url: `/assets/${name}?v=${version}` };
}

/**
 * Read the stylesheet and the script.
 * @param dir folder holding pages.css and pages.js (src/http/pages/assets,
 *   copied to dist/ by the build; src/app.ts resolves it).
 * @throws when either file is missing (a build that forgot to copy them).
 */
export function loadPageAssets(dir: URL): PageAssets {
  const css = readAsset(dir, 'pages.css', 'text/css; charset=utf-8');
  const js = readAsset(dir, 'pages.js', 'text/javascript; charset=utf-8');
  return {
    css,
    js,
    version: `${css.version}${js.version}`,
    byName: new Map([
      [css.name, css],
      [js.name, js],
    ]),
  };
}
