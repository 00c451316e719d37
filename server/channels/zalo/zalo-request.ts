import { ZaloApiError, zaloAnswerError } from './zalo-error.js';
import { field, parseJsonKeepingBigIntegers } from './zalo-json.js';

/** Where and how the client reaches Zalo (tests and staging point both bases at a fake). */
export interface ZaloClientOptions {
  /** OA Open API, e.g. https://openapi.zalo.me (config: ZALO_API_BASE). */
  apiBase: string;
  /** OAuth v4, e.g. https://oauth.zaloapp.com (config: ZALO_OAUTH_BASE). */
  oauthBase: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per request, body included; default 10 s (an outbox batch must end well within its lease). */
  timeoutMs?: number;
}

/** The options with their defaults filled in. */
export interface ZaloTransport {
  apiBase: string;
  oauthBase: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export const DEFAULT_ZALO_TIMEOUT_MS = 10_000;

/** Fills in the defaults and drops trailing slashes from the bases. */
export function zaloTransport(options: ZaloClientOptions): ZaloTransport {
  return {
    apiBase: options.apiBase.replace(/\/+$/, ''),
    oauthBase: options.oauthBase.replace(/\/+$/, ''),
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_ZALO_TIMEOUT_MS,
  };
}

function zaloCodeOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n !== 0 ? n : null;
}

/**
 * One HTTP call to Zalo: the answer's JSON (big integers kept exact), or a ZaloApiError for a
 * timeout, a network failure, a non-2xx status, a body that is not JSON, or a non-zero `error`.
 */
export async function zaloFetch(t: ZaloTransport, url: string, init: RequestInit): Promise<unknown> {
  const signal = AbortSignal.timeout(t.timeoutMs);
  let text: string;
  let status: number;
  try {
    const res = await t.fetch(url, { ...init, signal });
    status = res.status;
    text = await res.text();
  } catch (err) {
    if (signal.aborted) {
      throw new ZaloApiError('timeout', null, `Zalo did not answer within ${t.timeoutMs} ms`, { cause: err });
    }
    throw new ZaloApiError('network', null, `Zalo could not be reached: ${String(err)}`, { cause: err });
  }
  if (status < 200 || status >= 300) {
    throw new ZaloApiError(`http:${status}`, null, `Zalo answered HTTP ${status}: ${text.slice(0, 200)}`);
  }
  let body: unknown;
  try {
    body = parseJsonKeepingBigIntegers(text);
  } catch (err) {
    throw new ZaloApiError('bad_response', null, `Zalo's answer is not JSON: ${text.slice(0, 200)}`, { cause: err });
  }
  const zaloCode = zaloCodeOf(field(body, 'error'));
  if (zaloCode !== null) {
    // OA API errors carry `message`; OAuth errors `error_name` (and sometimes `error_description`).
    const message = [field(body, 'message'), field(body, 'error_name'), field(body, 'error_description')].find(
      (m): m is string => typeof m === 'string' && m.length > 0,
    );
    throw zaloAnswerError(zaloCode, message ?? '');
  }
  return body;
}

/** The `data` of a successful OA API answer (an object; an answer without one is a bad response). */
export function dataOf(body: unknown): Record<string, unknown> {
  const data = field(body, 'data');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ZaloApiError('bad_response', null, 'Zalo answered without data');
  }
  return data as Record<string, unknown>;
}

/** POST a JSON body to the OA API with the OA's access token; the answer's `data`. */
export async function oaPostJson(
  t: ZaloTransport,
  accessToken: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const answer = await zaloFetch(t, `${t.apiBase}${path}`, {
    method: 'POST',
    headers: { access_token: accessToken, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return dataOf(answer);
}

/** GET from the OA API, its parameters as one JSON string in `data` (Zalo's convention). */
export async function oaGet(
  t: ZaloTransport,
  accessToken: string,
  path: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ data: JSON.stringify(params) });
  const answer = await zaloFetch(t, `${t.apiBase}${path}?${query.toString()}`, {
    method: 'GET',
    headers: { access_token: accessToken },
  });
  return dataOf(answer);
}

/** POST a multipart form to the OA API (uploads); the answer's `data`. */
export async function oaPostForm(
  t: ZaloTransport,
  accessToken: string,
  path: string,
  form: FormData,
): Promise<Record<string, unknown>> {
  const answer = await zaloFetch(t, `${t.apiBase}${path}`, {
    method: 'POST',
    headers: { access_token: accessToken },
    body: form,
  });
  return dataOf(answer);
}
