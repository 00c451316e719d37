/** A clock the services read, so tests can move time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
