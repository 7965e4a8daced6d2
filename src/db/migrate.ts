import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

/** `migrations/` at the package root; the same relative path from src/db and dist/db. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Raised when a database and the migration files disagree; never auto-repaired. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_-]+)\.sql$/;

/**
 * Read the numbered `.sql` files of `dir` in order.
 * Versions must start at 1 and have no gaps, so a missing file is noticed.
 */
export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new MigrationError(`${dir}${file}: migration files are named NNNN_name.sql`);
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(
        `migration versions must run 1, 2, 3…; found ${migration.version} at position ${index + 1}`,
      );
    }
  });
  return migrations;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

function hasMigrationsTable(db: Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined
  );
}

function appliedMigrations(db: Database): AppliedRow[] {
  if (!hasMigrationsTable(db)) return [];
  return db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
}

/** Throw unless every applied migration is a known file with the same checksum. */
function verifyApplied(applied: AppliedRow[], migrations: Migration[]): void {
  for (const row of applied) {
    const file = migrations[row.version - 1];
    if (!file) {
      throw new MigrationError(
        `database has migration ${row.version} (${row.name}) that no file in migrations/ provides; it was built by a newer version`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${row.version} (${row.name}) was edited after it was applied; migrations are forward-only, add a new file instead`,
      );
    }
  }
}

/**
 * Apply the pending migrations, each file with its version row in one
 * transaction, so a failing file leaves the database at the previous version.
 * @returns the versions applied by this call
 */
export function migrate(db: Database, migrations: Migration[] = listMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = appliedMigrations(db);
  verifyApplied(applied, migrations);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const done: number[] = [];
  for (const migration of migrations.slice(applied.length)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migration.checksum, new Date().toISOString());
    })();
    done.push(migration.version);
  }
  return done;
}

/**
 * For a database opened read-only: throw unless it holds exactly the
 * migrations the files describe (a server must not serve an older or newer schema).
 */
export function assertMigrated(db: Database, migrations: Migration[] = listMigrations()): void {
  if (!hasMigrationsTable(db)) {
    // Another application's SQLite file: the seed rightly refuses to replace
    // it, so "re-run the seed" would not help.
    throw new MigrationError(
      "it is an SQLite database without our schema_migrations table, so not an FAQ database (another application's?); " +
        'point DATABASE_PATH at the FAQ database, or at a path where no file exists yet and the seed step creates it',
    );
  }
  const applied = appliedMigrations(db);
  verifyApplied(applied, migrations);
  if (applied.length !== migrations.length) {
    throw new MigrationError(
      `database schema is at version ${applied.length} but migrations/ has ${migrations.length}; re-run the seed step (npm run seed) to rebuild it`,
    );
  }
}
