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
 *
 * --workers: parse worker threads (default one per core; 0 parses in the
 * loading thread, before loading).
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDatabase } from '../src/db/seed.js';
import { generateCorpus } from './generate-corpus.js';

const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: '100000' },
    files: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string' },
  },
});
const workers = values.workers === undefined ? undefined : Number(values.workers);
const questions = Number(values.questions);
const files = Number(values.files);
const runs = Number(values.runs);

const dir = mkdtempSync(join(tmpdir(), 'faq-bench-seed-'));
const seedsDir = join(dir, 'seeds');
mkdirSync(seedsDir);
const corpus = generateCorpus({ questions, files });
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

// Re-seed after editing one file: incremental (the default: only that file
// is parsed, into a copy of the database), then in full with the parse cache
// for comparison. Each a few times, alternating files, median.
const cacheDir = join(dir, 'cache');
const databasePath = join(dir, 'reseed.db');
await seedDatabase({ seedsDir, databasePath, workers, cacheDir });
const reseed = async (edit: number, full: boolean): Promise<number> => {
  appendFileSync(
    join(seedsDir, corpus[edit % corpus.length]!.path),
    `\n- One more question ${edit}?\n  - One more answer.\n`,
  );
  const started = performance.now();
  const report = await seedDatabase({ seedsDir, databasePath, workers, cacheDir, full });
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
