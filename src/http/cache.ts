/**
 * A small least-recently-used map for serialised responses. The database is
 * immutable while the process runs, so an entry never goes stale; the bound
 * keeps memory flat however many distinct ids clients ask for.
 */
export class LruCache<V> {
  readonly #map = new Map<string, V>();
  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`LruCache max must be a positive integer, got ${max}`);
  }

  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.max) {
      const oldest = this.#map.keys().next().value as string;
      this.#map.delete(oldest);
    }
  }

  get size(): number {
    return this.#map.size;
  }
}
