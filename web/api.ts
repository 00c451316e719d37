import type { Problem } from '../contracts/common';

/** An API error carrying the problem document's stable code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: Problem['errors'];

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? (status >= 500 ? 'internal_error' : 'unknown');
    this.title = problem.title ?? `HTTP ${status}`;
    this.detail = problem.detail;
    this.errors = problem.errors;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the JSON API; throws ApiError for any non-2xx answer. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method: options.method ?? 'GET', credentials: 'same-origin', headers };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  return send<T>(path, init);
}

/** Uploads one file as the multipart field `file`; throws ApiError like `api`. */
export async function apiUpload<T>(path: string, file: Blob, name: string, signal?: AbortSignal): Promise<T> {
  const body = new FormData();
  body.append('file', file, name);
  const init: RequestInit = {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    body,
  };
  if (signal) init.signal = signal;
  return send<T>(path, init);
}

/** Posts a multipart form (fields and files as the caller appended them); throws ApiError like `api`. */
export async function apiForm<T>(path: string, body: FormData): Promise<T> {
  return send<T>(path, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' }, body });
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'network_error', title: 'Network error' });
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? (data as Partial<Problem>) : {};
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

export function isApiError(err: unknown, ...codesOrStatuses: (string | number)[]): err is ApiError {
  if (!(err instanceof ApiError)) return false;
  if (codesOrStatuses.length === 0) return true;
  return codesOrStatuses.some((c) => (typeof c === 'number' ? err.status === c : err.code === c));
}
