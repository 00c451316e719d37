import type { AuditAction } from '../../../contracts/audit.js';
import type { ResetKind, ResetLinkInfo } from '../../../contracts/accounts.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { CredentialResetRow, OfficerRow } from '../../db/schema/index.js';
import { AppError, BadRequestError, NotFoundError } from '../../lib/errors.js';
import {
  decryptSecret,
  encryptSecret,
  hashPassword,
  randomToken,
  sha256Hex,
  verifyPassword,
} from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import { matchTotp, newTotpSecret, totpUri } from '../../lib/totp.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { auditActor, endSessions, requireManagedOfficer, type RequestMeta } from './accounts.service.js';
import * as repo from './accounts.repository.js';
import type { Actor } from './policy.js';
import { forgetClientFailures } from './sign-in.service.js';

// Password and 2FA resets. In the console a manager (canManageOfficer) issues a one-time link and
// never learns the new password: the officer opens the link and sets it, proving who they are with
// the factor they keep. From the shell an admin resets directly. Every reset ends every session of
// the officer and is audited.

const RESET_TTL_MS = 24 * 3600_000;
/** Wrong proofs (current password or code) a link survives. */
const MAX_PROOF_ATTEMPTS = 5;

const AUDIT_ACTION: Record<ResetKind, AuditAction> = {
  password: 'officer.password_reset',
  totp: 'officer.totp_reset',
  both: 'officer.credentials_reset',
};

function resetUrl(ctx: AppContext, token: string): string {
  return `${ctx.config.http.baseUrl}/console/reset/${token}`;
}

/** Used, expired, replaced, exhausted and unknown links all answer the same. */
function resetGone(): AppError {
  return new AppError('gone', 'reset_link_invalid', 'This link is invalid, used or expired; ask for a new one');
}

/** Issues a one-time reset link for an officer the actor manages; ends the officer's sessions. Audited. */
export async function createResetLink(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  unitId: string,
  officerId: string,
  kind: ResetKind,
): Promise<{ id: string; url: string; expiresAt: string }> {
  const { unit, officer } = await requireManagedOfficer(ctx, actor, unitId, officerId);
  const now = ctx.clock.now();
  const token = randomToken();
  const id = newId();
  const expiresAt = now + RESET_TTL_MS;
  await ctx.database.transaction(async (trx, afterCommit) => {
    await repo.expireCredentialResetsOf(trx, officer.id, now);
    await repo.insertCredentialReset(trx, {
      id,
      tokenHash: sha256Hex(token),
      officerId: officer.id,
      unitId: unit.id,
      kind,
      totpSecret: kind === 'password' ? null : encryptSecret(ctx.key, newTotpSecret()),
      createdBy: actor.officerId,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    // Credentials in question: whoever holds a session with them now is signed out.
    const ended = await endSessions(ctx, trx, afterCommit, { officerId: officer.id }, now);
    await appendAudit(
      ctx,
      trx,
      auditActor(actor, meta),
      {
        unitId: unit.id,
        action: 'officer.reset_link',
        targetType: 'officer',
        targetId: officer.id,
        details: { kind, username: officer.username, revokedSessions: ended.length },
      },
      now,
    );
  });
  return { id, url: resetUrl(ctx, token), expiresAt: toIso(expiresAt) ?? '' };
}

async function loadReset(ctx: AppContext, token: string): Promise<{ reset: CredentialResetRow; officer: OfficerRow }> {
  const db = ctx.database.db;
  const reset = await repo.findCredentialResetByTokenHash(db, sha256Hex(token));
  if (!reset || reset.usedAt !== null || reset.expiresAt <= ctx.clock.now() || reset.attempts >= MAX_PROOF_ATTEMPTS) {
    throw resetGone();
  }
  const officer = await repo.findOfficerById(db, reset.officerId);
  if (!officer) throw resetGone();
  return { reset, officer };
}

/** Which proof of identity a link asks for: the factor the officer keeps. */
function proofsOf(kind: ResetKind, officer: OfficerRow) {
  return { currentPassword: kind === 'totp', currentTotp: kind === 'password' && officer.totpSecret !== null };
}

/** What a reset link lets its officer set, with the new TOTP secret to enrol when it resets 2FA. */
export async function getResetLink(ctx: AppContext, token: string): Promise<ResetLinkInfo> {
  const { reset, officer } = await loadReset(ctx, token);
  const kind = reset.kind as ResetKind;
  const secret = reset.totpSecret ? decryptSecret(ctx.key, reset.totpSecret) : null;
  const proofs = proofsOf(kind, officer);
  return {
    kind,
    username: officer.username,
    displayName: officer.displayName,
    currentPasswordRequired: proofs.currentPassword,
    currentTotpRequired: proofs.currentTotp,
    totpSecret: secret,
    totpUri: secret ? totpUri(secret, officer.username) : null,
    expiresAt: toIso(reset.expiresAt) ?? '',
  };
}

/** Counts a wrong proof against the link (it dies after a few), then refuses. */
async function wrongProof(ctx: AppContext, reset: CredentialResetRow, error: AppError): Promise<never> {
  await ctx.database.transaction((trx) => repo.countResetAttempt(trx, reset.id));
  throw error;
}

/** Checks what the request must carry for the link's kind; returns the TOTP step it proves, if any. */
async function checkResetInput(
  ctx: AppContext,
  reset: CredentialResetRow,
  officer: OfficerRow,
  input: { newPassword?: string | undefined; currentPassword?: string | undefined; totp?: string | undefined },
): Promise<{ step: number | null; fromCurrentSecret: boolean }> {
  const kind = reset.kind as ResetKind;
  const proofs = proofsOf(kind, officer);
  if (kind !== 'totp' && !input.newPassword)
    throw new BadRequestError('new_password_required', 'Choose a new password');
  if (proofs.currentPassword && !input.currentPassword) {
    throw new BadRequestError('current_password_required', 'Enter your current password');
  }
  const secret = reset.totpSecret ?? (proofs.currentTotp ? officer.totpSecret : null);
  if (secret && !input.totp) throw new BadRequestError('totp_required', 'Enter the 6-digit code');
  if (proofs.currentPassword && !(await verifyPassword(input.currentPassword ?? '', officer.passwordHash))) {
    return wrongProof(ctx, reset, new BadRequestError('wrong_password', 'The current password is wrong'));
  }
  if (!secret) return { step: null, fromCurrentSecret: false };
  const step = matchTotp(decryptSecret(ctx.key, secret), input.totp ?? '', ctx.clock.now());
  const invalid = new BadRequestError('invalid_totp', 'The 6-digit code is not valid');
  if (reset.totpSecret) {
    // Enrolling the new secret: a wrong code is a typo, not a guess at someone else's factor.
    if (step === null) throw invalid;
    return { step, fromCurrentSecret: false };
  }
  if (step === null || (officer.totpLastStep !== null && step <= officer.totpLastStep)) {
    return wrongProof(ctx, reset, invalid);
  }
  return { step, fromCurrentSecret: true };
}

/** Uses a reset link: sets the new password and/or 2FA secret, ends every session of the officer. Audited. */
export async function completeReset(
  ctx: AppContext,
  token: string,
  input: { newPassword?: string | undefined; currentPassword?: string | undefined; totp?: string | undefined },
  meta: RequestMeta,
): Promise<{ username: string }> {
  const { reset, officer } = await loadReset(ctx, token);
  const kind = reset.kind as ResetKind;
  const { step, fromCurrentSecret } = await checkResetInput(ctx, reset, officer, input);
  const passwordHash =
    kind !== 'totp' ? await hashPassword(input.newPassword ?? '', ctx.config.security.passwordCost) : null;
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx, afterCommit) => {
    if (!(await repo.claimCredentialReset(trx, reset.id, now, MAX_PROOF_ATTEMPTS))) throw resetGone();
    if (fromCurrentSecret && step !== null && !(await repo.consumeTotpStep(trx, officer.id, step))) {
      throw new BadRequestError('invalid_totp', 'The 6-digit code is not valid');
    }
    await repo.updateOfficer(trx, officer.id, {
      updatedAt: now,
      ...(passwordHash ? { passwordHash } : {}),
      ...(reset.totpSecret ? { totpSecret: reset.totpSecret, totpLastStep: step } : {}),
    });
    const ended = await endSessions(ctx, trx, afterCommit, { officerId: officer.id }, now);
    await forgetClientFailures(ctx, trx, officer.username, meta.ip);
    await appendAudit(
      ctx,
      trx,
      { actorId: officer.id, actorName: officer.username, ip: meta.ip },
      {
        unitId: reset.unitId,
        action: AUDIT_ACTION[kind],
        targetType: 'officer',
        targetId: officer.id,
        details: { via: 'link', resetLinkId: reset.id, revokedSessions: ended.length },
      },
      now,
    );
  });
  return { username: officer.username };
}

/** Applies a reset from the shell: updates the officer, ends their sessions and links, audits. */
async function resetFromShell(
  ctx: AppContext,
  audit: AuditActor,
  username: string,
  kind: Exclude<ResetKind, 'both'>,
  change: (trx: Executor, officer: OfficerRow, now: number) => Promise<void>,
): Promise<{ officerId: string; revokedSessions: number }> {
  const db = ctx.database.db;
  const officer = await repo.findOfficerByUsername(db, username);
  if (!officer) throw new NotFoundError(`Officer "${username}"`);
  // Shown in the audit log of the officer's unit (installation-wide for admins).
  const unitId = (await repo.grantsOf(db, officer.id)).find((g) => g.unitId !== null)?.unitId ?? null;
  const now = ctx.clock.now();
  const revoked = await ctx.database.transaction(async (trx, afterCommit) => {
    await change(trx, officer, now);
    await repo.expireCredentialResetsOf(trx, officer.id, now);
    const ended = await endSessions(ctx, trx, afterCommit, { officerId: officer.id }, now);
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId,
        action: AUDIT_ACTION[kind],
        targetType: 'officer',
        targetId: officer.id,
        details: { via: 'cli', username: officer.username, revokedSessions: ended.length },
      },
      now,
    );
    return ended.length;
  });
  return { officerId: officer.id, revokedSessions: revoked };
}

/** `ketnoi admin reset-password`: sets a new password and ends every session of the officer. */
export async function resetPasswordFromShell(
  ctx: AppContext,
  audit: AuditActor,
  input: { username: string; password: string },
): Promise<{ officerId: string; revokedSessions: number }> {
  const passwordHash = await hashPassword(input.password, ctx.config.security.passwordCost);
  return resetFromShell(ctx, audit, input.username, 'password', (trx, officer, now) =>
    repo.updateOfficer(trx, officer.id, { passwordHash, updatedAt: now }),
  );
}

/** `ketnoi admin reset-2fa`: gives the officer a new TOTP secret (returned as an otpauth URI) and ends their sessions. */
export async function resetTotpFromShell(
  ctx: AppContext,
  audit: AuditActor,
  input: { username: string },
): Promise<{ officerId: string; revokedSessions: number; totpSecret: string; totpUri: string }> {
  const secret = newTotpSecret();
  const result = await resetFromShell(ctx, audit, input.username, 'totp', (trx, officer, now) =>
    repo.updateOfficer(trx, officer.id, {
      totpSecret: encryptSecret(ctx.key, secret),
      totpLastStep: null,
      updatedAt: now,
    }),
  );
  return { ...result, totpSecret: secret, totpUri: totpUri(secret, input.username) };
}
