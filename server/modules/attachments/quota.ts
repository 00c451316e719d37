import { TooManyRequestsError } from '../../lib/errors.js';

// Residents' daily upload allowance. Days are counted in Vietnam's time (UTC+7, no daylight
// saving), so the allowance renews at local midnight.
const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The day number (since the epoch, in Vietnam's time) of an instant. */
export function quotaDay(at: number): number {
  return Math.floor((at + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** 429 until the next local midnight. */
export function uploadQuotaError(now: number): TooManyRequestsError {
  const nextDay = (quotaDay(now) + 1) * DAY_MS - VIETNAM_OFFSET_MS;
  return new TooManyRequestsError(
    'upload_quota',
    'You have sent as many files today as one person may; try again tomorrow',
    (nextDay - now) / 1000,
  );
}
