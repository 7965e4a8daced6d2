import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ParseCache, parserFingerprint } from '../../src/db/parse-cache.js';
import { parseSeedFiles } from '../../src/db/parse-files.js';
import { seedDatabase } from '../../src/db/seed.js';
import { DEFAULT_SEED_LIMITS } from '../../src/db/seed-limits.js';
import { createTempSeed, dumpDatabase, type TempSeed } from '../helpers/db.js';

const faq = (topic: string, n: number): string =>
  `# ${topic} FAQ\n\n## ${topic}\n\n${Array.from({ length: n }, (_, i) => `- How do I use ${topic} ${i}?\n  - Like this ${i}.\n`).join('\n')}`;

const FILES = { 'docker.md': faq('Docker', 3), 'kubernetes.md': faq('Kubernetes', 4), 'linux.md': faq('Linux', 2) };

let temp: TempSeed;
afterEach(() => temp?.cleanup());

function cacheIn(dir: string, synonyms: string[][] = []): ParseCache {
  const code = parserFingerprint();
  if (!code) throw new Error('no parser fingerprint: node_modules/.package-lock.json not found');
  return new ParseCache(join(dir, 'cache'), synonyms, code);
}

async function parseWith(cache: ParseCache) {
  const files = readdirSync(temp.seedsDir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  return parseSeedFiles(temp.seedsDir, files, { cache, workers: 0 });
}

describe('the parse cache', () => {
  it('reuses every unchanged file on the next parse, with the same outcome', async () => {
    temp = createTempSeed(FILES);
    const first = await parseWith(cacheIn(temp.dir));
    const cache = cacheIn(temp.dir);
    const second = await parseWith(cache);
    expect(cache.hits).toBe(3);
    expect(second).toEqual(first);
  });

  it('parses a changed file again and reuses the others', async () => {
    temp = createTempSeed(FILES);
    await parseWith(cacheIn(temp.dir));
    temp.write('docker.md', faq('Docker', 5));
    const cache = cacheIn(temp.dir);
    const outcomes = await parseWith(cache);
    expect(cache.hits).toBe(2);
    const docker = outcomes.find((o) => o.file === 'docker.md');
    expect(docker && 'doc' in docker ? docker.doc.questions.length : 0).toBe(5);
  });

  it('misses when the synonyms change, since search terms include their tokens', async () => {
    temp = createTempSeed(FILES);
    await parseWith(cacheIn(temp.dir));
    const cache = cacheIn(temp.dir, [['docker', '도커']]);
    await parseWith(cache);
    expect(cache.hits).toBe(0);
  });

  it('misses when the seed limits change, so a stored parse never escapes a stricter limit', async () => {
    temp = createTempSeed(FILES);
    await parseWith(cacheIn(temp.dir));
    const code = parserFingerprint()!;
    const stricter = new ParseCache(join(temp.dir, 'cache'), [], code, { ...DEFAULT_SEED_LIMITS, maxNesting: 1 });
    await parseWith(stricter);
    expect(stricter.hits).toBe(0);
  });

  it('treats a corrupt entry as a miss and replaces it', async () => {
    temp = createTempSeed(FILES);
    await parseWith(cacheIn(temp.dir));
    for (const name of readdirSync(join(temp.dir, 'cache')))
      writeFileSync(join(temp.dir, 'cache', name), 'not a v8 value');
    const cache = cacheIn(temp.dir);
    const outcomes = await parseWith(cache);
    expect(cache.hits).toBe(0);
    expect(outcomes.every((o) => 'doc' in o)).toBe(true);
    const again = cacheIn(temp.dir);
    await parseWith(again);
    expect(again.hits).toBe(3);
  });

  it('keeps only the entries of the files parsed last', async () => {
    temp = createTempSeed(FILES);
    await parseWith(cacheIn(temp.dir));
    expect(readdirSync(join(temp.dir, 'cache'))).toHaveLength(3);
    temp.write('linux.md', faq('Linux', 3));
    await parseWith(cacheIn(temp.dir));
    expect(readdirSync(join(temp.dir, 'cache'))).toHaveLength(3);
  });

  it('is ignored when its folder cannot be written', async () => {
    temp = createTempSeed(FILES);
    writeFileSync(join(temp.dir, 'cache'), 'a file where the folder should be');
    const outcomes = await parseWith(cacheIn(temp.dir));
    expect(outcomes.filter((o) => 'doc' in o)).toHaveLength(3);
  });

  it('gives a seed from the cache the very database a seed without it gives', async () => {
    temp = createTempSeed(FILES);
    const now = '2026-01-01T00:00:00.000Z';
    const cacheDir = join(temp.dir, 'cache');
    await seedDatabase({ seedsDir: temp.seedsDir, databasePath: join(temp.dir, 'a.db'), now, cacheDir });
    await seedDatabase({ seedsDir: temp.seedsDir, databasePath: join(temp.dir, 'b.db'), now, cacheDir });
    await seedDatabase({ seedsDir: temp.seedsDir, databasePath: join(temp.dir, 'c.db'), now });
    expect(readdirSync(cacheDir)).toHaveLength(3);
    expect(dumpDatabase(join(temp.dir, 'b.db'))).toEqual(dumpDatabase(join(temp.dir, 'c.db')));
    expect(dumpDatabase(join(temp.dir, 'a.db'))).toEqual(dumpDatabase(join(temp.dir, 'c.db')));
  });
});

describe('the parse cache and a file that changes during a seed', () => {
  it('stores the parse of the bytes it hashed, so the next seed serves exactly what the file says', async () => {
    temp = createTempSeed(FILES);
    const original = FILES['linux.md'];
    const edited = faq('Linux', 5);
    const files = ['docker.md', 'kubernetes.md', 'linux.md'];
    const questionCount = (outcomes: Awaited<ReturnType<typeof parseSeedFiles>>): number => {
      const linux = outcomes.find((o) => o.file === 'linux.md');
      return linux && 'doc' in linux ? linux.doc.questions.length : -1;
    };
    // linux.md is edited while the seed is busy with the files before it.
    let edit = true;
    await parseSeedFiles(temp.seedsDir, files, {
      cache: cacheIn(temp.dir),
      workers: 0,
      onOutcome: () => {
        if (edit) temp.write('linux.md', edited);
        edit = false;
      },
    });
    // The edit is undone before the next seed: it must serve the file as it
    // is, not a parse stored under another text's key.
    temp.write('linux.md', original);
    expect(questionCount(await parseWith(cacheIn(temp.dir)))).toBe(2);
    temp.write('linux.md', edited);
    expect(questionCount(await parseWith(cacheIn(temp.dir)))).toBe(5);
  });
});
