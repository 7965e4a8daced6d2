import { existsSync, readdirSync, readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { SeedError, seedDatabase } from '../../src/db/seed.js';
import { schemaIsBehind } from '../../src/db/seed-files.js';
import { SearchIndexBuilder } from '../../src/search/index-build.js';
import { BUNDLED_SEED, BUNDLED_SYNONYMS, createTempSeed, type TempSeed } from '../helpers/db.js';

const FAQ = `# Course FAQ

## Docker

- What is a multistage build?
  - A Dockerfile with several FROM stages.
- Where is the base image pulled?
  - Where the Docker daemon runs.
`;

let temps: TempSeed[] = [];
function temp(files: Record<string, string | Uint8Array>): TempSeed {
  const t = createTempSeed({ 'synonyms.yaml': BUNDLED_SYNONYMS, ...files });
  temps.push(t);
  return t;
}
afterEach(() => {
  for (const t of temps) t.cleanup();
  temps = [];
});

/** Another application's SQLite database (no schema_migrations) at the seed's DATABASE_PATH. */
function withForeignDatabase(t: TempSeed): TempSeed {
  t.write('../data/.keep', '');
  const other = new BetterSqlite3(t.databasePath);
  other.exec('CREATE TABLE accounts (id INTEGER)');
  other.close();
  return t;
}

function questionRows(
  path: string,
): { id: string; question: string; content_hash: string; updated_at: string; created_at: string }[] {
  const db = openDatabase(path, { readonly: true });
  try {
    return db
      .prepare('SELECT id, question, content_hash, created_at, updated_at FROM questions ORDER BY seq')
      .all() as never;
  } finally {
    db.close();
  }
}

describe('seedDatabase', () => {
  it('writes every source, topic and question of the seeds folder and reports counts', async () => {
    const t = temp({ 'course.md': FAQ, 'mspt3_24-2-scp.md': BUNDLED_SEED });
    const report = await seedDatabase({
      seedsDir: t.seedsDir,
      databasePath: t.databasePath,
      now: '2026-01-01T00:00:00.000Z',
    });
    expect(report.sources.map((s) => [s.id, s.questions])).toEqual([
      ['course', 2],
      ['mspt3_24-2-scp', 10],
    ]);
    expect(report.totals).toMatchObject({ sources: 2, questions: 12, snippets: 2 });
    const db = openDatabase(t.databasePath, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM questions').get()).toEqual({ n: 12 });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'seeded_at'").pluck().get()).toBe('2026-01-01T00:00:00.000Z');
    db.close();
  });

  it('gives identical ids and timestamps when unchanged content is seeded again', async () => {
    const t = temp({ 'course.md': FAQ });
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, now: '2026-01-01T00:00:00.000Z' });
    const first = questionRows(t.databasePath);
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, now: '2026-02-01T00:00:00.000Z' });
    expect(questionRows(t.databasePath)).toEqual(first);
  });

  it('keeps ids when questions are reordered and moves updatedAt only for an edited answer', async () => {
    const t = temp({ 'course.md': FAQ });
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, now: '2026-01-01T00:00:00.000Z' });
    const [multistage, pulled] = questionRows(t.databasePath);
    t.write(
      'course.md',
      `# Course FAQ

## Docker

- Where is the base image pulled?
  - On the host where the Docker daemon runs, before the first step.
- What is a multistage build?
  - A Dockerfile with several FROM stages.
`,
    );
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, now: '2026-02-01T00:00:00.000Z' });
    const after = questionRows(t.databasePath);
    expect(after.map((q) => q.id)).toEqual([pulled!.id, multistage!.id]);
    expect(after[1]).toEqual(multistage);
    expect(after[0]).toMatchObject({
      id: pulled!.id,
      created_at: pulled!.created_at,
      updated_at: '2026-02-01T00:00:00.000Z',
    });
    expect(after[0]!.content_hash).not.toBe(pulled!.content_hash);
  });

  it('records a removed question as a tombstone with the time it disappeared', async () => {
    const t = temp({ 'course.md': FAQ });
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, now: '2026-01-01T00:00:00.000Z' });
    const [, pulled] = questionRows(t.databasePath);
    t.write('course.md', FAQ.split('- Where is')[0]!);
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, now: '2026-03-01T00:00:00.000Z' });
    const db = openDatabase(t.databasePath, { readonly: true });
    expect(db.prepare('SELECT id, source_id, deleted_at FROM question_tombstones').all()).toEqual([
      { id: pulled!.id, source_id: 'course', deleted_at: '2026-03-01T00:00:00.000Z' },
    ]);
    db.close();
  });

  it.each([
    ['a binary file', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]), /binary/i],
    ['invalid UTF-8', Uint8Array.from([0x2d, 0x20, 0xc3, 0x28, 0x3f, 0x0a]), /UTF-8/i],
    ['an empty file', '', /empty/i],
    ['a whitespace-only file', ' \n\n  \n', /empty/i],
  ])(
    'fails on %s, naming the file, and leaves the previous database byte-for-byte untouched',
    async (_label, bad, reason) => {
      const t = temp({ 'course.md': FAQ });
      await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
      const before = readFileSync(t.databasePath);
      t.write('bad.md', bad);
      let error: unknown;
      try {
        await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(SeedError);
      const problems = (error as SeedError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]!.file).toMatch(/bad\.md$/);
      expect(problems[0]!.reason).toMatch(reason);
      expect(readFileSync(t.databasePath).equals(before)).toBe(true);
      expect(readdirSync(t.dir + '/data')).toEqual(['faq.db']);
    },
  );

  it('reports a file with no recognisable questions as a warning, and as an error with strict', async () => {
    const t = temp({ 'course.md': FAQ, 'notes.md': '# Notes\n\nJust some prose about nothing in particular.\n' });
    const report = await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
    const notes = report.sources.find((s) => s.id === 'notes')!;
    expect(notes.questions).toBe(0);
    expect(notes.warnings.map((w) => w.code)).toContain('FAQ_WARN_NO_QUESTIONS');
    expect(notes.warnings[0]!.file).toMatch(/seeds\/notes\.md$/);
    const before = readFileSync(t.databasePath);
    await expect(seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, strict: true })).rejects.toThrow(
      /notes\.md:\d+: .*--strict/,
    );
    expect(readFileSync(t.databasePath).equals(before)).toBe(true);
  });

  it('parses and reports without creating a database in check mode', async () => {
    const t = temp({ 'course.md': FAQ });
    const report = await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, check: true });
    expect(report.sources[0]).toMatchObject({ id: 'course', questions: 2 });
    expect(report.database).toBeNull();
    expect(existsSync(t.databasePath)).toBe(false);
  });

  it('fails when two files would get the same source id', async () => {
    const t = temp({ 'course.md': FAQ, 'Course.markdown': FAQ });
    await expect(seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath })).rejects.toThrow(
      /source id 'course'/,
    );
  });

  it('fails on a row that breaks a reference (foreign keys are enforced while loading) and keeps the previous database', async () => {
    const t = temp({ 'course.md': FAQ });
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
    const before = readFileSync(t.databasePath);
    // A loader bug: autocomplete keys for a question row that does not exist.
    const add = SearchIndexBuilder.prototype.add;
    const spy = vi.spyOn(SearchIndexBuilder.prototype, 'add').mockImplementation(function (
      this: SearchIndexBuilder,
      seq,
      terms,
    ) {
      add.call(this, seq + 1000, terms);
    });
    try {
      await expect(seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, full: true })).rejects.toThrow(
        /FOREIGN KEY constraint failed/,
      );
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(t.databasePath).equals(before)).toBe(true);
    expect(readdirSync(`${t.dir}/data`)).toEqual(['faq.db']);
  });

  it('fails clearly when the seeds folder does not exist', async () => {
    const t = temp({});
    await expect(seedDatabase({ seedsDir: `${t.dir}/nope`, databasePath: t.databasePath })).rejects.toThrow(
      /does not exist/,
    );
  });

  it('removes temp files left behind by a killed seed', async () => {
    const t = temp({ 'course.md': FAQ });
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
    // pid 2^22+1 is above Linux's pid_max default, so no process has it.
    t.write('../data/faq.db.tmp-4194305-1', 'half-written');
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
    expect(readdirSync(t.dir + '/data')).toEqual(['faq.db']);
  });

  it('keeps a reader of the old file on a complete database while the seed swaps in the new one', async () => {
    const t = temp({ 'course.md': FAQ });
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
    const reader = openDatabase(t.databasePath, { readonly: true });
    t.write('more.md', '# More\n\n- Is this new?\n  - Yes.\n');
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
    expect(reader.prepare('SELECT count(*) AS n FROM questions').get()).toEqual({ n: 2 });
    reader.close();
    expect(questionRows(t.databasePath)).toHaveLength(3);
  });
});

describe('seedDatabase and what is already at DATABASE_PATH', () => {
  it('refuses to replace a file that is not one of our databases, and leaves it as it was', async () => {
    const t = temp({ 'course.md': FAQ });
    t.write('../data/faq.db', 'root:x:0:0:not a database\n');
    const before = readFileSync(t.databasePath);
    await expect(seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath })).rejects.toThrow(
      /is not an SQLite database; refusing to replace it/,
    );
    expect(readFileSync(t.databasePath).equals(before)).toBe(true);
  });

  it("refuses to replace another application's SQLite database", async () => {
    const t = withForeignDatabase(temp({ 'course.md': FAQ }));
    await expect(seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath })).rejects.toThrow(
      /without our schema_migrations table/,
    );
  });
});

describe('a foreign SQLite file at DATABASE_PATH', () => {
  it('is refused with advice that works, where "re-run the seed step" led to a seed that refuses it', async () => {
    const t = withForeignDatabase(temp({ 'course.md': FAQ }));
    let advice = '';
    try {
      openDatabase(t.databasePath, { readonly: true }).close();
    } catch (error) {
      advice = (error as Error).message;
    }
    expect(advice).not.toMatch(/re-run the seed/);
    expect(advice).toMatch(/not an FAQ database/);
    // The advice, followed: the seed refuses the file itself, and a path where no file exists yet seeds and opens.
    await expect(seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath })).rejects.toThrow(/refusing/);
    expect(advice).toMatch(/point DATABASE_PATH at the FAQ database, or at a path where no file exists yet/);
    const fresh = `${t.databasePath}.faq`;
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: fresh });
    expect(questionRows(fresh).map((row) => row.question)).toEqual([
      'What is a multistage build?',
      'Where is the base image pulled?',
    ]);
  });
});

describe('schemaIsBehind', () => {
  it('tells a database built before the newest migration from a current one', async () => {
    const t = temp({ 'course.md': FAQ });
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
    expect(schemaIsBehind(t.databasePath)).toBe(false);
    const db = new BetterSqlite3(t.databasePath);
    db.exec('DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)');
    db.close();
    expect(schemaIsBehind(t.databasePath)).toBe(true);
  });
});
