/** A clock the services read, so tests can move time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Vietnam's offset from UTC (UTC+7 all year): residents' and officers' calendar days. */
export const VIETNAM_OFFSET_MS = 7 * 3600_000;
export const DAY_MS = 86_400_000;

/** The start (epoch ms) of the calendar day in Vietnam that contains `ms`. */
export function vietnamDayStart(ms: number): number {
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS - VIETNAM_OFFSET_MS;
}

/** The calendar day in Vietnam that contains `ms`, as YYYY-MM-DD. */
export function vietnamDay(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
