/**
 * Seed-step benchmark: N generated questions across many files, seeded
 * end to end (read → parse → load → index → atomic swap), a few runs, median.
 *
 *   npm run bench:seed [-- --questions 100000 --files 200 --runs 3]
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  },
});
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
  const report = await seedDatabase({ seedsDir, databasePath, onProgress: (line) => console.log(`  ${line}`) });
  const seconds = (performance.now() - started) / 1000;
  times.push(seconds);
  const size = statSync(databasePath).size;
  console.log(
    `run ${run}: ${seconds.toFixed(2)} s, ${report.totals?.questions} questions, ${report.totals?.answers} answers, ` +
      `${report.totals?.snippets} snippets, db ${(size / 1e6).toFixed(1)} MB, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  rmSync(databasePath);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`median: ${median.toFixed(2)} s for ${questions} questions (${Math.round(questions / median)} questions/s)`);
rmSync(dir, { recursive: true, force: true });
