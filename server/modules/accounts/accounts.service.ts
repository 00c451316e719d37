import {
  ROLES_REQUIRING_TOTP,
  type InviteInfo,
  type Me,
  type Officer,
  type Role,
} from '../../../contracts/accounts.js';
import type { AppContext } from '../../context.js';
import type { OfficerRow } from '../../db/schema/index.js';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../lib/errors.js';
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
import * as unitsRepo from '../units/units.repository.js';
import { requireUnit } from '../units/units.service.js';
import * as repo from './accounts.repository.js';
import { can, canManageOfficer, canSee, grantableRoles, type Action, type Actor, type Grant } from './policy.js';

const LOCK_AFTER_FAILURES = 5;
const MAX_LOCK_MS = 60 * 60_000;
const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
const TOUCH_EVERY_MS = 60_000;
const INVITE_TTL_MS = 72 * 3600_000;
const SETUP_TTL_MS = 24 * 3600_000;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export const SESSION_COOKIE = 'kn_session';

let dummyHash: Promise<string> | undefined;

function needsTotp(roles: string[]): boolean {
  return roles.some((r) => (ROLES_REQUIRING_TOTP as readonly string[]).includes(r));
}

function auditActor(actor: Actor, meta: RequestMeta): AuditActor {
  return { actorId: actor.officerId, actorName: actor.username, ip: meta.ip };
}

/** An Actor's audit identity for a request. */
export { auditActor };

/** Checks username, password and (when enrolled or required) a TOTP code; opens a session. */
export async function login(
  ctx: AppContext,
  input: { username: string; password: string; totp?: string | undefined },
  meta: RequestMeta,
): Promise<{ token: string; expiresAt: number }> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const officer = await repo.findOfficerByUsername(db, input.username);
  if (!officer) {
    // Spend the same time as a real check so usernames cannot be probed by timing.
    dummyHash ??= hashPassword('not-a-real-password', ctx.config.security.passwordCost);
    await verifyPassword(input.password, await dummyHash);
    throw new UnauthorizedError('invalid_credentials', 'Wrong username or password');
  }
  if (officer.lockedUntil !== null && officer.lockedUntil > now) {
    throw new TooManyRequestsError(
      'account_locked',
      'Too many failed sign-ins; try again later',
      (officer.lockedUntil - now) / 1000,
    );
  }
  const fail = async (code: string, message: string): Promise<never> => {
    const failures = officer.failedLogins + 1;
    const lockedUntil =
      failures >= LOCK_AFTER_FAILURES
        ? now + Math.min(MAX_LOCK_MS, 60_000 * 2 ** (failures - LOCK_AFTER_FAILURES))
        : null;
    await ctx.database.transaction((trx) =>
      repo.updateOfficer(trx, officer.id, { failedLogins: failures, lockedUntil }),
    );
    throw new UnauthorizedError(code, message);
  };
  if (!(await verifyPassword(input.password, officer.passwordHash))) {
    return fail('invalid_credentials', 'Wrong username or password');
  }
  if (officer.disabledAt !== null)
    throw new AppError('forbidden', 'account_disabled', 'This account has been disabled');
  const grants = await repo.grantsOf(db, officer.id);
  let totpStep: number | null = null;
  if (officer.totpSecret !== null || needsTotp(grants.map((g) => g.role))) {
    if (officer.totpSecret === null) {
      throw new AppError(
        'forbidden',
        'totp_not_enrolled',
        'This role needs two-factor sign-in; ask an admin for a new invite',
      );
    }
    if (!input.totp) throw new UnauthorizedError('totp_required', 'Enter the 6-digit code from your authenticator app');
    totpStep = matchTotp(decryptSecret(ctx.key, officer.totpSecret), input.totp, now);
    if (totpStep === null || (officer.totpLastStep !== null && totpStep <= officer.totpLastStep)) {
      return fail('invalid_totp', 'The 6-digit code is not valid');
    }
  }
  const token = randomToken();
  const expiresAt = now + ctx.config.security.sessionTtlMs;
  const sessionId = newId();
  await ctx.database.transaction(async (trx) => {
    await repo.updateOfficer(trx, officer.id, {
      failedLogins: 0,
      lockedUntil: null,
      ...(totpStep !== null ? { totpLastStep: totpStep } : {}),
    });
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
    await appendAudit(
      ctx,
      trx,
      { actorId: officer.id, actorName: officer.username, ip: meta.ip },
      { unitId: null, action: 'session.create', targetType: 'session', targetId: sessionId },
      now,
    );
  });
  return { token, expiresAt };
}

/** Resolves a session cookie to an Actor, sliding its expiry; null when not signed in. */
export async function authenticate(ctx: AppContext, token: string): Promise<Actor | null> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const session = await repo.findLiveSession(db, sha256Hex(token), now);
  if (!session) return null;
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) {
    const expiresAt = Math.min(now + ctx.config.security.sessionTtlMs, session.createdAt + SESSION_ABSOLUTE_MS);
    await ctx.database.transaction((trx) => repo.touchSession(trx, session.id, now, expiresAt));
  }
  return actorOf(ctx, session);
}

async function actorOf(
  ctx: AppContext,
  session: { id: string; officerId: string; username: string; displayName: string },
): Promise<Actor> {
  const grants: Grant[] = (await repo.grantsOf(ctx.database.db, session.officerId)).map((g) => ({
    role: g.role as Role,
    unitId: g.unitId,
    unitPath: g.unitPath ?? '',
    unitName: g.unitName,
  }));
  return {
    officerId: session.officerId,
    username: session.username,
    displayName: session.displayName,
    sessionId: session.id,
    grants,
  };
}

/** The officer behind a session while it is live, with their current roles; never extends it (live streams re-check with this). */
export async function actorOfLiveSession(ctx: AppContext, sessionId: string): Promise<Actor | null> {
  const session = await repo.findLiveSessionById(ctx.database.db, sessionId, ctx.clock.now());
  return session ? actorOf(ctx, session) : null;
}

/** Whether a session is still live and may still do `action` in a unit. */
export async function sessionMayStill(
  ctx: AppContext,
  sessionId: string,
  unitId: string,
  action: Action,
): Promise<boolean> {
  const actor = await actorOfLiveSession(ctx, sessionId);
  if (!actor) return false;
  const unit = await unitsRepo.findUnitById(ctx.database.db, unitId);
  return unit !== undefined && canSee(actor, unit) && can(actor, action, unit);
}

/** Ends the current session. */
export async function logout(ctx: AppContext, actor: Actor, meta: RequestMeta): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx, afterCommit) => {
    await repo.revokeSession(trx, actor.sessionId, now);
    afterCommit(() => ctx.bus.sessionsEnded({ officerId: actor.officerId, sessionId: actor.sessionId }));
    await appendAudit(
      ctx,
      trx,
      auditActor(actor, meta),
      {
        unitId: null,
        action: 'session.revoke',
        targetType: 'session',
        targetId: actor.sessionId,
      },
      now,
    );
  });
}

/** The signed-in officer and the roles they hold. */
export async function me(ctx: AppContext, actor: Actor): Promise<Me> {
  const officer = await repo.findOfficerById(ctx.database.db, actor.officerId);
  if (!officer) throw new UnauthorizedError();
  return {
    officer: {
      id: officer.id,
      username: officer.username,
      displayName: officer.displayName,
      totpEnabled: officer.totpSecret !== null,
    },
    roles: actor.grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitName })),
  };
}

function presentOfficer(row: OfficerRow & { role: string }): Officer {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    totpEnabled: row.totpSecret !== null,
    disabled: row.disabledAt !== null,
    createdAt: toIso(row.createdAt) ?? '',
  };
}

/** Officers of a unit. */
export async function listOfficers(ctx: AppContext, actor: Actor, unitId: string): Promise<Officer[]> {
  const unit = await requireUnit(ctx, actor, unitId, 'officer.read');
  return (await repo.listOfficersOfUnit(ctx.database.db, unit.id)).map(presentOfficer);
}

function inviteUrl(ctx: AppContext, token: string): string {
  return `${ctx.config.http.baseUrl}/console/invite/${token}`;
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
  if (!invite || invite.usedAt !== null || invite.expiresAt <= now) {
    throw new AppError('gone', 'invite_invalid', 'This link is invalid, used or expired; ask for a new one');
  }
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
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
    });
    if (!(await repo.claimInvite(trx, invite.id, officerId, now))) {
      throw new AppError('gone', 'invite_invalid', 'This link is invalid, used or expired; ask for a new one');
    }
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

/** Disables (revoking every session) or re-enables an officer of a unit. */
export async function setOfficerDisabled(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  unitId: string,
  officerId: string,
  disabled: boolean,
): Promise<Officer> {
  const unit = await requireUnit(ctx, actor, unitId, 'officer.read');
  const db = ctx.database.db;
  const roles = (await repo.rolesInUnit(db, officerId, unit.id)) as Role[];
  const officer = roles.length ? await repo.findOfficerById(db, officerId) : undefined;
  if (!officer) throw new NotFoundError('Officer');
  if (!canManageOfficer(actor, unit, officerId, roles)) throw new ForbiddenError('You cannot change this officer');
  const now = ctx.clock.now();
  const disabledAt = disabled ? (officer.disabledAt ?? now) : null;
  await ctx.database.transaction(async (trx, afterCommit) => {
    if (disabled) afterCommit(() => ctx.bus.sessionsEnded({ officerId: officer.id, sessionId: null }));
    await repo.updateOfficer(trx, officer.id, {
      disabledAt,
      updatedAt: now,
      ...(disabled ? {} : { failedLogins: 0, lockedUntil: null }),
    });
    const revoked = disabled ? await repo.revokeSessionsOf(trx, officer.id, now) : 0;
    await appendAudit(
      ctx,
      trx,
      auditActor(actor, meta),
      {
        unitId: unit.id,
        action: disabled ? 'officer.disable' : 'officer.enable',
        targetType: 'officer',
        targetId: officer.id,
        details: { username: officer.username, revokedSessions: revoked },
      },
      now,
    );
  });
  return presentOfficer({ ...officer, disabledAt, role: roles[0] ?? 'officer' });
}

/** When no admin exists, issues a fresh one-time link to create the first one (older links expire). */
export async function issueSetupLinkIfNoAdmin(ctx: AppContext): Promise<string | null> {
  const db = ctx.database.db;
  if ((await repo.countAdmins(db)) > 0) return null;
  const now = ctx.clock.now();
  const token = randomToken();
  await ctx.database.transaction(async (trx) => {
    await repo.expireSetupInvites(trx, now);
    await repo.insertInvite(trx, {
      id: newId(),
      tokenHash: sha256Hex(token),
      role: 'admin',
      unitId: null,
      displayName: 'Quản trị viên',
      totpSecret: encryptSecret(ctx.key, newTotpSecret()),
      createdBy: null,
      createdAt: now,
      expiresAt: now + SETUP_TTL_MS,
      usedAt: null,
      officerId: null,
    });
  });
  return inviteUrl(ctx, token);
}

/** Creates an officer from the shell (`ketnoi admin create`); returns the TOTP URI when the role needs 2FA. */
export async function createOfficerFromShell(
  ctx: AppContext,
  audit: AuditActor,
  input: {
    username: string;
    password: string;
    role: Role;
    unitSlug?: string | undefined;
    displayName?: string | undefined;
  },
): Promise<{ officerId: string; totpUri: string | null; totpSecret: string | null }> {
  const db = ctx.database.db;
  let unitId: string | null = null;
  if (input.role === 'admin') {
    if (input.unitSlug)
      throw new AppError('invalid', 'unit_not_allowed', 'The admin role is for the whole installation: omit --unit');
  } else {
    if (!input.unitSlug) throw new AppError('invalid', 'unit_required', `The ${input.role} role needs --unit SLUG`);
    const unit = await unitsRepo.findUnitBySlug(db, input.unitSlug);
    if (!unit || unit.mergedInto) throw new NotFoundError(`Unit "${input.unitSlug}"`);
    const fakeAdmin = { grants: [{ role: 'admin' as const, unitId: null, unitPath: '', unitName: null }] };
    if (!grantableRoles(fakeAdmin, unit).includes(input.role)) {
      throw new AppError('invalid', 'role_not_allowed', `The ${input.role} role does not fit a ${unit.kind}`);
    }
    unitId = unit.id;
  }
  const secret = needsTotp([input.role]) ? newTotpSecret() : null;
  const passwordHash = await hashPassword(input.password, ctx.config.security.passwordCost);
  const now = ctx.clock.now();
  const officerId = newId();
  await ctx.database.transaction(async (trx) => {
    if (await repo.findOfficerByUsername(trx, input.username))
      throw new ConflictError('username_taken', 'This username is taken');
    await repo.insertOfficer(trx, {
      id: officerId,
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash,
      totpSecret: secret ? encryptSecret(ctx.key, secret) : null,
      totpLastStep: null,
      disabledAt: null,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertRole(trx, { id: newId(), officerId, unitId, role: input.role, createdAt: now });
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId,
        action: 'officer.create',
        targetType: 'officer',
        targetId: officerId,
        details: { username: input.username, role: input.role },
      },
      now,
    );
  });
  return { officerId, totpSecret: secret, totpUri: secret ? totpUri(secret, input.username) : null };
}
