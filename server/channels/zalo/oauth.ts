import { ZaloApiError } from './zalo-error.js';
import { zaloFetch, type ZaloTransport } from './zalo-request.js';

// OAuth v4 for an OA (§2 of the platform brief): one form-encoded endpoint exchanges a consent code
// or a refresh token for a new pair, the app secret in a `secret_key` header. A refresh token is
// single-use: the caller must persist the new pair before using it, and never refresh twice at once.

export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives, as Zalo said (a string there; 90000 = 25 h in most reports). */
  expiresInSeconds: number;
}

function tokenPairOf(body: unknown): ZaloTokenPair {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = record;
  const seconds = typeof expiresIn === 'string' || typeof expiresIn === 'number' ? Number(expiresIn) : NaN;
  if (typeof accessToken !== 'string' || !accessToken || typeof refreshToken !== 'string' || !refreshToken) {
    throw new ZaloApiError('bad_response', null, 'Zalo answered the token request without a token pair');
  }
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ZaloApiError('bad_response', null, 'Zalo answered the token request without a valid expires_in');
  }
  return { accessToken, refreshToken, expiresInSeconds: Math.floor(seconds) };
}

async function tokenRequest(t: ZaloTransport, appSecret: string, form: Record<string, string>): Promise<ZaloTokenPair> {
  const body = await zaloFetch(t, `${t.oauthBase}/v4/oa/access_token`, {
    method: 'POST',
    headers: { secret_key: appSecret, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return tokenPairOf(body);
}

/** Exchanges the code from the consent callback (with its PKCE verifier) for the OA's first token pair. */
export async function exchangeCode(
  t: ZaloTransport,
  input: { appId: string; appSecret: string; code: string; codeVerifier?: string },
): Promise<ZaloTokenPair> {
  return tokenRequest(t, input.appSecret, {
    app_id: input.appId,
    grant_type: 'authorization_code',
    code: input.code,
    ...(input.codeVerifier ? { code_verifier: input.codeVerifier } : {}),
  });
}

/** Trades a refresh token (used up by this call) for a new access and refresh token pair. */
export async function refreshAccessToken(
  t: ZaloTransport,
  input: { appId: string; appSecret: string; refreshToken: string },
): Promise<ZaloTokenPair> {
  return tokenRequest(t, input.appSecret, {
    app_id: input.appId,
    grant_type: 'refresh_token',
    refresh_token: input.refreshToken,
  });
}

/**
 * The link an OA admin opens to grant the app access; Zalo redirects to `redirectUri` with
 * `code`, `oa_id` and `state`. The redirect URI must equal the app's registered callback (-14003).
 */
export function consentUrl(
  t: Pick<ZaloTransport, 'oauthBase'>,
  input: { appId: string; redirectUri: string; codeChallenge: string; state: string },
): string {
  const query = new URLSearchParams({
    app_id: input.appId,
    redirect_uri: input.redirectUri,
    code_challenge: input.codeChallenge,
    state: input.state,
  });
  return `${t.oauthBase}/v4/oa/permission?${query.toString()}`;
}
