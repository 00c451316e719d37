import type {
  ZaloCallbackOutcome,
  ZaloConnectInput,
  ZaloConsole,
  ZaloConnectionStatus,
  ZaloOAuthStart,
  ZaloTestInput,
  ZaloTestResult,
} from '../../../contracts/zalo.js';
import { codeChallengeS256, createCodeVerifier, createOAuthState } from '../../channels/zalo/pkce.js';
import { ZaloApiError } from '../../channels/zalo/zalo-error.js';
import type { AppContext } from '../../context.js';
import { sha256Hex } from '../../lib/crypto.js';
import { AppError, ConflictError } from '../../lib/errors.js';
import type { Actor } from '../accounts/policy.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { requireUnit } from '../units/units.service.js';
import * as connections from './zalo-connections.repository.js';
import { connectZalo, disconnectZalo, zaloStatus, zaloWebhookUrl } from './zalo-connections.service.js';
import * as repo from './zalo-oauth.repository.js';
import { openZaloSecret, sealZaloSecret } from './zalo-secrets.js';

// The console's Zalo page (owners and admins): connect through Zalo's consent page (PKCE, state)
// or by pasting tokens, send a test message, disconnect. Secrets go in, never out.

/** The server route Zalo's consent page returns to (registered as the app's callback URL). */
export const ZALO_CALLBACK_PATH = '/console/zalo/callback';
/** How long a started connect waits for Zalo's callback. */
export const ZALO_OAUTH_TTL_MS = 15 * 60_000;
export const ZALO_TEST_TEXT = 'Tin nhắn thử từ Kết nối An ninh: Zalo OA của đơn vị đã được kết nối.';

/** Why a consent callback did not connect the OA; `outcome` is what the console page explains. */
export class ZaloCallbackError extends AppError {
  constructor(
    readonly outcome: Exclude<ZaloCallbackOutcome, 'connected'>,
    message: string,
    /** The unit the connect was for, when known (the page to return to). */
    readonly unitId: string | null = null,
    /** Zalo's error code when the code exchange was refused. */
    readonly zaloCode: number | null = null,
  ) {
    super('invalid', `zalo_${outcome}`, message);
  }
}

export function zaloCallbackUrl(ctx: Pick<AppContext, 'config'>): string {
  return `${ctx.config.http.baseUrl}${ZALO_CALLBACK_PATH}`;
}

/** The unit's connection (never a secret) and the URLs to register with Zalo. */
export async function getZaloConsole(ctx: AppContext, actor: Actor, unitId: string): Promise<ZaloConsole> {
  const unit = await requireUnit(ctx, actor, unitId, 'zalo.manage');
  return {
    connection: await zaloStatus(ctx, unit.id),
    webhookUrl: zaloWebhookUrl(ctx),
    callbackUrl: zaloCallbackUrl(ctx),
  };
}

/**
 * Starts a connect through Zalo's consent page: the PKCE verifier and the app's secrets wait
 * server-side (sealed, single use, ZALO_OAUTH_TTL_MS) under the hash of the state; audited.
 */
export async function startZaloOAuth(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  input: ZaloOAuthStart,
): Promise<{ consentUrl: string }> {
  const unit = await requireUnit(ctx, actor, unitId, 'zalo.manage');
  const verifier = createCodeVerifier();
  const state = createOAuthState();
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    await repo.deleteStale(trx, unit.id, actor.officerId, now);
    await repo.insertPending(trx, {
      stateHash: sha256Hex(state),
      unitId: unit.id,
      officerId: actor.officerId,
      appId: input.appId,
      appSecretSealed: sealZaloSecret(ctx.key, input.appSecret),
      oaSecretKeySealed: sealZaloSecret(ctx.key, input.oaSecretKey),
      codeVerifierSealed: sealZaloSecret(ctx.key, verifier),
      expiresAt: now + ZALO_OAUTH_TTL_MS,
      createdAt: now,
    });
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: unit.id,
        action: 'zalo.oauth_start',
        targetType: 'unit',
        targetId: unit.id,
        details: { appId: input.appId },
      },
      now,
    );
  });
  const consentUrl = ctx.zalo.consentUrl({
    appId: input.appId,
    redirectUri: zaloCallbackUrl(ctx),
    codeChallenge: codeChallengeS256(verifier),
    state,
  });
  return { consentUrl };
}

/** Takes the pending connect of `state` for the signed-in officer who started it (once). */
async function takePending(ctx: AppContext, actor: Actor, state: string) {
  const stateHash = sha256Hex(state);
  const row = await repo.findPending(ctx.database.db, stateHash);
  if (!row) throw new ZaloCallbackError('invalid_state', 'No connect is waiting for this state (used or unknown)');
  // Another officer's browser holding the link must not finish (nor spoil) the owner's connect.
  if (row.officerId !== actor.officerId) {
    throw new ZaloCallbackError('wrong_officer', 'This connect was started by another officer', row.unitId);
  }
  const taken = await ctx.database.transaction((trx) => repo.deletePending(trx, stateHash));
  if (!taken) throw new ZaloCallbackError('invalid_state', 'This connect was already finished', row.unitId);
  if (row.expiresAt <= ctx.clock.now()) {
    throw new ZaloCallbackError('expired_state', 'This connect waited too long; start again', row.unitId);
  }
  return row;
}

/**
 * Finishes a connect at Zalo's callback: checks the state belongs to the officer's pending connect,
 * exchanges the code with its PKCE verifier and stores the connection (audited by connectZalo).
 */
export async function finishZaloOAuth(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  query: { state: string; code: string | null; oaId: string | null },
): Promise<{ unitId: string; status: ZaloConnectionStatus }> {
  const pending = await takePending(ctx, actor, query.state);
  await requireUnit(ctx, actor, pending.unitId, 'zalo.manage');
  if (!query.code || !query.oaId || !/^[0-9]{1,25}$/.test(query.oaId)) {
    throw new ZaloCallbackError('denied', 'Zalo returned no code (access not granted)', pending.unitId);
  }
  const appSecret = openZaloSecret(ctx.key, pending.appSecretSealed);
  let pair;
  try {
    pair = await ctx.zalo.exchangeCode({
      appId: pending.appId,
      appSecret,
      code: query.code,
      codeVerifier: openZaloSecret(ctx.key, pending.codeVerifierSealed),
    });
  } catch (err) {
    if (!(err instanceof ZaloApiError)) throw err;
    throw new ZaloCallbackError('exchange_failed', err.message, pending.unitId, err.zaloCode);
  }
  const input: ZaloConnectInput = {
    oaId: query.oaId,
    appId: pending.appId,
    appSecret,
    oaSecretKey: openZaloSecret(ctx.key, pending.oaSecretKeySealed),
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresIn: pair.expiresInSeconds,
  };
  try {
    const { status } = await connectZalo(ctx, audit, pending.unitId, input);
    return { unitId: pending.unitId, status };
  } catch (err) {
    if (err instanceof ConflictError && err.code === 'zalo_oa_taken') {
      throw new ZaloCallbackError('oa_taken', err.message, pending.unitId);
    }
    throw err;
  }
}

/** Stores tokens pasted from Zalo's API explorer (owners and admins), audited. */
export async function pasteZaloTokens(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  input: ZaloConnectInput,
): Promise<ZaloConnectionStatus> {
  const unit = await requireUnit(ctx, actor, unitId, 'zalo.manage');
  return (await connectZalo(ctx, audit, unit.id, input)).status;
}

/** Disconnects the unit's OA (owners and admins), audited. */
export async function disconnectUnitZalo(ctx: AppContext, actor: Actor, audit: AuditActor, unitId: string) {
  const unit = await requireUnit(ctx, actor, unitId, 'zalo.manage');
  await disconnectZalo(ctx, audit, unit.id);
}

async function sendOnce(ctx: AppContext, unitId: string, input: ZaloTestInput): Promise<string> {
  const message = { kind: 'text' as const, text: input.text ?? ZALO_TEST_TEXT };
  const token = await ctx.zaloTokens.getAccessToken(unitId);
  try {
    return (await ctx.zalo.sendCsMessage(token, input.zaloUserId, message)).messageId;
  } catch (err) {
    if (!(err instanceof ZaloApiError) || err.errorClass !== 'token') throw err;
    // Refused token: refresh once and try once more, as the outbox does.
    const fresh = await ctx.zaloTokens.forceRefresh(unitId, token);
    return (await ctx.zalo.sendCsMessage(fresh, input.zaloUserId, message)).messageId;
  }
}

/** Sends a test cs message to a Zalo user with the unit's tokens and reports what Zalo said; audited. */
export async function sendZaloTest(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  input: ZaloTestInput,
): Promise<ZaloTestResult> {
  const unit = await requireUnit(ctx, actor, unitId, 'zalo.manage');
  const existing = await connections.findByUnit(ctx.database.db, unit.id);
  if (!existing) throw new ConflictError('zalo_not_connected', 'Connect a Zalo OA first');
  let result: ZaloTestResult;
  try {
    result = { sent: true, messageId: await sendOnce(ctx, unit.id, input), error: null };
  } catch (err) {
    if (!(err instanceof ZaloApiError) && !(err instanceof AppError)) throw err;
    const zaloCode = err instanceof ZaloApiError ? err.zaloCode : null;
    result = { sent: false, messageId: null, error: { code: err.code, zaloCode, message: err.message } };
  }
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    if (result.error) await connections.recordError(trx, unit.id, `${result.error.code}: ${result.error.message}`, now);
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: unit.id,
        action: 'zalo.test_message',
        targetType: 'unit',
        targetId: unit.id,
        details: { zaloUserId: input.zaloUserId, sent: result.sent, error: result.error?.code ?? null },
      },
      now,
    );
  });
  return result;
}
