/**
 * Test databases built through the real path (decode → parse → migrate →
 * load), from inline markdown. Every test gets its own database.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { decodeMarkdown, parseFaq } from '../../src/ingest/index.js';
import { loadDocuments, type PreviousState } from '../../src/db/load.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDatabase } from '../../src/db/seed.js';
import { parseSynonyms } from '../../src/search/synonyms.js';

/** The bundled seed document, for tests about the real content. */
export const BUNDLED_SEED = readFileSync(new URL('../../seeds/mspt3_24-2-scp.md', import.meta.url), 'utf8');
/** The bundled synonyms file. */
export const BUNDLED_SYNONYMS = readFileSync(new URL('../../seeds/synonyms.yaml', import.meta.url), 'utf8');

export interface TestDatabaseOptions {
  /** Seed time, fixed so assertions on timestamps are exact. */
  now?: string;
  /** synonyms.yaml text; defaults to the bundled file. */
  synonyms?: string;
  previous?: PreviousState;
}

/** An in-memory database seeded from `{ 'path.md': markdown }`. */
export function createTestDatabase(files: Record<string, string>, options: TestDatabaseOptions = {}): Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const docs = Object.entries(files).map(([path, markdown]) =>
    parseFaq(decodeMarkdown(Buffer.from(markdown, 'utf8'), path), { path }),
  );
  const synonyms = parseSynonyms(options.synonyms ?? BUNDLED_SYNONYMS, 'synonyms.yaml');
  loadDocuments(db, docs, { now: options.now ?? '2026-01-01T00:00:00.000Z', previous: options.previous, synonyms });
  return db;
}

/** A database seeded from the bundled FAQ document only. */
export function createBundledDatabase(options: TestDatabaseOptions = {}): Database {
  return createTestDatabase({ 'mspt3_24-2-scp.md': BUNDLED_SEED }, options);
}

export interface TempSeed {
  dir: string;
  seedsDir: string;
  databasePath: string;
  /** Write (or overwrite) a seed file. */
  write(path: string, content: string | Uint8Array): void;
  cleanup(): void;
}

/** A temp folder with `seeds/` and a `data/faq.db` path, for seed and server tests. */
export function createTempSeed(files: Record<string, string | Uint8Array> = {}): TempSeed {
  const dir = mkdtempSync(join(tmpdir(), 'faq-test-'));
  const seedsDir = join(dir, 'seeds');
  mkdirSync(seedsDir);
  const write = (path: string, content: string | Uint8Array): void => {
    mkdirSync(dirname(join(seedsDir, path)), { recursive: true });
    writeFileSync(join(seedsDir, path), content);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return {
    dir,
    seedsDir,
    databasePath: join(dir, 'data', 'faq.db'),
    write,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A seeded database file on disk (through seedDatabase), for tests that need a path. */
export async function createTestDatabaseFile(files: Record<string, string>): Promise<TempSeed> {
  const temp = createTempSeed({ 'synonyms.yaml': BUNDLED_SYNONYMS, ...files });
  await seedDatabase({ seedsDir: temp.seedsDir, databasePath: temp.databasePath, now: '2026-01-01T00:00:00.000Z' });
  return temp;
}

/** Everything a client could see in a database file, in a comparable form (rows as JSON, sorted). */
export function dumpDatabase(path: string): Record<string, string[]> {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const tables = [
      'sources',
      'topics',
      'source_topics',
      'questions',
      'answers',
      'snippets',
      'links',
      'images',
      'meta',
      'search_docs',
      'search_vocab',
      'search_suggest_keys',
    ];
    return Object.fromEntries(
      tables.map((table) => [
        table,
        db
          .prepare(`SELECT * FROM ${table}`)
          .raw()
          .all()
          .map((row) => JSON.stringify(row))
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}
