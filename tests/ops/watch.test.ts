import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_SEED, createTempSeed, type TempSeed } from '../helpers/db.js';

// src/server.ts for real with WATCH_SEEDS=true, on an ephemeral port, while a
// client keeps requesting. Waits poll the API. How soon a change shows is
// printed (figures in bench/README.md); the bound asserted here only catches
// a hang, as timings on a shared machine are not a test's business.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VISIBLE_WITHIN_MS = 10_000;

let child: ChildProcess | undefined;
let temp: TempSeed | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  temp?.cleanup();
});

async function start(env: Record<string, string>): Promise<{ port: number; logs: () => string }> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts', '--watch'], {
    cwd: ROOT,
    // A busy test machine must not make the server shed (tests of shedding live elsewhere).
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      MAX_EVENT_LOOP_DELAY: '60s',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child!.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /Server listening at http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child!.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
  return { port, logs: () => out };
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Requests in a loop until stopped; every response and error is counted. */
function keepRequesting(port: number, paths: string[]) {
  const failures: string[] = [];
  let count = 0;
  let running = true;
  const loop = async (offset: number): Promise<void> => {
    for (let i = offset; running; i += 1) {
      const path = paths[i % paths.length]!;
      try {
        const res = await get(port, path);
        count += 1;
        if (res.status !== 200) failures.push(`${path}: ${res.status} ${res.body.slice(0, 200)}`);
      } catch (error) {
        failures.push(`${path}: ${String(error)}`);
      }
    }
  };
  const loops = [loop(0), loop(1)];
  return {
    failures,
    count: () => count,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Poll until `check` holds; returns how long that took after the change. */
async function visible(port: number, path: string, check: (body: string) => boolean): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await get(port, path);
    if (res.status === 200 && check(res.body)) return Date.now() - started;
    if (Date.now() - started > 15_000) throw new Error(`not visible after 15 s: ${path}\n${res.body.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sourceIds = (body: string): string[] => (JSON.parse(body) as { items: { id: string }[] }).items.map((s) => s.id);
const faq = (q: string) =>
  `# Extra\n\n## Kubernetes\n\n- ${q}\n  - 직전 로그를 \`kubectl logs --previous\` 로 확인하세요.\n`;

describe('a watching server (WATCH_SEEDS)', () => {
  it('serves edits, new, renamed and deleted files, keeps content through a bad save, and never fails a request', async () => {
    temp = createTempSeed({ 'course.md': BUNDLED_SEED });
    const { port, logs } = await start({ SEEDS_DIR: temp.seedsDir, DATABASE_PATH: temp.databasePath });
    const questions = JSON.parse((await get(port, '/v1/questions?limit=3')).body) as { items: { id: string }[] };
    const client = keepRequesting(port, [
      `/v1/questions/${questions.items[0]!.id}`,
      '/v1/sources',
      '/health/ready',
      '/v1/questions?limit=5',
      '/v1/topics/kubernetes',
    ]);
    const delays: Record<string, number> = {};
    try {
      // An editor's save by rename: write a temp file, rename it over the original.
      writeFileSync(
        join(temp.seedsDir, '.course.md.swp'),
        `${BUNDLED_SEED}\n- Pod가 자꾸 재시작돼요\n  - 로그를 보세요.\n`,
      );
      renameSync(join(temp.seedsDir, '.course.md.swp'), join(temp.seedsDir, 'course.md'));
      delays.edit = await visible(port, '/v1/questions?limit=100', (b) => b.includes('Pod가 자꾸 재시작돼요'));

      temp.write('extra.md', faq('Service와 Ingress 차이가 헷갈립니다.'));
      delays.add = await visible(port, '/v1/sources', (b) => sourceIds(b).includes('extra'));

      renameSync(join(temp.seedsDir, 'extra.md'), join(temp.seedsDir, 'moved.md'));
      delays.rename = await visible(port, '/v1/sources', (b) => sourceIds(b).join() === 'course,moved');

      rmSync(join(temp.seedsDir, 'moved.md'));
      delays.delete = await visible(port, '/v1/sources', (b) => sourceIds(b).join() === 'course');

      // A broken save: the previous content stays served, the error is shown.
      temp.write('course.md', Buffer.from([0x23, 0x20, 0x00, 0xff, 0xfe]));
      const failing = await visible(port, '/health/ready', (b) => b.includes('"state":"failing"'));
      const ready = JSON.parse((await get(port, '/health/ready')).body) as {
        seed: { lastFailure: { problems: { file: string; reason: string }[] } };
      };
      expect(ready.seed.lastFailure.problems).toEqual([
        { file: 'course.md', line: null, reason: expect.stringMatching(/binary|UTF-8/) },
      ]);
      const sources = JSON.parse((await get(port, '/v1/sources')).body) as { seed: { state: string } };
      expect(sources.seed.state).toBe('failing');
      expect((await get(port, '/v1/questions?limit=100')).body).toContain('Pod가 자꾸 재시작돼요');
      expect(failing).toBeLessThan(15_000);

      // The next good save recovers.
      temp.write(
        'course.md',
        `${BUNDLED_SEED}\n- kubectl apply 하면 에러가 납니다\n  - 에러 메시지의 첫 줄을 보세요.\n`,
      );
      delays.recover = await visible(
        port,
        '/v1/questions?limit=100',
        (b) => b.includes('kubectl apply 하면 에러가 납니다') && !b.includes('Pod가 자꾸 재시작돼요'),
      );
      expect(JSON.parse((await get(port, '/health/ready')).body).seed.state).toBe('ok');
    } finally {
      await client.stop();
    }
    expect(client.failures).toEqual([]);
    expect(client.count()).toBeGreaterThan(20);
    for (const [change, ms] of Object.entries(delays))
      expect(ms, `${change} took ${ms} ms\n${logs()}`).toBeLessThan(VISIBLE_WITHIN_MS);
  }, 90_000);

  it('follows a ConfigMap / git-sync style symlink swap of the content folder', async () => {
    temp = createTempSeed();
    const v1 = join(temp.dir, 'rev-1');
    const v2 = join(temp.dir, 'rev-2');
    mkdirSync(v1);
    mkdirSync(v2);
    writeFileSync(join(v1, 'course.md'), BUNDLED_SEED);
    writeFileSync(join(v2, 'course.md'), BUNDLED_SEED);
    writeFileSync(join(v2, 'extra.md'), faq('Pod가 자꾸 재시작돼요'));
    const link = join(temp.dir, 'content');
    symlinkSync(v1, link);
    const { port } = await start({ SEEDS_DIR: link, DATABASE_PATH: temp.databasePath });
    expect(sourceIds((await get(port, '/v1/sources')).body)).toEqual(['course']);
    // git-sync and the kubelet swap a symlink atomically: a new link renamed over the old one.
    symlinkSync(v2, `${link}.new`);
    renameSync(`${link}.new`, link);
    const took = await visible(port, '/v1/sources', (b) => sourceIds(b).join() === 'course,extra');
    expect(took).toBeLessThan(VISIBLE_WITHIN_MS);
  }, 60_000);
});
