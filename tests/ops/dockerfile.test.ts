import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

// Static checks of the Dockerfile and .dockerignore. The real build and run
// is ../shared/tools/verify-dockerfile.sh (podman), too slow for the suite.

interface Instruction {
  stage: number;
  keyword: string;
  args: string;
}

/** Instructions with continuation lines joined and comments dropped, numbered by stage. */
function parseDockerfile(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let stage = -1;
  return logical.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    if (keyword.toUpperCase() === 'FROM') stage += 1;
    return { stage, keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

const text = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
const instructions = parseDockerfile(text);
const froms = instructions.filter((i) => i.keyword === 'FROM');
const last = froms.length - 1;
const runtime = instructions.filter((i) => i.stage === last);
const build = instructions.filter((i) => i.stage < last);
const runs = (list: Instruction[]): string =>
  list
    .filter((i) => i.keyword === 'RUN')
    .map((i) => i.args)
    .join('\n');

describe('Dockerfile', () => {
  it('has a build stage and a node:20-bookworm-slim runtime stage', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from.args).toMatch(/^node:20-bookworm-slim\b/);
  });

  it('installs from the lockfile with a compiler for better-sqlite3, compiles and seeds in the build stage', () => {
    const script = runs(build);
    expect(script).toMatch(/apt-get install[^\n]*\bpython3\b[^\n]*\bmake\b[^\n]*\bg\+\+/);
    expect(script).toMatch(/\bnpm ci\b/);
    expect(script).toMatch(/npm run build|tsc -p tsconfig\.build\.json/);
    expect(script).toMatch(/node dist\/cli\/seed\.js/);
    expect(script).toMatch(/npm (prune|ci) --omit=dev/);
  });

  it('copies patches/ before npm ci, whose postinstall applies them (patch-package)', () => {
    const copyPatches = build.findIndex((i) => i.keyword === 'COPY' && /^patches\s/.test(i.args));
    const install = build.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    expect(copyPatches).toBeGreaterThanOrEqual(0);
    expect(copyPatches).toBeLessThan(install);
  });

  it('copies only production pieces into the runtime stage, from the build stage', () => {
    const copies = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    for (const copy of copies) expect(copy).toMatch(/^--from=build\s/);
    const targets = copies.map((c) => c.split(/\s+/).at(-1)!.replace(/^\.\//, '').replace(/\/$/, ''));
    expect(targets.sort()).toEqual(['data/faq.db', 'dist', 'migrations', 'node_modules', 'package.json', 'seeds']);
    expect(runs(runtime)).not.toMatch(/npm (ci|install)/);
  });

  it('runs as a non-root user, on 0.0.0.0:3000, with a node HEALTHCHECK on /health/ready', async () => {
    const user = runtime.filter((i) => i.keyword === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.find((i) => i.keyword === 'EXPOSE')?.args).toBe('3000');
    const env = runtime
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/HOST=0\.0\.0\.0/);
    expect(env).toMatch(/PORT=3000/);
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toMatch(/CMD \["node",/);
    const path = /\/health\/\w+/.exec(healthcheck)?.[0];
    expect(path).toBe('/health/ready');
    // and the route is real
    const t = await buildTestApp();
    try {
      expect((await t.app.inject(path!)).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('starts node itself in exec form, so SIGTERM reaches the server', () => {
    const cmd = runtime.filter((i) => i.keyword === 'CMD').at(-1)?.args;
    expect(cmd).toBe('["node", "dist/server.js"]');
    expect(runtime.some((i) => i.keyword === 'ENTRYPOINT' && !i.args.startsWith('['))).toBe(false);
  });

  it('avoids what buildah 1.28 rejects: heredocs, COPY --link, ADD --checksum', () => {
    for (const i of instructions) {
      expect(i.args, `${i.keyword} ${i.args}`).not.toMatch(/<<-?\s*['"]?[A-Z_]+/);
      if (i.keyword === 'COPY') expect(i.args).not.toMatch(/--link/);
      if (i.keyword === 'ADD') expect(i.args).not.toMatch(/--checksum/);
    }
  });
});

describe('.dockerignore', () => {
  it('keeps local installs, builds, databases and test output out of the context', () => {
    const ignored = readFileSync(new URL('../../.dockerignore', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    for (const entry of ['node_modules', 'dist', 'data', 'coverage', '.git', '*.db']) expect(ignored).toContain(entry);
    // ... but not what the build needs
    for (const needed of [
      'src',
      'seeds',
      'migrations',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
    ]) {
      expect(ignored).not.toContain(needed);
    }
  });
});
