import type { InviteInfo, PendingInvite, Role } from '../../../contracts/accounts.js';
import type { AppContext } from '../../context.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { decryptSecret, encryptSecret, hashPassword, randomToken, sha256Hex } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import { matchTotp, newTotpSecret, totpUri } from '../../lib/totp.js';
import { appendAudit } from '../audit/audit.service.js';
import * as unitsRepo from '../units/units.repository.js';
import { requireUnit } from '../units/units.service.js';
import { auditActor, inviteUrl, needsTotp, type RequestMeta } from './accounts.service.js';
import * as repo from './accounts.repository.js';
import { canWithdrawInvite, grantableRoles, type Actor } from './policy.js';

const INVITE_TTL_MS = 72 * 3600_000;

/** Used, withdrawn, expired and unknown links all answer the same. */
function inviteGone(): AppError {
  return new AppError('gone', 'invite_invalid', 'This link is invalid, used or expired; ask for a new one');
}

/** Creates a one-time link with which a new officer sets their password (and 2FA) for a unit role. */
export async function createInvite(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  unitId: string,
  input: { role: Role; displayName: string },
): Promise<{ id: string; url: string; expiresAt: string }> {
  const unit = await requireUnit(ctx, actor, unitId, 'unit.read');
  if (!grantableRoles(actor, unit).includes(input.role)) {
    throw new ForbiddenError(`You cannot give the role ${input.role} in this unit`);
  }
  const now = ctx.clock.now();
  const token = randomToken();
  const id = newId();
  const expiresAt = now + INVITE_TTL_MS;
  await ctx.database.transaction(async (trx) => {
    await repo.insertInvite(trx, {
      id,
      tokenHash: sha256Hex(token),
      role: input.role,
      unitId: unit.id,
      displayName: input.displayName,
      totpSecret: needsTotp([input.role]) ? encryptSecret(ctx.key, newTotpSecret()) : null,
      createdBy: actor.officerId,
      createdAt: now,
      expiresAt,
      usedAt: null,
      officerId: null,
      withdrawnAt: null,
    });
    await appendAudit(
      ctx,
      trx,
      auditActor(actor, meta),
      {
        unitId: unit.id,
        action: 'invite.create',
        targetType: 'invite',
        targetId: id,
        details: { role: input.role, displayName: input.displayName },
      },
      now,
    );
  });
  return { id, url: inviteUrl(ctx, token), expiresAt: toIso(expiresAt) ?? '' };
}

async function loadInvite(ctx: AppContext, token: string) {
  const invite = await repo.findInviteByTokenHash(ctx.database.db, sha256Hex(token));
  const now = ctx.clock.now();
  if (!invite || invite.usedAt !== null || invite.withdrawnAt !== null || invite.expiresAt <= now) throw inviteGone();
  return invite;
}

/** What an invite link grants, with the TOTP secret to enrol when the role needs one. */
export async function getInvite(ctx: AppContext, token: string): Promise<InviteInfo> {
  const invite = await loadInvite(ctx, token);
  const unit = invite.unitId ? await unitsRepo.findUnitById(ctx.database.db, invite.unitId) : undefined;
  const secret = invite.totpSecret ? decryptSecret(ctx.key, invite.totpSecret) : null;
  return {
    role: invite.role as Role,
    unitName: unit?.displayName ?? null,
    displayName: invite.displayName,
    totpRequired: secret !== null,
    totpSecret: secret,
    totpUri: secret ? totpUri(secret, invite.displayName ?? invite.role) : null,
    expiresAt: toIso(invite.expiresAt) ?? '',
  };
}

/** Accepts an invite: creates the officer with the chosen username and password, proving 2FA enrolment. */
export async function acceptInvite(
  ctx: AppContext,
  token: string,
  input: { username: string; password: string; displayName?: string | undefined; totp?: string | undefined },
  meta: RequestMeta,
): Promise<{ officerId: string }> {
  const invite = await loadInvite(ctx, token);
  const now = ctx.clock.now();
  let totpStep: number | null = null;
  if (invite.totpSecret) {
    if (!input.totp)
      throw new AppError('invalid', 'totp_required', 'Enter the 6-digit code shown by your authenticator app');
    totpStep = matchTotp(decryptSecret(ctx.key, invite.totpSecret), input.totp, now);
    if (totpStep === null) throw new AppError('invalid', 'invalid_totp', 'The 6-digit code is not valid');
  }
  const passwordHash = await hashPassword(input.password, ctx.config.security.passwordCost);
  const officerId = newId();
  await ctx.database.transaction(async (trx) => {
    if (await repo.findOfficerByUsername(trx, input.username)) {
      throw new ConflictError('username_taken', 'This username is taken');
    }
    await repo.insertOfficer(trx, {
      id: officerId,
      username: input.username,
      displayName: input.displayName ?? invite.displayName ?? input.username,
      passwordHash,
      totpSecret: invite.totpSecret,
      totpLastStep: totpStep,
      disabledAt: null,
      createdAt: now,
      updatedAt: now,
    });
    if (!(await repo.claimInvite(trx, invite.id, officerId, now))) throw inviteGone();
    await repo.insertRole(trx, {
      id: newId(),
      officerId,
      unitId: invite.unitId,
      role: invite.role as Role,
      createdAt: now,
    });
    await appendAudit(
      ctx,
      trx,
      { actorId: officerId, actorName: input.username, ip: meta.ip },
      {
        unitId: invite.unitId,
        action: 'invite.accept',
        targetType: 'officer',
        targetId: officerId,
        details: { role: invite.role, inviteId: invite.id },
      },
      now,
    );
  });
  return { officerId };
}

/** A unit's pending invites (owners of the unit and admins), each saying whether the actor may withdraw it. */
export async function listPendingInvites(ctx: AppContext, actor: Actor, unitId: string): Promise<PendingInvite[]> {
  const unit = await requireUnit(ctx, actor, unitId, 'officer.manage');
  const rows = await repo.listPendingInvites(ctx.database.db, unit.id, ctx.clock.now());
  return rows.map((r) => ({
    id: r.id,
    role: r.role as Role,
    displayName: r.displayName,
    createdByName: r.createdByName,
    createdAt: toIso(r.createdAt) ?? '',
    expiresAt: toIso(r.expiresAt) ?? '',
    canWithdraw: canWithdrawInvite(actor, unit, r.role as Role),
  }));
}

/** Withdraws a pending invite: its link then answers like a used one. Audited. */
export async function withdrawInvite(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  unitId: string,
  inviteId: string,
): Promise<void> {
  const unit = await requireUnit(ctx, actor, unitId, 'officer.manage');
  const invite = await repo.findInviteInUnit(ctx.database.db, inviteId, unit.id);
  if (!invite) throw new NotFoundError('Invite');
  if (!canWithdrawInvite(actor, unit, invite.role as Role)) throw new ForbiddenError('You cannot withdraw this invite');
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    if (!(await repo.withdrawInvite(trx, invite.id, now))) throw inviteGone();
    await appendAudit(
      ctx,
      trx,
      auditActor(actor, meta),
      {
        unitId: unit.id,
        action: 'invite.withdraw',
        targetType: 'invite',
        targetId: invite.id,
        details: { role: invite.role, displayName: invite.displayName },
      },
      now,
    );
  });
}
