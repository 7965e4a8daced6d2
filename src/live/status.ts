/**
 * What content maintainers see about seeding (the `seed` object of
 * /health/ready and /v1/sources): the last good seed and the last failure,
 * with its file:line problems, so a bad save is visible without server logs.
 */

/** One problem of a failed seed, its file relative to SEEDS_DIR. */
export interface SeedStatusProblem {
  file: string;
  line: number | null;
  reason: string;
}

export interface SeedStatus {
  /** True when the server re-seeds on changes under SEEDS_DIR. */
  watching: boolean;
  /** 'ok' while the last attempt succeeded; 'failing' while the served content is older than the files. */
  state: 'ok' | 'failing';
  lastSuccess: { at: string; mode: 'full' | 'incremental' | 'existing'; durationMs: number | null } | null;
  lastFailure: { at: string; message: string; problems: SeedStatusProblem[] } | null;
}

/** The status of a server that does not watch: the database it opened, seeded when it says. */
export function staticStatus(seededAt: string | null): SeedStatus {
  return {
    watching: false,
    state: 'ok',
    lastSuccess: seededAt ? { at: seededAt, mode: 'existing', durationMs: null } : null,
    lastFailure: null,
  };
}
