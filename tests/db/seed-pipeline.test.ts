import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SeedError, seedDatabase } from '../../src/db/seed.js';
import { BUNDLED_SEED, BUNDLED_SYNONYMS, createTempSeed, dumpDatabase, type TempSeed } from '../helpers/db.js';

const NOW = '2026-01-01T00:00:00.000Z';
const faq = (topic: string, n: number): string =>
  `# ${topic} FAQ\n\n## ${topic}\n\n${Array.from({ length: n }, (_, i) => `- How does ${topic} handle case ${i}?\n  - Like this ${i}.\n    - And \`${topic.toLowerCase()}-${i}\`.\n`).join('\n')}`;

// Sizes differ a lot, so with two workers later files finish before earlier
// ones and the loader must wait for path order. Names sort differently by
// code unit and by locale ('B' < 'a' vs 'a' < 'B').
const FILES = {
  'a-large.md': faq('Docker', 120),
  'B-small.md': faq('Kubernetes', 3),
  'c/nested.md': faq('Linux', 20),
  'd.md': faq('Docker', 2),
  'mspt3_24-2-scp.md': BUNDLED_SEED,
};

let temp: TempSeed;
afterEach(() => temp?.cleanup());

// Each seed here starts worker threads, and each worker loads tsx to run the
// TypeScript sources: seconds on a busy 2-core machine, hence the timeout.
describe('seeding while parsing (documents loaded as worker threads deliver them)', { timeout: 60_000 }, () => {
  it('builds the very database a seed in one thread builds', async () => {
    temp = createTempSeed({ 'synonyms.yaml': BUNDLED_SYNONYMS, ...FILES });
    const threads = join(temp.dir, 'threads.db');
    const single = join(temp.dir, 'single.db');
    const report = await seedDatabase({ seedsDir: temp.seedsDir, databasePath: threads, now: NOW, workers: 2 });
    await seedDatabase({ seedsDir: temp.seedsDir, databasePath: single, now: NOW, workers: 0 });
    expect(report.totals?.questions).toBe(120 + 3 + 20 + 2 + 10);
    expect(report.sources.map((source) => source.path)).toEqual([
      'B-small.md',
      'a-large.md',
      'c/nested.md',
      'd.md',
      'mspt3_24-2-scp.md',
    ]);
    expect(dumpDatabase(threads)).toEqual(dumpDatabase(single));
  });

  it('gives later files the next question numbers in path order, whichever finished first', async () => {
    temp = createTempSeed({ 'synonyms.yaml': BUNDLED_SYNONYMS, ...FILES });
    await seedDatabase({ seedsDir: temp.seedsDir, databasePath: temp.databasePath, now: NOW, workers: 2 });
    const questions = dumpDatabase(temp.databasePath).questions!.map((row) => JSON.parse(row) as unknown[]);
    const firstSeqOf = (source: string): number =>
      Math.min(...questions.filter((row) => row.includes(source)).map((row) => row[0] as number));
    expect(firstSeqOf('a-large')).toBeLessThan(firstSeqOf('b-small'));
    expect(firstSeqOf('b-small')).toBeLessThan(firstSeqOf('c-nested'));
  });

  it('stops at a bad file found by a worker and leaves the previous database as it was', async () => {
    temp = createTempSeed({ 'synonyms.yaml': BUNDLED_SYNONYMS, ...FILES });
    await seedDatabase({ seedsDir: temp.seedsDir, databasePath: temp.databasePath, now: NOW });
    const before = readFileSync(temp.databasePath);
    temp.write('b-broken.md', new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x00, 0x01]));
    temp.write('a-large.md', faq('Docker', 121));
    const failure = await seedDatabase({ seedsDir: temp.seedsDir, databasePath: temp.databasePath, workers: 2 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SeedError);
    expect((failure as SeedError).problems.map((problem) => problem.file)).toEqual([
      join(temp.seedsDir, 'b-broken.md'),
    ]);
    expect(readFileSync(temp.databasePath).equals(before)).toBe(true);
    expect(existsSync(`${temp.databasePath}-journal`)).toBe(false);
  });
});
