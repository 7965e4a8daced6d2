import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { assertMigrated, listMigrations, migrate, MigrationError } from '../../src/db/migrate.js';

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'faq-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return `${dir}/`;
}

describe('migrate', () => {
  it('applies every file of migrations/ in order and records each version', () => {
    const db = new BetterSqlite3(':memory:');
    const applied = migrate(db);
    const files = listMigrations();
    expect(applied).toEqual(files.map((m) => m.version));
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(files.map((m) => ({ version: m.version, name: m.name })));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'questions'").get()).toBeTruthy();
  });

  it('applies nothing the second time', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    expect(migrate(db)).toEqual([]);
  });

  it('applies only the new file when a migration is added', () => {
    const dir = migrationsDir({ '0001_a.sql': 'CREATE TABLE a (x INTEGER) STRICT;' });
    const db = new BetterSqlite3(':memory:');
    migrate(db, listMigrations(dir));
    writeFileSync(join(dir, '0002_b.sql'), 'CREATE TABLE b (y INTEGER) STRICT;');
    expect(migrate(db, listMigrations(dir))).toEqual([2]);
  });

  it('rolls back a failing migration file together with its version row', () => {
    const dir = migrationsDir({
      '0001_a.sql': 'CREATE TABLE a (x INTEGER) STRICT;',
      '0002_bad.sql': 'CREATE TABLE b (y INTEGER); SELECT * FROM nowhere;',
    });
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, listMigrations(dir))).toThrow(/nowhere/);
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
  });

  it('refuses a database whose applied migration was edited afterwards', () => {
    const dir = migrationsDir({ '0001_a.sql': 'CREATE TABLE a (x INTEGER) STRICT;' });
    const db = new BetterSqlite3(':memory:');
    migrate(db, listMigrations(dir));
    writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE a (x TEXT) STRICT;');
    expect(() => migrate(db, listMigrations(dir))).toThrow(MigrationError);
    expect(() => migrate(db, listMigrations(dir))).toThrow(/forward-only/);
  });

  it('refuses a database built by a newer version with more migrations', () => {
    const dir = migrationsDir({
      '0001_a.sql': 'CREATE TABLE a (x INTEGER) STRICT;',
      '0002_b.sql': 'CREATE TABLE b (y INTEGER) STRICT;',
    });
    const db = new BetterSqlite3(':memory:');
    migrate(db, listMigrations(dir));
    const older = listMigrations(dir).slice(0, 1);
    expect(() => assertMigrated(db, older)).toThrow(/newer version/);
  });

  it('reports a database that is behind the migration files', () => {
    const dir = migrationsDir({
      '0001_a.sql': 'CREATE TABLE a (x INTEGER) STRICT;',
      '0002_b.sql': 'CREATE TABLE b (y INTEGER) STRICT;',
    });
    const db = new BetterSqlite3(':memory:');
    migrate(db, listMigrations(dir).slice(0, 1));
    expect(() => assertMigrated(db, listMigrations(dir))).toThrow(/version 1 but migrations\/ has 2/);
  });

  it('rejects a gap in the numbering and a badly named file', () => {
    expect(() => listMigrations(migrationsDir({ '0001_a.sql': '', '0003_c.sql': '' }))).toThrow(/1, 2, 3/);
    expect(() => listMigrations(migrationsDir({ 'init.sql': '' }))).toThrow(/NNNN_name\.sql/);
  });
});
