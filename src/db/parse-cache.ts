/**
 * A cache of parsed seed files, so a re-seed only parses the files that
 * changed. Markdown parsing is nearly all of a large seed's time (micromark
 * runs at well under 1 MB/s per core here), while most re-seeds change one
 * file of many.
 *
 * An entry is keyed by everything its content depends on: the file's path
 * and bytes, the synonyms (search terms include their tokens), the seed
 * limits (a file is only stored once it passed them), and a
 * fingerprint of the code that parses — every file of src/ingest and
 * src/search (or their compiled dist/ copies) plus node_modules/.package-lock.json,
 * which npm rewrites whenever an installed package changes, and patches/. Any change there
 * misses, so a stale parse is never reused. Entries are v8-serialised
 * outcomes written atomically (temp file + rename); anything unreadable is a
 * miss. The cache is only an optimisation: every error in it is ignored.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { SynonymSets } from '../search/synonyms.js';
import type { ParseOutcome } from './parse-files.js';
import { DEFAULT_SEED_LIMITS, type SeedLimits } from './seed-limits.js';

const here = dirname(fileURLToPath(import.meta.url));
const ENTRY = /^[0-9a-f]{64}\.v8$/u;

/** The folder npm-based tools conventionally cache in: node_modules/.cache/faq-seed, if node_modules is found. */
export function defaultCacheDir(): string | undefined {
  const lock = findPackageLock();
  return lock ? join(dirname(lock), '.cache', 'faq-seed') : undefined;
}

function findPackageLock(): string | undefined {
  for (let dir = here; ; dir = dirname(dir)) {
    const lock = join(dir, 'node_modules', '.package-lock.json');
    if (existsSync(lock)) return lock;
    if (dirname(dir) === dir) return undefined;
  }
}

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, path);
    else if (entry.isFile()) hash.update(`${entry.name}\0`).update(readFileSync(path));
  }
}

let fingerprint: string | null | undefined;

/** Hash of the parsing code and installed packages; null when they cannot be read (no cache then). */
export function parserFingerprint(): string | null {
  if (fingerprint !== undefined) return fingerprint;
  try {
    const lock = findPackageLock();
    if (!lock) return (fingerprint = null);
    const hash = createHash('sha256').update(readFileSync(lock));
    // This folder (parse-files, search-terms) and the two that parse and analyse.
    for (const dir of [here, resolve(here, '../ingest'), resolve(here, '../search')]) hashTree(hash, dir);
    // patch-package's patches change installed code without touching the lock file.
    const patches = join(dirname(dirname(lock)), 'patches');
    if (existsSync(patches)) hashTree(hash, patches);
    fingerprint = hash.digest('hex');
  } catch {
    fingerprint = null;
  }
  return fingerprint;
}

/** Parsed seed files by content, in one folder. */
export class ParseCache {
  private readonly used = new Set<string>();
  private readonly salt: string;
  /** Files reused so far. */
  hits = 0;

  /**
   * @param dir The cache folder (created on first write).
   * @param synonyms The seed's synonyms: part of every key.
   * @param code The parser fingerprint (see parserFingerprint).
   * @param limits The seed limits: a file parsed under laxer ones must be checked again.
   */
  constructor(
    readonly dir: string,
    synonyms: SynonymSets,
    code: string,
    limits: SeedLimits = DEFAULT_SEED_LIMITS,
  ) {
    this.salt = createHash('sha256')
      .update(code)
      .update(JSON.stringify(synonyms))
      .update(JSON.stringify(limits))
      .digest('hex');
  }

  /** The key of a file's parse: its path and bytes under this code and synonyms. */
  key(file: string, bytes: Uint8Array): string {
    return createHash('sha256').update(this.salt).update(`${file}\0`).update(bytes).digest('hex');
  }

  /** The cached outcome for `key`, or undefined. */
  get(key: string): ParseOutcome | undefined {
    this.used.add(key);
    try {
      const outcome = deserialize(readFileSync(join(this.dir, `${key}.v8`))) as ParseOutcome;
      if (!outcome || typeof outcome !== 'object' || !('doc' in outcome)) return undefined;
      this.hits += 1;
      return outcome;
    } catch {
      return undefined;
    }
  }

  /** Store an outcome (documents only: unreadable files are cheap to find again). */
  put(key: string, outcome: ParseOutcome): void {
    this.used.add(key);
    if (!('doc' in outcome)) return;
    const path = join(this.dir, `${key}.v8`);
    const temp = `${path}.tmp-${process.pid}`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temp, serialize(outcome));
      renameSync(temp, path);
    } catch {
      try {
        rmSync(temp, { force: true });
      } catch {
        // The folder itself is unusable (read-only, or a file): no cache.
      }
    }
  }

  /** Remove the entries this seed did not use, so the cache holds one seeds folder's worth. */
  prune(): void {
    try {
      for (const name of readdirSync(this.dir)) {
        if (ENTRY.test(name) ? !this.used.has(name.slice(0, -3)) : name.includes('.v8.tmp-'))
          rmSync(join(this.dir, name), { force: true });
      }
    } catch {
      // Nothing cached yet, or the folder is read-only: nothing to prune.
    }
  }
}
