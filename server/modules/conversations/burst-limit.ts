/** Messages a resident may send per window before getting 429. */
export const RESIDENT_BURST = { max: 20, windowMs: 10_000 };

/** A sliding-window limit per key (e.g. 20 messages per 10 s per resident), in process memory. */
export class BurstLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records a hit; returns 0 when allowed, otherwise the milliseconds until the next hit is. */
  hit(key: string, now: number): number {
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.max) {
      this.hits.set(key, list);
      return (list[0] ?? now) + this.windowMs - now;
    }
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 50_000) this.prune(since);
    return 0;
  }

  private prune(since: number): void {
    for (const [k, v] of this.hits) if (!v.some((t) => t > since)) this.hits.delete(k);
  }
}
