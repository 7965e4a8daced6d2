/**
 * Seed-step benchmark: N generated questions across many files, seeded
 * end to end (read → parse → load → index → atomic swap), a few runs, median.
 * Cold runs use no parse cache. Then the usual edit: one file changes and
 * the seed runs again, incrementally (the default), and once in full with
 * the parse cache for comparison.
 * CPU time is the whole process's (all threads), less sensitive than wall
 * time to other load on a shared machine.
 *
 *   npm run bench:seed [-- --questions 100000 --files 200 --runs 3 --workers N]
 *   npm run bench:seed -- --growth 5000,10000,20000,50000 [--tight]
 *
 * --workers: parse worker threads (default one per core; 0 parses in the
 * loading thread, before loading).
 * --tight: bullet files as tight lists (no blank line between questions)
 * with link reference definitions, the shape that used to seed in quadratic time.
 * --growth: one file of each size, seeded cold once in a process of its own
 * (peak RSS is per process), and how time and memory grow with the size;
 * linear growth keeps ms per question and MB per 1,000 questions flat.
 * The file size limit is lifted: these files are larger than its default.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDatabase } from '../src/db/seed.js';
import { DEFAULT_SEED_LIMITS } from '../src/db/seed-limits.js';
import { generateCorpus } from './generate-corpus.js';

const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: '100000' },
    files: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string' },
    tight: { type: 'boolean', default: false },
    growth: { type: 'string' },
    'cold-only': { type: 'boolean', default: false },
  },
});
const limits = { ...DEFAULT_SEED_LIMITS, maxFileBytes: 1024 ** 3 };

if (values.growth) {
  growth(values.growth.split(',').map(Number));
  process.exit(0);
}

/** Seed one file of each size in a child process and report how time and peak memory grow. */
function growth(sizes: number[]): void {
  const rows: { questions: number; seconds: number; rss: number; mb: number }[] = [];
  for (const size of sizes) {
    const args = ['--import', 'tsx', new URL(import.meta.url).pathname, '--questions', String(size), '--files', '1'];
    args.push('--runs', '1', '--cold-only', ...(values.tight ? ['--tight'] : []));
    if (values.workers !== undefined) args.push('--workers', values.workers);
    const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const run = /cold run 1: ([\d.]+) s.*peak RSS (\d+) MB/u.exec(child.stdout);
    const corpus = /, ([\d.]+) MB$/mu.exec(child.stdout);
    if (child.status !== 0 || !run || !corpus)
      throw new Error(`seeding ${size} questions failed:\n${child.stdout}${child.stderr}`);
    const row = { questions: size, seconds: Number(run[1]), rss: Number(run[2]), mb: Number(corpus[1]) };
    rows.push(row);
    console.log(
      `${size} questions (${row.mb} MB, one file${values.tight ? ', tight list' : ''}): ${row.seconds.toFixed(2)} s, ` +
        `${((row.seconds * 1000) / size).toFixed(3)} ms/question, peak RSS ${row.rss} MB`,
    );
  }
  const first = rows[0]!;
  const last = rows.at(-1)!;
  console.log(
    `growth ${first.questions} → ${last.questions} questions (${(last.questions / first.questions).toFixed(0)}×): ` +
      `time ${(last.seconds / first.seconds).toFixed(1)}×, peak RSS ${(last.rss / first.rss).toFixed(1)}×`,
  );
}
const workers = values.workers === undefined ? undefined : Number(values.workers);
const questions = Number(values.questions);
const files = Number(values.files);
const runs = Number(values.runs);

const dir = mkdtempSync(join(tmpdir(), 'faq-bench-seed-'));
const seedsDir = join(dir, 'seeds');
mkdirSync(seedsDir);
const corpus = generateCorpus({ questions, files, tight: values.tight });
let bytes = 0;
for (const file of corpus) {
  writeFileSync(join(seedsDir, file.path), file.markdown);
  bytes += Buffer.byteLength(file.markdown);
}
console.log(`corpus: ${questions} questions in ${corpus.length} files, ${(bytes / 1e6).toFixed(1)} MB`);

const times: number[] = [];
for (let run = 1; run <= runs; run += 1) {
  const databasePath = join(dir, `run-${run}.db`);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await seedDatabase({
    seedsDir,
    databasePath,
    workers,
    limits,
    onProgress: (line) => console.log(`  ${line}`),
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  times.push(seconds);
  const size = statSync(databasePath).size;
  console.log(
    `cold run ${run}: ${seconds.toFixed(2)} s (CPU ${((used.user + used.system) / 1e6).toFixed(1)} s), ${report.totals?.questions} questions, ` +
      `${report.totals?.answers} answers, ${report.totals?.snippets} snippets, db ${(size / 1e6).toFixed(1)} MB, ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  rmSync(databasePath);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(
  `cold median: ${median.toFixed(2)} s for ${questions} questions (${Math.round(questions / median)} questions/s)`,
);

if (values['cold-only']) {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

// Re-seed after editing one file: incremental (the default: only that file
// is parsed, into a copy of the database), then in full with the parse cache
// for comparison. Each a few times, alternating files, median.
const cacheDir = join(dir, 'cache');
const databasePath = join(dir, 'reseed.db');
await seedDatabase({ seedsDir, databasePath, workers, cacheDir, limits });
const reseed = async (edit: number, full: boolean): Promise<number> => {
  appendFileSync(
    join(seedsDir, corpus[edit % corpus.length]!.path),
    `\n- One more question ${edit}?\n  - One more answer.\n`,
  );
  const started = performance.now();
  const report = await seedDatabase({ seedsDir, databasePath, workers, cacheDir, limits, full });
  const seconds = (performance.now() - started) / 1000;
  if (report.mode !== (full ? 'full' : 'incremental'))
    throw new Error(`expected a ${full ? 'full' : 'incremental'} seed`);
  return seconds;
};
const incremental: number[] = [];
for (let edit = 0; edit < Math.max(3, runs); edit += 1) incremental.push(await reseed(edit * 37, false));
const fullReseed = await reseed(1000, true);
incremental.sort((a, b) => a - b);
console.log(
  `re-seed after editing 1 of ${corpus.length} files: incremental median ${incremental[Math.floor(incremental.length / 2)]!.toFixed(2)} s ` +
    `(${incremental.map((t) => t.toFixed(2)).join(' / ')}); full with the parse cache ${fullReseed.toFixed(2)} s`,
);
rmSync(dir, { recursive: true, force: true });
