import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SeedError, seedDatabase, type SeedProblem } from '../../src/db/seed.js';
import { DEFAULT_SEED_LIMITS, formatBytes, type SeedLimits } from '../../src/db/seed-limits.js';
import { createTempSeed, type TempSeed } from '../helpers/db.js';

const FAQ = '# FAQ\n\n- What is a pod?\n  - The smallest deployable unit.\n';

let temps: TempSeed[] = [];
afterEach(() => {
  for (const t of temps) t.cleanup();
  temps = [];
});

/** A seeded database, then `files` added: the problems of the second seed, and whether the database kept its bytes. */
async function reseedWith(
  files: Record<string, string>,
  limits: Partial<SeedLimits> = {},
): Promise<{ problems: SeedProblem[]; unchanged: boolean }> {
  const t = createTempSeed({ 'faq.md': FAQ });
  temps.push(t);
  await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
  const before = readFileSync(t.databasePath);
  for (const [path, content] of Object.entries(files)) t.write(path, content);
  const failure = await seedDatabase({
    seedsDir: t.seedsDir,
    databasePath: t.databasePath,
    limits: { ...DEFAULT_SEED_LIMITS, ...limits },
  }).catch((error: unknown) => error);
  if (!(failure instanceof SeedError)) throw new Error(`expected a SeedError, got ${String(failure)}`);
  const problems = failure.problems.map((p) => ({ ...p, file: p.file.slice(t.seedsDir.length + 1) }));
  return { problems, unchanged: readFileSync(t.databasePath).equals(before) };
}

describe('seed limits', () => {
  it('refuses 20,000 nested quotes with the file, line, limit and how to raise it, where the parser overflowed its stack', async () => {
    const { problems, unchanged } = await reseedWith({ 'quotes.md': `# Q\n\n- Deep?\n  - ${'> '.repeat(20_000)}x\n` });
    expect(problems).toEqual([
      {
        file: 'quotes.md',
        line: 4,
        reason:
          'quotes or list items nested 20002 deep, over the nesting limit of 100; raise SEED_MAX_NESTING (now 100) to seed it',
      },
    ]);
    expect(unchanged).toBe(true);
  });

  it('refuses 20,000 nested list items at once, where the parser never finished', async () => {
    const { problems } = await reseedWith({ 'items.md': `# Q\n\n${'- '.repeat(20_000)}x\n` });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'items.md',
        line: 3,
        reason: expect.stringMatching(/^quotes or list items nested 20000 deep/),
      }),
    ]);
  });

  it('follows a raised nesting limit', async () => {
    const t = createTempSeed({ 'faq.md': `# FAQ\n\n- What is deep?\n  - ${'> '.repeat(150)}very\n` });
    temps.push(t);
    const limits = { ...DEFAULT_SEED_LIMITS, maxNesting: 200 };
    const report = await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, limits });
    expect(report.totals?.questions).toBe(1);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const big = `${FAQ}\n${'- Why?\n  - Because.\n'.repeat(200)}`;
    const { problems, unchanged } = await reseedWith({ 'big.md': big }, { maxFileBytes: 1024 });
    expect(problems).toEqual([
      {
        file: 'big.md',
        reason: `is ${formatBytes(Buffer.byteLength(big))}, over the file size limit of 1 KB; raise SEED_MAX_FILE_SIZE (now 1 KB) to seed it`,
      },
    ]);
    expect(unchanged).toBe(true);
  });

  it('refuses an answer over the answer size limit, naming its question and line', async () => {
    const answer = 'x'.repeat(3000);
    const { problems, unchanged } = await reseedWith(
      { 'long.md': `# FAQ\n\n- Short?\n  - Yes.\n- Why is this answer so long?\n  - ${answer}\n` },
      { maxAnswerBytes: 2048 },
    );
    expect(problems).toEqual([
      {
        file: 'long.md',
        line: 5,
        reason:
          'the answer to "Why is this answer so long?" is 2.9 KB, over the answer size limit of 2 KB; raise SEED_MAX_ANSWER_SIZE (now 2 KB) to seed it',
      },
    ]);
    expect(unchanged).toBe(true);
  });

  it('names the file in one line when a parse step fails on it, instead of throwing', async () => {
    // 5,000 nested <div>s: no quote or list, but the HTML steps after micromark recurse per level.
    const html = `${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}`;
    const { problems } = await reseedWith({ 'divs.md': `# Q\n\n- Deep?\n  - ${html}\n` });
    expect(problems).toEqual([{ file: 'divs.md', reason: 'cannot be parsed: Maximum call stack size exceeded' }]);
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 bytes'],
    [1536, '1.5 KB'],
    [10 * 1024 * 1024, '10 MB'],
  ])('writes %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
