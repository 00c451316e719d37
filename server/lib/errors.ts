// Errors of the domain. Services throw these; the HTTP layer (http/problem.ts) maps each kind to a
// status and renders problem+json, the CLI prints the code and message. Nothing here knows HTTP.

/** What went wrong, as the caller can act on it. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'unsupported_type'
  | 'unprocessable'
  | 'rate_limited';

/** Base of every expected error; `code` is stable for clients. */
export class AppError extends Error {
  /** Further members of the problem document (e.g. until when a member is muted). */
  extensions: Record<string, string> | undefined;

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    /** For rate_limited: when the caller may try again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super('not_found', 'not_found', `${what} not found`);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this', code = 'forbidden') {
    super('forbidden', code, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = 'unauthenticated', message = 'Sign in first') {
    super('unauthenticated', code, message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super('conflict', code, message);
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string) {
    super('invalid', code, message);
  }
}

export class GoneError extends AppError {
  constructor(code: string, message: string) {
    super('gone', code, message);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super('rate_limited', code, message, Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}
