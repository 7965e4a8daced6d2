import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_SEED, createTestDatabaseFile, type TempSeed } from '../helpers/db.js';

// `npm run build` makes dist/server.js one esbuild bundle (readiness: most of
// start-up was resolving and loading modules), which the rest of the suite
// never runs: it uses src/ through tsx. This runs the package.json build
// script itself into a scratch copy of the layout (dist/ beside package.json,
// migrations/ and node_modules/) and serves from the bundle.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_TIMEOUT = 180_000;

let scratch: string;
let temp: TempSeed;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'faq-build-'));
  for (const name of ['package.json', 'migrations', 'node_modules']) symlinkSync(join(ROOT, name), join(scratch, name));
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } })
    .scripts.build;
  // The same commands with the scratch dist/ as output: tsc's outDir, the bundle's input and output.
  const command = script
    .replace('tsc -p tsconfig.build.json', `tsc -p tsconfig.build.json --outDir ${join(scratch, 'dist')}`)
    .replaceAll(' dist/', ` ${join(scratch, 'dist')}/`)
    .replaceAll('=dist/', `=${join(scratch, 'dist')}/`);
  const build = spawnSync('sh', ['-c', command], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}` },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  temp = await createTestDatabaseFile({ 'faq.md': BUNDLED_SEED });
}, BUILD_TIMEOUT);
afterAll(() => {
  temp?.cleanup();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the built server', () => {
  it('is one bundle that serves the API and /docs, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const server = join(scratch, 'dist/server.js');
    // Bundled: no relative imports left but the database modules', which stay
    // in dist/db/ (they find migrations/ relative to themselves). esbuild
    // writes imports with double quotes; comments in the bundle use single ones.
    const imports = [...readFileSync(server, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\()"(\.[^"]+)"/g)].map((m) => m[1]);
    expect(new Set(imports)).toEqual(new Set(['./db/open.js', './db/seed-files.js', './db/seed.js']));
    // zod compiles every schema: Fastify's default Ajv / fast-json-stringify
    // compilers are neither bundled (start-up compile time) nor loaded (only
    // fast-json-stringify's small runtime, for Fastify's own error bodies).
    const bundle = readFileSync(server, 'utf8');
    expect(bundle).not.toMatch(
      /^\/\/ node_modules\/(ajv|ajv-formats|fast-json-stringify)\/(?!lib\/(serializer|v8)\.js)/m,
    );

    const child = spawn(process.execPath, [server], {
      cwd: scratch,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_PATH: temp.databasePath,
        SEEDS_DIR: temp.seedsDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let out = '';
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
          if (match) resolve(Number(match[1]));
        });
        void exited.then((code) => reject(new Error(`server exited (${code}): ${out}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      const list = (await (await fetch(`${base}/v1/questions?limit=1`)).json()) as { items: { id: string }[] };
      const question = await fetch(`${base}/v1/questions/${list.items[0]!.id}`);
      expect(question.status).toBe(200);
      expect(question.headers.get('x-request-id')).toBeTruthy();
      expect(question.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      // The pages and their stylesheet and script, copied into dist/ by the build.
      const home = await fetch(`${base}/`);
      expect(home.status).toBe(200);
      const stylesheet = /href="(\/assets\/pages\.css\?v=[0-9a-f]+)"/.exec(await home.text())?.[1];
      expect((await fetch(`${base}${stylesheet}`)).status).toBe(200);
      const asset = await fetch(`${base}/docs/static/swagger-ui-bundle.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-security-policy')).toContain("default-src 'self'");
      // fetch() would inflate it: read the raw bytes over node:http instead.
      const { request } = await import('node:http');
      const gzipped = await new Promise<Buffer>((resolve, reject) => {
        request(`${base}/openapi.json`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks)));
        })
          .on('error', reject)
          .end();
      });
      expect(JSON.parse(gunzipSync(gzipped).toString('utf8'))).toHaveProperty('openapi', '3.1.0');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
