// Zalo answers failures with HTTP 200 and a non-zero `error` (§5 of the platform brief). What the
// outbox and the token manager do about one depends only on its class; the table below is the one
// place a code's class is decided, so a code found to behave otherwise on a real OA is one line.

/** What the caller should do about a failed Zalo call. */
export type ZaloErrorClass =
  /** -32: the app or OA hit its rate limit — back off, then retry. */
  | 'rate_limited'
  /** The access token is invalid or expired — refresh once, then retry once. */
  | 'token'
  /** The resident has not written in 7 days — not retried; the officer is told why. */
  | 'window_closed'
  /** Permanent for this message (blocked, banned, bad request, OA or app not set up, grant lost). */
  | 'not_allowed'
  /** The Zalo group link no longer works (GMF asset expired, OA not in the group). */
  | 'group_expired'
  /** Anything else, network failures, timeouts and 5xx — retry with back-off, then fail. */
  | 'retry';

/** Zalo error codes whose class is not 'retry'. Codes not listed (-100, -200, -211, -234, …) retry. */
export const ZALO_ERROR_CLASSES: ReadonlyMap<number, ZaloErrorClass> = new Map<number, ZaloErrorClass>([
  [-32, 'rate_limited'],
  [-216, 'token'], // Access token is invalid
  [-220, 'token'], // access_token is expired or removed
  [-124, 'token'], // token error on some surfaces (§2.2)
  [-230, 'window_closed'], // no interaction in the past 7 days
  [-232, 'window_closed'], // no interaction, or the last one expired
  [-227, 'not_allowed'], // user banned or inactive over 45 days
  [-213, 'not_allowed'], // user has not followed the OA
  [-217, 'not_allowed'], // user blocked the OA
  [-244, 'not_allowed'], // user restricted this message type
  [-201, 'not_allowed'], // a field is invalid
  [-204, 'not_allowed'], // OA disabled
  [-205, 'not_allowed'], // OA does not exist
  [-209, 'not_allowed'], // API not supported (app not activated)
  [-210, 'not_allowed'], // parameter exceeds the limit
  [-212, 'not_allowed'], // app has not registered this API
  [-219, 'not_allowed'], // app removed or disabled
  [-221, 'not_allowed'], // OA must be verified
  [-223, 'not_allowed'], // OA has not authorised this API
  [-224, 'not_allowed'], // OA tier package needed
  [-233, 'not_allowed'], // message type invalid or not supported
  [-235, 'not_allowed'], // API does not support this type of OA
  [-240, 'not_allowed'], // v2 message API shut down
  [-248, 'not_allowed'], // violates platform standards
  [-237, 'group_expired'], // group disabled (GMF asset expired)
  [-403, 'group_expired'], // OA is not in the group: the link is broken all the same
  // OAuth (§2): a refused code or refresh token will not work on a second try; reconnect the OA.
  [-14002, 'not_allowed'], // app inactive
  [-14003, 'not_allowed'], // invalid redirect uri
  [-14014, 'not_allowed'], // invalid refresh token (used, expired or revoked)
]);

/** OAuth v4's own family (-14xxx): a refused code, verifier, secret or refresh token stays refused. */
function isOAuthError(zaloCode: number): boolean {
  return zaloCode <= -14000 && zaloCode > -15000;
}

/** The class of a Zalo error code; null (no Zalo code: network, timeout, HTTP status) retries. */
export function classifyZaloError(zaloCode: number | null): ZaloErrorClass {
  if (zaloCode === null) return 'retry';
  return ZALO_ERROR_CLASSES.get(zaloCode) ?? (isOAuthError(zaloCode) ? 'not_allowed' : 'retry');
}

/**
 * A failed Zalo call. `code` is stable: `zalo:<n>` for an error Zalo answered (OA API and OAuth),
 * `http:<status>`, `timeout`, `network` or `bad_response` (all retried) and `bad_request` (a message
 * Zalo would refuse, never sent: not_allowed) for the rest; `zaloCode` is Zalo's number.
 */
export class ZaloApiError extends Error {
  readonly code: string;
  readonly zaloCode: number | null;
  readonly errorClass: ZaloErrorClass;

  constructor(
    code: string,
    zaloCode: number | null,
    message: string,
    /** errorClass: for failures without a Zalo code that a retry cannot mend (a message we must not send). */
    options: { cause?: unknown; errorClass?: ZaloErrorClass } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ZaloApiError';
    this.code = code;
    this.zaloCode = zaloCode;
    this.errorClass = options.errorClass ?? classifyZaloError(zaloCode);
  }
}

/** The error for a Zalo answer carrying a non-zero `error`. */
export function zaloAnswerError(zaloCode: number, message: string): ZaloApiError {
  return new ZaloApiError(`zalo:${zaloCode}`, zaloCode, message || `Zalo error ${zaloCode}`);
}
