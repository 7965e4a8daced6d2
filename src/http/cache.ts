/**
 * A bounded cache for serialised responses, evicting approximately the least
 * recently used entry (CLOCK / second chance): a hit only sets a flag, so the
 * hot path does no map reordering. The database is immutable while the
 * process runs, so an entry never goes stale; the bound keeps memory flat
 * however many distinct ids clients ask for.
 */
interface Slot<V> {
  value: V;
  /** Set on every hit; eviction skips (and clears) it once. */
  recent: boolean;
}

export class LruCache<V> {
  readonly #map = new Map<string, Slot<V>>();
  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`LruCache max must be a positive integer, got ${max}`);
  }

  get(key: string): V | undefined {
    const slot = this.#map.get(key);
    if (slot === undefined) return undefined;
    slot.recent = true;
    return slot.value;
  }

  set(key: string, value: V): void {
    const slot = this.#map.get(key);
    if (slot !== undefined) {
      slot.value = value;
      slot.recent = true;
      return;
    }
    if (this.#map.size >= this.max) this.#evict();
    this.#map.set(key, { value, recent: false });
  }

  /** Drop the oldest entry not used since it was last passed over. Ends: each pass clears flags. */
  #evict(): void {
    for (const [key, slot] of this.#map) {
      this.#map.delete(key);
      if (!slot.recent) return;
      slot.recent = false;
      this.#map.set(key, slot);
    }
  }

  get size(): number {
    return this.#map.size;
  }
}
