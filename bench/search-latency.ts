/**
 * Search latency at scale.
 *
 *   npm run bench:search:latency [-- --questions 100000 --rounds 3 --duration 10 --connections 10 --no-build --no-http --db FILE]
 *
 * The database is built once (about 10 minutes for 100,000 questions on 2
 * cores) and cached under .bench/; --db serves an existing seeded file.
 *
 * 1. In-process: a searcher over a database of ~`questions` questions (bundled
 *    seed + generated), every query of a realistic mix timed one by one
 *    (performance.now), p50/p95/p99 per round, median over rounds. The same
 *    for suggestions.
 * 2. HTTP: the shipped server (dist/server.js, default logging) on core 0 and
 *    autocannon on core 1 (taskset), loopback, bounded duration, cycling
 *    through the same queries on GET /v1/search.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/open.js';
import { createSearcher } from '../src/search/query.js';
import { generatedFor, openBenchDatabase } from './search-db.js';
import { LABELLED_QUERIES } from './search-queries.js';
import { freePort, stop, waitReady } from './processes.js';

const ROOT = resolve(import.meta.dirname, '..');
const SERVER_CORE = '0';
const LOADGEN_CORE = '1';

const { values: args } = parseArgs({
  options: {
    questions: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    passes: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'no-build': { type: 'boolean', default: false },
    'no-http': { type: 'boolean', default: false },
    db: { type: 'string' },
  },
});

/** Typical queries beyond the labelled ones: term pairs in both scripts, code, typos, syntax characters. */
const EXTRA_QUERIES = [
  '파드 볼륨',
  'deployment replicaset',
  '컨피그맵 환경 변수',
  'ingress tls',
  '노드 스케줄러',
  'helm chart 배포',
  '롤링 업데이트',
  'prometheus grafana',
  'kubernets',
  'docker run -it',
  'kube-system',
  '8080:80',
  "don't",
  '"',
  '서비스 포트',
  '시크릿 권한',
  'jvm heap 메모리',
  'statefulset 스토리지',
  '레지스트리 이미지 pull',
  'liveness probe 실패',
  'How do I configure Service together with Ingress',
  '데이터베이스 캐시 설정',
  'daemonset 로그',
  'github actions 빌드',
  'x'.repeat(200),
  '도커 '.repeat(40),
];
const SUGGEST_QUERIES = [
  '쿠버ㄴ',
  'ㄷㅋ',
  'dep',
  '파',
  '레플',
  'conf',
  'ㅍㄷ',
  '컨피',
  'multi',
  '도커에',
  'Ingr',
  '볼륨 ㅅ',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** CPU milliseconds of this process per timed call, sorted (filled by timeAll): on a host other work shares, wall time waits for the CPU, CPU time does not. */
let cpuTimes: number[] = [];

/** Time `run` for every query, `passes` times in rotating order; returns sorted milliseconds (and fills cpuTimes). */
function timeAll(queries: string[], passes: number, run: (q: string) => void): number[] {
  const times: number[] = [];
  cpuTimes = [];
  for (let pass = 0; pass < passes; pass += 1) {
    for (let i = 0; i < queries.length; i += 1) {
      const q = queries[(i + pass * 7) % queries.length]!;
      const cpu = process.cpuUsage();
      const started = performance.now();
      run(q);
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
    }
  }
  cpuTimes.sort((a, b) => a - b);
  return times.sort((a, b) => a - b);
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: string; path: string }[];
}) => Promise<AutocannonResult>;

async function main(): Promise<void> {
  const target = Number(args.questions);
  const rounds = Number(args.rounds);
  const passes = Number(args.passes);
  const generated = args.db ? 0 : generatedFor(target);
  const started = performance.now();
  const db = args.db ? openDatabase(args.db, { readonly: true }) : await openBenchDatabase({ generated });
  const count = db.prepare('SELECT count(*) FROM questions').pluck().get() as number;
  console.log(
    `database: ${count} questions (asked the generator for ${generated}), ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const searcher = createSearcher(db);
  const queries = [...LABELLED_QUERIES.map((query) => query.q), ...EXTRA_QUERIES];
  timeAll(queries, 1, (q) => searcher.search({ q, limit: 10 })); // warm-up: page cache, statement caches
  const searchRounds: { p50: number; p95: number; p99: number; max: number }[] = [];
  const suggestRounds: { p50: number; p95: number; p99: number; max: number }[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const s = timeAll(queries, passes, (q) => searcher.search({ q, limit: 10 }));
    const searchCpu = cpuTimes;
    const g = timeAll(SUGGEST_QUERIES, passes * 5, (q) => searcher.suggest({ q, limit: 8 }));
    searchRounds.push({
      p50: percentile(s, 50),
      p95: percentile(s, 95),
      p99: percentile(s, 99),
      max: s[s.length - 1]!,
    });
    suggestRounds.push({
      p50: percentile(g, 50),
      p95: percentile(g, 95),
      p99: percentile(g, 99),
      max: g[g.length - 1]!,
    });
    console.log(
      `round ${round}: search n=${s.length} p50 ${percentile(s, 50).toFixed(2)} ms p95 ${percentile(s, 95).toFixed(2)} ms p99 ${percentile(s, 99).toFixed(2)} ms max ${s[s.length - 1]!.toFixed(2)} ms ` +
        `(CPU p50 ${percentile(searchCpu, 50).toFixed(2)} p95 ${percentile(searchCpu, 95).toFixed(2)} p99 ${percentile(searchCpu, 99).toFixed(2)} ms); ` +
        `suggest n=${g.length} p50 ${percentile(g, 50).toFixed(2)} ms p95 ${percentile(g, 95).toFixed(2)} ms`,
    );
  }
  const summary = (list: typeof searchRounds): string =>
    `p50 ${median(list.map((r) => r.p50)).toFixed(2)} ms, p95 ${median(list.map((r) => r.p95)).toFixed(2)} ms, p99 ${median(list.map((r) => r.p99)).toFixed(2)} ms`;
  console.log(`in-process search (median of ${rounds} rounds): ${summary(searchRounds)}`);
  console.log(`in-process suggest (median of ${rounds} rounds): ${summary(suggestRounds)}`);
  const slowest = queries
    .map((q) => ({ q, ms: timeAll([q], 5, (x) => searcher.search({ q: x, limit: 10 }))[2]! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  console.log(
    `slowest queries (median of 5): ${slowest.map((s) => `${JSON.stringify(s.q.slice(0, 30))} ${s.ms.toFixed(2)} ms`).join(', ')}`,
  );
  const databasePath = db.name;
  db.close();
  if (args['no-http']) return;

  if (spawnSync('taskset', ['-a', '-p', '-c', LOADGEN_CORE, String(process.pid)], { stdio: 'ignore' }).status !== 0) {
    throw new Error('taskset is required (util-linux): server and load generator must run on separate cores');
  }
  if (!args['no-build']) {
    const build = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (build.status !== 0) throw new Error('build failed');
  }
  // An empty SEEDS_DIR: the server must serve this database, never re-seed over it.
  const emptySeeds = mkdtempSync(join(tmpdir(), 'faq-bench-noseeds-'));
  const port = await freePort();
  const server = spawn('taskset', ['-c', SERVER_CORE, process.execPath, join(ROOT, 'dist/server.js')], {
    cwd: ROOT,
    // Shipped logging; only the rate limit is raised (one client address).
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      SEEDS_DIR: emptySeeds,
      RATE_LIMIT_MAX: '1000000000',
      LOG_LEVEL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitReady(`http://127.0.0.1:${port}/health/ready`, 60_000, 20);
    const paths = queries.map((q) => `/v1/search?q=${encodeURIComponent(q)}&limit=10`);
    const load = (seconds: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: Number(args.connections),
        duration: seconds,
        requests: paths.map((path) => ({ method: 'GET', path })),
      });
    await load(2);
    const results: AutocannonResult[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      const result = await load(Number(args.duration));
      results.push(result);
      console.log(
        `http round ${round}: ${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}`,
      );
    }
    console.log(
      `http GET /v1/search (median of ${rounds} × ${args.duration} s, ${args.connections} connections, server core ${SERVER_CORE}, autocannon core ${LOADGEN_CORE}): ` +
        `${median(results.map((r) => r.requests.average)).toFixed(0)} req/s, p99 ${median(results.map((r) => r.latency.p99))} ms`,
    );
  } finally {
    await stop(server);
    rmSync(emptySeeds, { recursive: true, force: true });
  }
}

await main();
