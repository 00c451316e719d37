/** What one push service's answer means for one endpoint. */
export type EndpointResult =
  | { kind: 'accepted'; location: string | null }
  | { kind: 'gone' }
  | { kind: 'retry'; ms: number }
  | { kind: 'refused'; error: string };

type Headers = Record<string, string | string[] | undefined>;

const MAX_RETRY_AFTER_MS = 3600_000;

/** Retry-After as seconds or an HTTP date, in ms from `now` (0 when absent or unreadable; at most an hour). */
export function retryAfterMs(value: string | string[] | undefined, now: number): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return 0;
  const ms = /^\d+$/.test(text.trim()) ? Number(text.trim()) * 1000 : Date.parse(text) - now;
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)) : 0;
}

/**
 * Reads a push service's HTTP answer (RFC 8030): 2xx accepted; 404 and 410 the subscription is
 * gone for good; 429 and 5xx try again (after Retry-After); any other 4xx is refused (a bad
 * VAPID token or payload would fail the same way again).
 */
export function classifyPushResponse(status: number, headers: Headers, body: string, now: number): EndpointResult {
  if (status >= 200 && status < 300) {
    const location = headers.location;
    return { kind: 'accepted', location: (Array.isArray(location) ? location[0] : location) ?? null };
  }
  if (status === 404 || status === 410) return { kind: 'gone' };
  if (status === 429 || status >= 500) return { kind: 'retry', ms: retryAfterMs(headers['retry-after'], now) };
  return { kind: 'refused', error: `push service answered ${status}${body ? `: ${body.slice(0, 200)}` : ''}` };
}
