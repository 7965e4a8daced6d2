import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { BUNDLED_SEED, BUNDLED_SYNONYMS, createTempSeed, type TempSeed } from '../helpers/db.js';

const TSX = ['--import', 'tsx', 'src/cli/seed.ts'];

let temps: TempSeed[] = [];
afterEach(() => {
  for (const t of temps) t.cleanup();
  temps = [];
});
function temp(files: Record<string, string | Uint8Array>): TempSeed {
  const t = createTempSeed({ 'synonyms.yaml': BUNDLED_SYNONYMS, ...files });
  temps.push(t);
  return t;
}

function seed(t: TempSeed, ...args: string[]) {
  return spawnSync(process.execPath, [...TSX, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SEEDS_DIR: t.seedsDir, DATABASE_PATH: t.databasePath },
  });
}

describe('npm run seed', () => {
  it('prints a short human summary of the bundled seed', () => {
    const t = temp({ 'mspt3_24-2-scp.md': BUNDLED_SEED });
    const run = seed(t);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'mspt3_24-2-scp.md  "MSP T3 - mspt3_24-2차 (SCP Track)"  3 topics, 10 questions, 2 snippets',
    );
    expect(run.stdout).toMatch(
      /seeded .*faq\.db in [\d.]+ s \(full\): 1 source, 3 topics, 10 questions, \d+ answers, 2 snippets, \d+ links?, \d+ images?, 0 unplaced blocks/,
    );
    // Again, nothing changed: the same summary (a full seed while in-place updates are off, src/db/seed.ts).
    expect(seed(t).stdout).toMatch(/seeded .*faq\.db in [\d.]+ s \(full\): 1 source, 3 topics, 10 questions/);
  });

  it('prints only the JSON summary on stdout with --json', () => {
    const t = temp({ 'mspt3_24-2-scp.md': BUNDLED_SEED, 'empty-ish.md': '# Title only\n\nProse.\n' });
    const run = seed(t, '--json');
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.sources).toEqual([
      expect.objectContaining({
        id: 'empty-ish',
        path: 'empty-ish.md',
        title: 'Title only',
        topics: 0,
        questions: 0,
        snippets: 0,
        warnings: [expect.objectContaining({ code: 'FAQ_WARN_NO_QUESTIONS', line: expect.any(Number) })],
      }),
      {
        id: 'mspt3_24-2-scp',
        path: 'mspt3_24-2-scp.md',
        title: 'MSP T3 - mspt3_24-2차 (SCP Track)',
        topics: 3,
        questions: 10,
        snippets: 2,
        unplaced: 0,
        warnings: [],
      },
    ]);
  });

  it('exits non-zero with one line naming the bad file and writes nothing', () => {
    const t = temp({ 'mspt3_24-2-scp.md': BUNDLED_SEED });
    expect(seed(t).status).toBe(0);
    const before = readFileSync(t.databasePath);
    t.write('broken.md', Uint8Array.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
    const run = seed(t);
    expect(run.status).toBe(1);
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('seed: error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/broken\.md: .*UTF-8/);
    expect(readFileSync(t.databasePath).equals(before)).toBe(true);
  });

  it('checks without writing and exits non-zero on errors with --check', () => {
    const t = temp({ 'mspt3_24-2-scp.md': BUNDLED_SEED });
    const ok = seed(t, '--check');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/checked 1 source .*10 questions.*nothing written/);
    t.write('empty.md', '');
    const bad = seed(t, '--check');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/empty\.md: .*empty/);
  });

  it('turns warnings into errors with --strict', () => {
    const t = temp({ 'prose.md': '# Prose\n\nNo questions here.\n' });
    expect(seed(t).status).toBe(0);
    const strict = seed(t, '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/prose\.md:\d+: /);
  });

  it('answers hostile files with one line each and no stack trace, and finishes despite a FIFO and a loop', () => {
    const t = temp({ 'mspt3_24-2-scp.md': BUNDLED_SEED, 'quotes.md': `# Q\n\n${'> '.repeat(20_000)}x\n` });
    t.write('big.md', `# Big\n\n${'- Why?\n  - Because.\n'.repeat(4000)}`);
    symlinkSync('loop.md', join(t.seedsDir, 'loop.md'));
    expect(spawnSync('mkfifo', [join(t.seedsDir, 'pipe.md')]).status).toBe(0);
    const run = spawnSync(process.execPath, TSX, {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, SEEDS_DIR: t.seedsDir, DATABASE_PATH: t.databasePath, SEED_MAX_FILE_SIZE: '64KB' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // Progress lines ('seed: parsed …') come too when the machine is slow.
    const lines = run.stderr.split('\n').filter((line) => /^seed: (error|failed)/.test(line));
    expect(lines).toEqual([
      expect.stringMatching(
        /^seed: error: .*big\.md: is 78\.1 KB, over the file size limit of 64 KB; raise SEED_MAX_FILE_SIZE/,
      ),
      expect.stringMatching(
        /^seed: error: .*quotes\.md:3: quotes or list items nested 20000 deep, over the nesting limit of 100; raise SEED_MAX_NESTING/,
      ),
      `seed: failed; ${t.databasePath} is unchanged`,
    ]);
    const ok = spawnSync(process.execPath, TSX, {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        SEEDS_DIR: t.seedsDir,
        DATABASE_PATH: t.databasePath,
        SEED_MAX_NESTING: '1000',
        SEED_MAX_FILE_SIZE: '64KB',
      },
    });
    expect(ok.stderr).toMatch(/nested 20000 deep, over the nesting limit of 1000/);
  }, 120_000);

  it('rejects an unknown flag with usage', () => {
    const t = temp({ 'mspt3_24-2-scp.md': BUNDLED_SEED });
    const run = seed(t, '--jsn');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/usage: npm run seed/);
  });

  it('leaves the previous database untouched when the seed is killed while writing', async () => {
    const files = generateCorpus({ questions: 2_000, files: 4 });
    const t = temp({ 'mspt3_24-2-scp.md': BUNDLED_SEED });
    expect(seed(t).status).toBe(0);
    const before = readFileSync(t.databasePath);
    for (const file of files) t.write(file.path, file.markdown);
    const child = spawn(process.execPath, [...TSX], {
      env: { ...process.env, SEEDS_DIR: t.seedsDir, DATABASE_PATH: t.databasePath },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // The new database is written to a temp file beside the old one: kill as soon as it appears.
    const dataDir = dirname(t.databasePath);
    while (child.exitCode === null && !readdirSync(dataDir).some((name) => name.includes('.tmp-'))) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    await exited;
    expect(readFileSync(t.databasePath).equals(before)).toBe(true);
  }, 60_000);
});
