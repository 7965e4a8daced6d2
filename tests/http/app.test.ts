import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { seedDatabase } from '../../src/db/seed.js';
import { createTempSeed, type TempSeed } from '../helpers/db.js';
import { testConfig } from '../helpers/app.js';

let temp: TempSeed | undefined;

/** A seeded database file on disk, through the real seed step. */
async function seededFile(): Promise<TempSeed> {
  const seed = createTempSeed({ 'guide.md': '# G\n\n## T\n\n- Q?\n  - A.\n' });
  mkdirSync(dirname(seed.databasePath), { recursive: true });
  await seedDatabase({ seedsDir: seed.seedsDir, databasePath: seed.databasePath, now: '2026-01-01T00:00:00.000Z' });
  return seed;
}
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

describe('buildApp', () => {
  it('builds a ready app that does not listen', async () => {
    temp = await seededFile();
    const app = buildApp(testConfig({ databasePath: temp.databasePath }));
    await app.ready();
    expect(app.server.listening).toBe(false);
    const res = await app.inject({ url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    await app.close();
  });

  it('opens DATABASE_PATH read-only and closes it with the app', async () => {
    temp = await seededFile();
    const app = buildApp(testConfig({ databasePath: temp.databasePath }));
    await app.ready();
    expect(app.db.readonly).toBe(true);
    await app.close();
    expect(app.db.open).toBe(false);
  });

  it('fails to build when the database file does not exist', () => {
    expect(() => buildApp(testConfig({ databasePath: '/nonexistent/faq.db' }))).toThrow();
  });
});
