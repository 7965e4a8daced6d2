/**
 * Databases for the search benchmarks, built through the real seed step
 * (read → parse → load → search index) from the bundled seed and
 * synonyms plus optional generated questions, cached under .bench/ so
 * repeated runs skip the seed.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../src/db/open.js';
import { seedDatabase } from '../src/db/seed.js';
import { decodeMarkdown, parseFaq } from '../src/ingest/index.js';
import { generateCorpus } from './generate-corpus.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, '.bench');

/**
 * How many questions to ask the generator for so that about `target` end up
 * in the database: some generated shapes lose questions in parsing, so the
 * ratio is measured on a sample (parse only) first.
 */
export function generatedFor(target: number): number {
  const sample = generateCorpus({ questions: 4000, files: 8, seed: 42 });
  let parsed = 0;
  for (const file of sample)
    parsed += parseFaq(decodeMarkdown(Buffer.from(file.markdown, 'utf8'), file.path), { path: file.path }).questions
      .length;
  return Math.ceil((target * 4000) / Math.max(1, parsed));
}

export interface BenchDatabaseOptions {
  /** Generated questions added to the bundled seed (0: the seed alone). */
  generated: number;
  files?: number;
  seed?: number;
}

/**
 * Hash of what shapes the search tables of a seeded database (index-side
 * search modules, migrations, seeds, generator), so a cached one is not stale. Query-side search modules are left out on purpose: tuning
 * ranking must not force a rebuild of a 100,000-question corpus.
 */
function buildFingerprint(): string {
  const hash = createHash('sha256');
  const indexSide = new Set([
    'analyze.ts',
    'tokenize.ts',
    'normalize.ts',
    'hangul.ts',
    'synonyms.ts',
    'synonym-tokens.ts',
    'korean.ts',
    'index-build.ts',
    'glossary.ts',
  ]);
  // Ingest and loader changes by others rarely change what search sees and
  // would force a 10-minute rebuild each time; they are left out.
  for (const dir of ['src/search', 'migrations', 'seeds', 'bench']) {
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      if (dir === 'src/search' && !indexSide.has(entry.name)) continue;
      if (dir === 'bench' && !entry.name.startsWith('generate-corpus')) continue;
      const path = join(entry.parentPath, entry.name);
      hash.update(path).update(readFileSync(path));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * A read-only database holding the bundled seed plus `generated` generated
 * questions. Rebuilt when missing; pass `fresh` to force it.
 */
export async function openBenchDatabase(options: BenchDatabaseOptions, fresh = false): Promise<Database> {
  const files = options.files ?? Math.max(1, Math.ceil(options.generated / 500));
  const path = join(CACHE, `search-${options.generated}-${files}-${options.seed ?? 42}-${buildFingerprint()}.db`);
  if (fresh || !existsSync(path)) {
    const dir = mkdtempSync(join(tmpdir(), 'faq-bench-search-'));
    try {
      const seedsDir = join(dir, 'seeds');
      mkdirSync(seedsDir);
      copyFileSync(join(ROOT, 'seeds', 'mspt3_24-2-scp.md'), join(seedsDir, 'mspt3_24-2-scp.md'));
      copyFileSync(join(ROOT, 'seeds', 'synonyms.yaml'), join(seedsDir, 'synonyms.yaml'));
      if (options.generated > 0) {
        for (const file of generateCorpus({ questions: options.generated, files, seed: options.seed ?? 42 })) {
          writeFileSync(join(seedsDir, file.path), file.markdown);
        }
      }
      mkdirSync(CACHE, { recursive: true });
      await seedDatabase({ seedsDir, databasePath: path, now: '2026-01-01T00:00:00.000Z' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return openDatabase(path, { readonly: true });
}
