import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { SeedError, seedDatabase } from '../../src/db/seed.js';
import { newestSeedTime, readSeedFile, scanSeedsDir } from '../../src/db/seed-files.js';
import { createTempSeed, type TempSeed } from '../helpers/db.js';

const FAQ = '# FAQ\n\n- What is a pod?\n  - The smallest deployable unit.\n';
const SECRET = '# Secret\n\n- What is the password?\n  - hunter2-secret\n';

let temps: TempSeed[] = [];
function temp(files: Record<string, string> = { 'faq.md': FAQ }): TempSeed {
  const t = createTempSeed(files);
  temps.push(t);
  return t;
}
afterEach(() => {
  for (const t of temps) t.cleanup();
  temps = [];
});

function mkfifo(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
}

function questions(databasePath: string): string[] {
  const db = openDatabase(databasePath, { readonly: true });
  try {
    return (db.prepare('SELECT question FROM questions ORDER BY seq').all() as { question: string }[]).map(
      (row) => row.question,
    );
  } finally {
    db.close();
  }
}

describe('what the seed reads from SEEDS_DIR', () => {
  it('skips a symlink that resolves outside SEEDS_DIR, naming it and where it points', () => {
    const t = temp();
    writeFileSync(join(t.dir, 'secret.txt'), SECRET);
    symlinkSync(join(t.dir, 'secret.txt'), join(t.seedsDir, 'secret.md'));
    const listing = scanSeedsDir(t.seedsDir);
    expect(listing.files).toEqual(['faq.md']);
    expect(listing.skipped).toEqual([
      { path: 'secret.md', reason: expect.stringMatching(/^is a symlink to .*secret\.txt, outside SEEDS_DIR$/) },
    ]);
  });

  it('skips dangling links and link loops with a reason each', () => {
    const t = temp();
    symlinkSync(join(t.seedsDir, 'gone.md'), join(t.seedsDir, 'dangling.md'));
    symlinkSync('loop-b.md', join(t.seedsDir, 'loop-a.md'));
    symlinkSync('loop-a.md', join(t.seedsDir, 'loop-b.md'));
    expect(scanSeedsDir(t.seedsDir)).toEqual({
      files: ['faq.md'],
      skipped: [
        { path: 'dangling.md', reason: 'is a dangling symlink' },
        { path: 'loop-a.md', reason: 'is a symlink loop' },
        { path: 'loop-b.md', reason: 'is a symlink loop' },
      ],
    });
  });

  it('skips a FIFO named *.md instead of blocking on it', () => {
    const t = temp();
    mkfifo(join(t.seedsDir, 'pipe.md'));
    expect(scanSeedsDir(t.seedsDir)).toEqual({
      files: ['faq.md'],
      skipped: [{ path: 'pipe.md', reason: 'is a FIFO, not a regular file' }],
    });
    // Swapped in after the listing: reading refuses it without waiting for a writer.
    expect(readSeedFile(join(t.seedsDir, 'pipe.md'), 1024, 'raise it')).toEqual({
      problem: 'is a FIFO, not a regular file',
    });
  });

  it('follows symlinks inside SEEDS_DIR, as a Kubernetes ConfigMap volume lays them out', () => {
    const t = temp({});
    mkdirSync(join(t.seedsDir, '..2026_12_04_10_00_00.123'));
    writeFileSync(join(t.seedsDir, '..2026_12_04_10_00_00.123', 'faq.md'), FAQ);
    symlinkSync('..2026_12_04_10_00_00.123', join(t.seedsDir, '..data'));
    symlinkSync('..data/faq.md', join(t.seedsDir, 'faq.md'));
    expect(scanSeedsDir(t.seedsDir)).toEqual({ files: ['faq.md'], skipped: [] });
  });

  it('walks a folder reached twice (a link back up) once', () => {
    const t = temp();
    mkdirSync(join(t.seedsDir, 'sub'));
    writeFileSync(join(t.seedsDir, 'sub', 'more.md'), FAQ);
    symlinkSync('..', join(t.seedsDir, 'sub', 'up'));
    expect(scanSeedsDir(t.seedsDir)).toEqual({ files: ['faq.md', 'sub/more.md'], skipped: [] });
  });

  it('gives the newest seed time despite dangling links and loops, where it used to throw ENOENT', () => {
    const t = temp();
    symlinkSync(join(t.seedsDir, 'gone.md'), join(t.seedsDir, 'dangling.md'));
    symlinkSync('loop.md', join(t.seedsDir, 'loop.md'));
    expect(newestSeedTime(t.seedsDir)).toBeGreaterThan(0);
  });

  it('seeds the regular files, reports the skipped entries as warnings, and never serves the outside file', async () => {
    const t = temp();
    writeFileSync(join(t.dir, 'secret.txt'), SECRET);
    symlinkSync(join(t.dir, 'secret.txt'), join(t.seedsDir, 'secret.md'));
    symlinkSync('loop.md', join(t.seedsDir, 'loop.md'));
    mkfifo(join(t.seedsDir, 'pipe.md'));
    const report = await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
    expect(report.skipped.map((entry) => entry.file)).toEqual(
      ['loop.md', 'pipe.md', 'secret.md'].map((name) => join(t.seedsDir, name)),
    );
    expect(questions(t.databasePath)).toEqual(['What is a pod?']);
  });

  it('refuses the skipped entries under --strict and leaves the database as it was', async () => {
    const t = temp();
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
    symlinkSync('loop.md', join(t.seedsDir, 'loop.md'));
    const failure = await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, strict: true }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SeedError);
    expect((failure as SeedError).problems).toEqual([
      { file: join(t.seedsDir, 'loop.md'), reason: 'is a symlink loop (--strict)' },
    ]);
    expect(questions(t.databasePath)).toEqual(['What is a pod?']);
  });
});
