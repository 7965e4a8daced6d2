/**
 * Notices changes under SEEDS_DIR. fs.watch (recursive) gives prompt events
 * for ordinary saves, rename-saves and files coming and going; a watch on
 * the parent folder sees SEEDS_DIR itself replaced (a git-sync symlink
 * swap); and a cheap poll of the files' identity (real path, size, mtime,
 * inode) catches what events miss: the ConfigMap `..data` symlink swap,
 * filesystems without events, a watch lost with its folder. Bursts are
 * debounced into one call.
 */
import { type FSWatcher, realpathSync, statSync, watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { listSeedFiles, SYNONYMS_FILE } from '../db/seed-files.js';

export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs. */
  debounceMs?: number;
  /** How often the files' identity is compared (catches what events miss). */
  pollMs?: number;
}

/** Identity of everything a seed reads: changes whenever a seed could give another result. */
export function seedsSignature(dir: string): string {
  const parts: string[] = [];
  try {
    parts.push(realpathSync(dir));
    for (const file of [...listSeedFiles(dir), SYNONYMS_FILE]) {
      try {
        const s = statSync(join(dir, file));
        parts.push(`${file}\0${s.size}\0${s.mtimeMs}\0${s.ino}`);
      } catch {
        // gone (or no synonyms file): its absence is part of the signature
      }
    }
  } catch (error) {
    parts.push(`unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parts.join('\n');
}

/**
 * Call `onChange` (debounced) whenever the seeds under `dir` may have changed.
 * @returns a function that stops watching
 */
export function watchSeeds(dir: string, onChange: () => void, options: WatchOptions = {}): () => void {
  const { debounceMs = 150, pollMs = 1000 } = options;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let signature = seedsSignature(dir);
  const fire = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      signature = seedsSignature(dir);
      onChange();
    }, debounceMs);
  };

  const watchers: FSWatcher[] = [];
  let tree: FSWatcher | undefined;
  const watchTree = (): void => {
    tree?.close();
    try {
      // The real folder: after a symlink swap the new target is watched.
      tree = watch(realpathSync(dir), { recursive: true }, fire);
      tree.on('error', () => tree?.close());
    } catch {
      tree = undefined; // gone for now: the poll notices when it is back
    }
  };
  watchTree();
  try {
    const parent = watch(dirname(dir), (_event, name) => {
      if (name === null || String(name) === dir.split('/').pop()) {
        watchTree();
        fire();
      }
    });
    parent.on('error', () => parent.close());
    watchers.push(parent);
  } catch {
    // No parent to watch (a root folder): the poll covers it.
  }
  const poll = setInterval(() => {
    const now = seedsSignature(dir);
    if (now !== signature) {
      signature = now;
      watchTree();
      fire();
    }
  }, pollMs);
  poll.unref();

  return () => {
    closed = true;
    clearTimeout(timer);
    clearInterval(poll);
    tree?.close();
    for (const w of watchers) w.close();
  };
}
