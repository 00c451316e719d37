import type { Role } from '../../../contracts/accounts.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { OfficerRow } from '../../db/schema/index.js';
import { AppError, TooManyRequestsError, UnauthorizedError } from '../../lib/errors.js';
import { decryptSecret, hashPassword, randomToken, sha256Hex, verifyPassword } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { matchTotp } from '../../lib/totp.js';
import { appendAudit } from '../audit/audit.service.js';
import { needsTotp, type RequestMeta } from './accounts.service.js';
import * as repo from './accounts.repository.js';
import {
  ACCOUNT_RULE,
  CLIENT_RULE,
  clientNetwork,
  deviceOf,
  newDeviceToken,
  THROTTLE_PRUNE_AFTER_MS,
  throttleKeys,
} from './login-throttle.js';
import * as throttle from './login-throttle.repository.js';

/** Cookie by which a browser that signed in to an account before is recognised (see login-throttle.ts). */
export const DEVICE_COOKIE = 'kn_device';
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 3600;

let dummyHash: Promise<string> | undefined;

/** Where the attempt comes from, for the throttle: its recognised browser, else its network. */
interface Client {
  keys: { account: string; client: string };
  /** Browsers recognised by their device cookie skip the account-wide wait. */
  recognised: boolean;
  device: string | null;
}

function clientOf(ctx: AppContext, username: string, meta: RequestMeta & { deviceToken?: string | undefined }): Client {
  const device = deviceOf(ctx.key, username, meta.deviceToken);
  const client = device ? `device:${device}` : `net:${clientNetwork(meta.ip)}`;
  return { keys: throttleKeys(ctx.key, username, client), recognised: device !== null, device };
}

/** Counts the attempt on both counters, or refuses it (429, nothing counted) while either wait runs. */
async function admit(ctx: AppContext, client: Client, now: number): Promise<void> {
  await ctx.database.transaction(async (trx) => {
    const retryAt: number[] = [];
    const own = await throttle.admit(trx, client.keys.client, CLIENT_RULE, now);
    if (!own.admitted) retryAt.push(own.retryAt);
    if (!client.recognised) {
      const account = await throttle.admit(trx, client.keys.account, ACCOUNT_RULE, now);
      if (!account.admitted) retryAt.push(account.retryAt);
    }
    // Throwing rolls back whichever counter did count the attempt.
    if (retryAt.length) {
      throw new TooManyRequestsError(
        'login_throttled',
        'Too many failed sign-ins; wait before trying again',
        (Math.max(...retryAt) - now) / 1000,
      );
    }
  });
}

/** Takes back the count of an attempt that was not a wrong guess (right password, code still to come). */
async function refund(ctx: AppContext, client: Client): Promise<void> {
  await ctx.database.transaction(async (trx) => {
    await throttle.refund(trx, client.keys.client);
    if (!client.recognised) await throttle.refund(trx, client.keys.account);
  });
}

/** Refunds the attempt, then throws: for answers that follow a right password. */
async function refuseAfterRightPassword(ctx: AppContext, client: Client, error: AppError): Promise<never> {
  await refund(ctx, client);
  throw error;
}

/**
 * The password (and code) check proper. Unknown usernames cost one scrypt like known ones, and
 * both answer invalid_credentials.
 */
async function checkCredentials(
  ctx: AppContext,
  client: Client,
  input: { username: string; password: string; totp?: string | undefined },
  now: number,
): Promise<{ officer: OfficerRow; totpStep: number | null }> {
  const officer = await repo.findOfficerByUsername(ctx.database.db, input.username);
  if (!officer) {
    dummyHash ??= hashPassword('not-a-real-password', ctx.config.security.passwordCost);
    await verifyPassword(input.password, await dummyHash);
    throw new UnauthorizedError('invalid_credentials', 'Wrong username or password');
  }
  if (!(await verifyPassword(input.password, officer.passwordHash))) {
    throw new UnauthorizedError('invalid_credentials', 'Wrong username or password');
  }
  if (officer.disabledAt !== null) {
    return refuseAfterRightPassword(
      ctx,
      client,
      new AppError('forbidden', 'account_disabled', 'This account has been disabled'),
    );
  }
  const roles = (await repo.grantsOf(ctx.database.db, officer.id)).map((g) => g.role as Role);
  if (officer.totpSecret === null && !needsTotp(roles)) return { officer, totpStep: null };
  if (officer.totpSecret === null) {
    return refuseAfterRightPassword(
      ctx,
      client,
      new AppError('forbidden', 'totp_not_enrolled', 'This role needs two-factor sign-in; ask for a 2FA reset link'),
    );
  }
  if (!input.totp) {
    return refuseAfterRightPassword(
      ctx,
      client,
      new UnauthorizedError('totp_required', 'Enter the 6-digit code from your authenticator app'),
    );
  }
  const step = matchTotp(decryptSecret(ctx.key, officer.totpSecret), input.totp, now);
  // A wrong code counts like a wrong password (the attempt stays counted).
  if (step === null || (officer.totpLastStep !== null && step <= officer.totpLastStep)) {
    throw new UnauthorizedError('invalid_totp', 'The 6-digit code is not valid');
  }
  return { officer, totpStep: step };
}

/**
 * Checks username, password and (when enrolled or required) a TOTP code, under the sign-in
 * throttle; opens a session. Returns the session token and the device cookie to keep.
 */
export async function login(
  ctx: AppContext,
  input: { username: string; password: string; totp?: string | undefined },
  meta: RequestMeta & { deviceToken?: string | undefined },
): Promise<{ token: string; expiresAt: number; deviceToken: string }> {
  const now = ctx.clock.now();
  const client = clientOf(ctx, input.username, meta);
  await admit(ctx, client, now);
  const { officer, totpStep } = await checkCredentials(ctx, client, input, now);
  const token = randomToken();
  const expiresAt = now + ctx.config.security.sessionTtlMs;
  const sessionId = newId();
  await ctx.database.transaction(async (trx) => {
    // Of concurrent requests with one code, only the one that moves the last used step on gets in.
    if (totpStep !== null && !(await repo.consumeTotpStep(trx, officer.id, totpStep))) {
      throw new UnauthorizedError('invalid_totp', 'The 6-digit code is not valid');
    }
    await repo.insertSession(trx, {
      id: sessionId,
      tokenHash: sha256Hex(token),
      officerId: officer.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      revokedAt: null,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    // This client starts afresh; the account counter keeps other clients' failures.
    await throttle.forget(trx, client.keys.client);
    if (!client.recognised) await throttle.refund(trx, client.keys.account);
    await throttle.prune(trx, ctx.database.dialect, now - THROTTLE_PRUNE_AFTER_MS);
    await appendAudit(
      ctx,
      trx,
      { actorId: officer.id, actorName: officer.username, ip: meta.ip },
      { unitId: null, action: 'session.create', targetType: 'session', targetId: sessionId },
      now,
    );
  });
  const deviceToken = client.device && meta.deviceToken ? meta.deviceToken : newDeviceToken(ctx.key, officer.username);
  return { token, expiresAt, deviceToken };
}

/** Clears the throttle of one officer's sign-ins from one address (after their password was reset there). */
export async function forgetClientFailures(
  ctx: AppContext,
  trx: Executor,
  username: string,
  ip: string | null,
): Promise<void> {
  await throttle.forget(trx, throttleKeys(ctx.key, username, `net:${clientNetwork(ip)}`).client);
}
