/** How long another process's edit of a unit or a knowledge-base entry may take to show here. */
export const REFERENCE_TTL_MS = 5_000;
const MAX_ENTRIES = 5_000;

/**
 * Read-through cache of reference data that every resident message reads (units, knowledge-base
 * entries, unit notes) but officers rarely change. Edits made by this process clear it at once
 * (after their commit); edits made by another process (PostgreSQL, several servers) show within
 * REFERENCE_TTL_MS. Concurrent misses of one key share one load; a failed load is not kept.
 */
export class ReferenceCache {
  readonly #entries = new Map<string, { value: Promise<unknown>; expires: number }>();

  get<V>(key: string, now: number, load: () => Promise<V>): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<V>;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    const value = load();
    this.#entries.set(key, { value, expires: now + REFERENCE_TTL_MS });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}
