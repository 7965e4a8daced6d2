/**
 * `npm run bench:http [-- --duration 8 --rounds 3 --connections 20 --corpus 0 --no-build]`
 *
 * GET /v1/questions/{id} against a bare Fastify route that returns the same
 * bytes pre-serialised, in the same run, for two builds of the service:
 *   full: the service as shipped (dist/server.js as `npm run build` makes
 *         it, default logging, every hardening plugin on);
 *   core: buildApp with the same config and logging but without the
 *         hardening plugins, i.e. the app's own cost.
 * Servers run on core 0 and autocannon on core 1 (taskset), loopback only.
 * Short slices alternate bare/core/full, and each app slice is compared with
 * the mean of the bare slices just before and after it, so drift in the load
 * other processes put on a shared machine cancels out; the figures are the
 * medians of those per-round ratios.
 * Besides req/s it reports server CPU time per request (less sensitive to
 * other load on a shared machine), readiness time from process start, and
 * the full service's RSS before and after load.
 *
 * --corpus N seeds N generated questions instead of the bundled seed and
 * rotates requests over every id, to show memory stays flat when the
 * response cache is full (it is LRU-bounded).
 *
 * Then the page scenario (issue #14; `--pages-only` runs it alone): over
 * generated questions whose largest topic has more than 100, the shipped
 * service serves that topic's page (`/topics/{slug}`, its first 100
 * questions with answers) and the same topic's JSON
 * (`/v1/topics/{slug}/questions?limit=100`) in alternating slices, both asked
 * with a browser's Accept-Encoding. It reports the page's compressed size
 * (target < 50 KB) and the median server CPU time per request of each, page
 * over JSON (target ≤ 2×).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { seedDatabase } from '../src/db/seed.js';
import { generateCorpus } from './generate-corpus.js';
import { freePort, stop, waitReady } from './processes.js';

const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, '.bench', 'http');
const SERVER_CORE = '0';
const LOADGEN_CORE = '1';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
    corpus: { type: 'string', default: '0' },
    'no-build': { type: 'boolean', default: false },
    'pages-only': { type: 'boolean', default: false },
    'page-questions': { type: 'string', default: '2400' },
  },
});
const duration = Number(args.duration);
const rounds = Number(args.rounds);
const connections = Number(args.connections);
const warmup = Number(args.warmup);
const corpus = Number(args.corpus);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function rssKb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: read('VmRSS'), peak: read('VmHWM') };
}

/** Start the shipped server on the server core; resolves once /health/ready answers 200. */
async function startService(port: number, databasePath: string): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn('taskset', ['-c', SERVER_CORE, process.execPath, join(ROOT, 'dist/server.js')], {
    cwd: ROOT,
    // Default logging as shipped; only the rate limit is raised, or the load
    // generator's single address would be answered 429 after 1000 requests.
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      RATE_LIMIT_MAX: '1000000000',
      LOG_LEVEL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitReady(`http://127.0.0.1:${port}/health/ready`, 30_000);
  return { child, readyMs: performance.now() - started };
}

/** buildApp from dist/ with the service's config and logging, hardening plugins off. */
async function startCore(port: number, databasePath: string): Promise<ChildProcess> {
  const source = `
    import { buildApp } from ${JSON.stringify(join(ROOT, 'dist/app.js'))};
    import { loadConfig } from ${JSON.stringify(join(ROOT, 'dist/config.js'))};
    const app = buildApp(loadConfig(process.env), { hardening: false });
    await app.listen({ port: ${port}, host: '127.0.0.1' });
  `;
  const child = spawn('taskset', ['-c', SERVER_CORE, process.execPath, '--input-type=module', '-e', source], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath, LOG_LEVEL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitReady(`http://127.0.0.1:${port}/health/ready`, 30_000);
  return child;
}

/** A bare Fastify app with the same route shape returning `body` as is. */
async function startBare(port: number, bodyFile: string): Promise<ChildProcess> {
  const source = `
    import Fastify from 'fastify';
    import { readFileSync } from 'node:fs';
    const body = readFileSync(${JSON.stringify(bodyFile)}, 'utf8');
    const app = Fastify();
    app.get('/v1/questions/:id', (request, reply) => {
      reply.header('content-type', 'application/json; charset=utf-8');
      return body;
    });
    app.get('/health/ready', () => ({ status: 'ready' }));
    await app.listen({ port: ${port}, host: '127.0.0.1' });
  `;
  const child = spawn('taskset', ['-c', SERVER_CORE, process.execPath, '--input-type=module', '-e', source], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitReady(`http://127.0.0.1:${port}/health/ready`, 30_000);
  return child;
}

/** User + system CPU time of a process so far, in ms (from /proc; 100 Hz ticks). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface LoadResult {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
  cpuUsPerRequest: number;
}

async function load(
  port: number,
  pid: number,
  paths: string[],
  seconds: number,
  headers?: Record<string, string>,
): Promise<LoadResult> {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: paths.map((path) => ({ method: 'GET', path, ...(headers ? { headers } : {}) })),
  });
  const total = result.requests.total ?? result.requests.average * seconds;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    cpuUsPerRequest: ((cpuMs(pid) - cpuBefore) * 1000) / Math.max(1, total),
  };
}

async function main(): Promise<void> {
  if (spawnSync('taskset', ['-a', '-p', '-c', LOADGEN_CORE, String(process.pid)], { stdio: 'ignore' }).status !== 0) {
    throw new Error('taskset is required (util-linux): servers and load generator must run on separate cores');
  }
  if (!args['no-build']) {
    // The package's own build (tsc into dist/), so "full" is what ships.
    process.stderr.write('bench:http: building dist/ (npm run build)\n');
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }

  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const pages = await pageScenario();
  if (args['pages-only']) {
    writeFileSync(join(ROOT, '.bench', 'http-pages-result.json'), `${JSON.stringify(pages, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(pages, null, 2)}\n`);
    return;
  }
  let seedsDir = join(ROOT, 'seeds');
  if (corpus > 0) {
    seedsDir = join(WORK, 'seeds');
    mkdirSync(seedsDir, { recursive: true });
    for (const file of generateCorpus({ questions: corpus, files: Math.max(1, Math.ceil(corpus / 500)) })) {
      mkdirSync(join(seedsDir, file.path, '..'), { recursive: true });
      writeFileSync(join(seedsDir, file.path), file.markdown);
    }
  }
  const databasePath = join(WORK, 'faq.db');
  await seedDatabase({ seedsDir, databasePath });

  // Readiness: process start → first 200 from /health/ready, median of 5,
  // next to the same measure for a bare Fastify process as the floor.
  const readiness: number[] = [];
  const bareReadiness: number[] = [];
  writeFileSync(join(WORK, 'body.json'), '{}');
  for (let i = 0; i < 5; i += 1) {
    const { child, readyMs } = await startService(await freePort(), databasePath);
    readiness.push(readyMs);
    await stop(child);
    const started = performance.now();
    const bareChild = await startBare(await freePort(), join(WORK, 'body.json'));
    bareReadiness.push(performance.now() - started);
    await stop(bareChild);
  }

  const appPort = await freePort();
  const { child: app } = await startService(appPort, databasePath);
  const ids: string[] = [];
  for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
    const url: string = `http://127.0.0.1:${appPort}/v1/questions?limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await (await fetch(url)).json()) as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  }
  // The question whose JSON is the median size stands for "a question".
  const sizes = await Promise.all(
    ids
      .slice(0, 200)
      .map(async (id) => ({ id, body: await (await fetch(`http://127.0.0.1:${appPort}/v1/questions/${id}`)).text() })),
  );
  sizes.sort((a, b) => a.body.length - b.body.length);
  const chosen = sizes[Math.floor(sizes.length / 2)]!;
  const bodyFile = join(WORK, 'body.json');
  writeFileSync(bodyFile, chosen.body);

  const barePort = await freePort();
  const bare = await startBare(barePort, bodyFile);
  const corePort = await freePort();
  const core = await startCore(corePort, databasePath);
  const appPaths = corpus > 0 ? ids.map((id) => `/v1/questions/${id}`) : [`/v1/questions/${chosen.id}`];
  const barePaths = [`/v1/questions/${chosen.id}`];

  process.stderr.write(
    `bench:http: ${ids.length} questions; body ${Buffer.byteLength(chosen.body)} bytes; ${rounds} rounds × ${duration} s × 3 servers, ${connections} connections\n`,
  );
  const memoryBefore = rssKb(app.pid!);
  await load(barePort, bare.pid!, barePaths, warmup);
  await load(corePort, core.pid!, appPaths, warmup);
  await load(appPort, app.pid!, appPaths, warmup);
  const results: { round: number; bare: LoadResult; bareAfter: LoadResult; core: LoadResult; full: LoadResult }[] = [];
  let bareBefore = await load(barePort, bare.pid!, barePaths, duration);
  for (let round = 1; round <= rounds; round += 1) {
    const c = await load(corePort, core.pid!, appPaths, duration);
    const f = await load(appPort, app.pid!, appPaths, duration);
    const bareAfter = await load(barePort, bare.pid!, barePaths, duration);
    results.push({ round, bare: bareBefore, bareAfter, core: c, full: f });
    const b = (bareBefore.rps + bareAfter.rps) / 2;
    process.stderr.write(
      `  round ${round}: bare ${b.toFixed(0)} req/s, core ${c.rps.toFixed(0)} (${(c.rps / b).toFixed(2)}), full ${f.rps.toFixed(0)} (${(f.rps / b).toFixed(2)}); ` +
        `CPU µs/req bare ${bareAfter.cpuUsPerRequest.toFixed(0)}, core ${c.cpuUsPerRequest.toFixed(0)}, full ${f.cpuUsPerRequest.toFixed(0)}\n`,
    );
    bareBefore = bareAfter;
  }
  const memoryAfter = rssKb(app.pid!);
  await Promise.all([stop(app), stop(bare), stop(core)]);

  const med = (pick: (r: (typeof results)[number]) => number): number => median(results.map(pick));
  const bareOf = (r: (typeof results)[number]): number => (r.bare.rps + r.bareAfter.rps) / 2;
  const bareRps = med(bareOf);
  const coreRps = med((r) => r.core.rps);
  const fullRps = med((r) => r.full.rps);
  const bareCpu = med((r) => (r.bare.cpuUsPerRequest + r.bareAfter.cpuUsPerRequest) / 2);
  const coreCpu = med((r) => r.core.cpuUsPerRequest);
  const fullCpu = med((r) => r.full.cpuUsPerRequest);
  const coreRatio = med((r) => r.core.rps / bareOf(r));
  const fullRatio = med((r) => r.full.rps / bareOf(r));
  const summary = {
    route: 'GET /v1/questions/{id}',
    questions: ids.length,
    bodyBytes: Buffer.byteLength(chosen.body),
    roundCount: rounds,
    durationSeconds: duration,
    connections,
    medianRps: { bare: Math.round(bareRps), core: Math.round(coreRps), full: Math.round(fullRps) },
    medianRoundRatio: { core: Number(coreRatio.toFixed(3)), full: Number(fullRatio.toFixed(3)) },
    ratioOfMedianRps: { core: Number((coreRps / bareRps).toFixed(3)), full: Number((fullRps / bareRps).toFixed(3)) },
    medianCpuUsPerRequest: { bare: Math.round(bareCpu), core: Math.round(coreCpu), full: Math.round(fullCpu) },
    cpuRatio: { core: Number((bareCpu / coreCpu).toFixed(3)), full: Number((bareCpu / fullCpu).toFixed(3)) },
    medianP99Ms: { bare: med((r) => r.bareAfter.p99), core: med((r) => r.core.p99), full: med((r) => r.full.p99) },
    non2xxOrErrors: {
      bare: results.reduce((sum, r) => sum + r.bareAfter.errors + r.bareAfter.non2xx, 0),
      core: results.reduce((sum, r) => sum + r.core.errors + r.core.non2xx, 0),
      full: results.reduce((sum, r) => sum + r.full.errors + r.full.non2xx, 0),
    },
    readinessMedianMs: Math.round(median(readiness)),
    readinessRunsMs: readiness.map((ms) => Math.round(ms)),
    bareReadinessMedianMs: Math.round(median(bareReadiness)),
    rssFullBeforeMb: Number((memoryBefore.rss / 1024).toFixed(1)),
    rssFullAfterMb: Number((memoryAfter.rss / 1024).toFixed(1)),
    rssFullPeakMb: Number((memoryAfter.peak / 1024).toFixed(1)),
    target: 'shipped service req/s ≥ 0.6 × bare req/s (medianRoundRatio, issue #11)',
    pass: fullRatio >= 0.6,
    pages,
    rounds: results.map((r) => ({
      round: r.round,
      rps: { bare: Math.round(bareOf(r)), core: Math.round(r.core.rps), full: Math.round(r.full.rps) },
      cpuUsPerRequest: {
        bare: Math.round(r.bareAfter.cpuUsPerRequest),
        core: Math.round(r.core.cpuUsPerRequest),
        full: Math.round(r.full.cpuUsPerRequest),
      },
    })),
  };
  writeFileSync(join(ROOT, '.bench', 'http-result.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

/** What a browser sends: every page and JSON request below asks for compression. */
const BROWSER_ENCODING = { 'accept-encoding': 'gzip, deflate, br' };

/** Bytes of `path` as sent with `coding` (read over node:http: fetch would inflate them). */
async function compressedSize(port: number, path: string, coding: string): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((done, fail) => {
    request(`http://127.0.0.1:${port}${path}`, { headers: { 'accept-encoding': coding } }, (res) => {
      let bytes = 0;
      if (res.headers['content-encoding'] !== coding) fail(new Error(`${path} was not sent with ${coding}`));
      res.on('data', (chunk: Buffer) => (bytes += chunk.length)).on('end', () => done(bytes));
    })
      .on('error', fail)
      .end();
  });
}

/** The topic page against the same topic's JSON, on the shipped service (see the header comment). */
async function pageScenario() {
  const seedsDir = join(WORK, 'page-seeds');
  const count = Number(args['page-questions']);
  for (const file of generateCorpus({ questions: count, files: Math.max(1, Math.ceil(count / 500)) })) {
    mkdirSync(join(seedsDir, file.path, '..'), { recursive: true });
    writeFileSync(join(seedsDir, file.path), file.markdown);
  }
  const databasePath = join(WORK, 'pages.db');
  await seedDatabase({ seedsDir, databasePath });
  const port = await freePort();
  const { child } = await startService(port, databasePath);
  try {
    const topics = (await (await fetch(`http://127.0.0.1:${port}/v1/topics?view=flat`)).json()) as {
      items: { slug: string; totalQuestionCount: number }[];
    };
    const topic = topics.items.sort((a, b) => b.totalQuestionCount - a.totalQuestionCount)[0]!;
    if (topic.totalQuestionCount < 100) throw new Error(`largest topic has ${topic.totalQuestionCount} questions`);
    // First requests, before anything is cached: each other topic's JSON, then its page.
    const cold: { page: number; json: number }[] = [];
    for (const other of topics.items.slice(1)) {
      const timed = async (path: string): Promise<number> => {
        const started = performance.now();
        await (await fetch(`http://127.0.0.1:${port}${path}`, { headers: BROWSER_ENCODING })).arrayBuffer();
        return performance.now() - started;
      };
      const json = await timed(`/v1/topics/${other.slug}/questions?limit=100`);
      cold.push({ json, page: await timed(`/topics/${other.slug}`) });
    }
    const pagePath = `/topics/${topic.slug}`;
    const jsonPath = `/v1/topics/${topic.slug}/questions?limit=100`;
    const html = await (await fetch(`http://127.0.0.1:${port}${pagePath}`)).text();
    const shown = html.match(/<article class="qa"/g)?.length ?? 0;
    const size = {
      identity: Buffer.byteLength(html),
      gzip: await compressedSize(port, pagePath, 'gzip'),
      br: await compressedSize(port, pagePath, 'br'),
      jsonGzip: await compressedSize(port, jsonPath, 'gzip'),
    };
    await load(port, child.pid!, [pagePath], warmup, BROWSER_ENCODING);
    await load(port, child.pid!, [jsonPath], warmup, BROWSER_ENCODING);
    const slices: { page: LoadResult; json: LoadResult }[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      const json = await load(port, child.pid!, [jsonPath], duration, BROWSER_ENCODING);
      const page = await load(port, child.pid!, [pagePath], duration, BROWSER_ENCODING);
      slices.push({ page, json });
      process.stderr.write(
        `  pages round ${round}: page ${page.rps.toFixed(0)} req/s ${page.cpuUsPerRequest.toFixed(0)} µs/req, ` +
          `JSON ${json.rps.toFixed(0)} req/s ${json.cpuUsPerRequest.toFixed(0)} µs/req\n`,
      );
    }
    const pageCpu = median(slices.map((s) => s.page.cpuUsPerRequest));
    const jsonCpu = median(slices.map((s) => s.json.cpuUsPerRequest));
    const ratio = median(slices.map((s) => s.page.cpuUsPerRequest / s.json.cpuUsPerRequest));
    return {
      route: `GET ${pagePath} vs GET ${jsonPath} (Accept-Encoding: ${BROWSER_ENCODING['accept-encoding']})`,
      generatedQuestions: count,
      topicQuestions: topic.totalQuestionCount,
      questionsOnPage: shown,
      bytes: size,
      medianCpuUsPerRequest: { page: Math.round(pageCpu), json: Math.round(jsonCpu) },
      // Pages are rendered once and kept (with their compressed bodies); this is the first request's cost.
      medianFirstRequestMs: {
        page: Number(median(cold.map((c) => c.page)).toFixed(1)),
        json: Number(median(cold.map((c) => c.json)).toFixed(1)),
        topics: cold.length,
      },
      medianRoundCpuRatio: Number(ratio.toFixed(3)),
      medianRps: {
        page: Math.round(median(slices.map((s) => s.page.rps))),
        json: Math.round(median(slices.map((s) => s.json.rps))),
      },
      medianP99Ms: {
        page: median(slices.map((s) => s.page.p99)),
        json: median(slices.map((s) => s.json.p99)),
      },
      non2xxOrErrors: slices.reduce((sum, s) => sum + s.page.errors + s.page.non2xx + s.json.errors + s.json.non2xx, 0),
      target: 'page < 50 KB compressed; page server time ≤ 2 × JSON (medianRoundCpuRatio)',
      pass: Math.max(size.gzip, size.br) < 50 * 1024 && ratio <= 2,
    };
  } finally {
    await stop(child);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:http: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
