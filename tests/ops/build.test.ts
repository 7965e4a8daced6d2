import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_SEED, createTestDatabaseFile, type TempSeed } from '../helpers/db.js';

// `npm run build` (tsc -b into dist/) as `npm start` and the Dockerfile run
// it, which the rest of the suite never does: it uses src/ through tsx. This
// runs the package.json script in a scratch copy of the layout (src/ and the
// tsconfig files copied, package.json, migrations/ and node_modules/ linked)
// and serves from its dist/.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_TIMEOUT = 180_000;

let scratch: string;
let temp: TempSeed;

function build(): void {
  const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: scratch, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Every file under dist/ with its modification time. */
function distTimes(): Record<string, number> {
  const dist = join(scratch, 'dist');
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(dist, f)).isFile(),
  );
  return Object.fromEntries(files.map((f) => [f, statSync(join(dist, f)).mtimeMs]));
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'faq-build-'));
  for (const name of ['package.json', 'migrations', 'node_modules']) symlinkSync(join(ROOT, name), join(scratch, name));
  for (const name of ['src', 'tsconfig.json', 'tsconfig.build.json'])
    cpSync(join(ROOT, name), join(scratch, name), { recursive: true });
  build();
  temp = await createTestDatabaseFile({ 'faq.md': BUNDLED_SEED });
}, BUILD_TIMEOUT);
afterAll(() => {
  temp?.cleanup();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('writes nothing when no source changed, and rebuilds what did', { timeout: BUILD_TIMEOUT }, () => {
    const before = distTimes();
    expect(Object.keys(before)).toContain('server.js');
    build();
    expect(distTimes()).toEqual(before);

    writeFileSync(join(scratch, 'src/build-probe.ts'), 'export const probe = 1;\n');
    build();
    const after = distTimes();
    expect(after['build-probe.js']).toBeDefined();
    expect(after['server.js']).toBe(before['server.js']);
  });
});

describe('the built server', () => {
  it('serves the API and /docs from dist/, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const server = join(scratch, 'dist/server.js');
    const child = spawn(process.execPath, [server], {
      cwd: scratch,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        MAX_EVENT_LOOP_DELAY: '60s',
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
