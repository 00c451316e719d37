import { ROLES_REQUIRING_TOTP, type Me, type Officer, type Role } from '../../../contracts/accounts.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { OfficerRow, UnitRow } from '../../db/schema/index.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../lib/errors.js';
import { encryptSecret, hashPassword, randomToken, sha256Hex } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import { newTotpSecret, totpUri } from '../../lib/totp.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import * as unitsRepo from '../units/units.repository.js';
import { requireUnit } from '../units/units.service.js';
import * as repo from './accounts.repository.js';
import { can, canManageOfficer, canSee, grantableRoles, type Action, type Actor, type Grant } from './policy.js';

const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
const TOUCH_EVERY_MS = 60_000;
const SETUP_TTL_MS = 24 * 3600_000;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export const SESSION_COOKIE = 'kn_session';

/** Whether holding these roles requires a second factor at sign-in. */
export function needsTotp(roles: string[]): boolean {
  return roles.some((r) => (ROLES_REQUIRING_TOTP as readonly string[]).includes(r));
}

/** An Actor's audit identity for a request. */
export function auditActor(actor: Actor, meta: RequestMeta): AuditActor {
  return { actorId: actor.officerId, actorName: actor.username, ip: meta.ip };
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

/**
 * Ends sessions: one (sign-out) or every one of an officer (disable, password and 2FA resets). The
 * one place sessions are revoked, inside the caller's transaction; after the commit the bus tells
 * the open event streams of the ended sessions (in every process) to close. Returns the ids ended.
 */
export async function endSessions(
  ctx: AppContext,
  trx: Executor,
  afterCommit: (cb: () => void) => void,
  target: { officerId: string; sessionId?: string },
  now: number,
): Promise<string[]> {
  const ended = await repo.revokeSessions(trx, target, now);
  if (ended.length)
    afterCommit(() => ctx.bus.sessionsEnded({ officerId: target.officerId, sessionId: target.sessionId ?? null }));
  return ended;
}

/** Ends the current session. */
export async function logout(ctx: AppContext, actor: Actor, meta: RequestMeta): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx, afterCommit) => {
    await endSessions(ctx, trx, afterCommit, { officerId: actor.officerId, sessionId: actor.sessionId }, now);
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

/** An officer holding a role in a unit that the actor may manage (disable, reset); 404/403 otherwise. */
export async function requireManagedOfficer(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  officerId: string,
): Promise<{ unit: UnitRow; officer: OfficerRow; roles: Role[] }> {
  const unit = await requireUnit(ctx, actor, unitId, 'officer.read');
  const db = ctx.database.db;
  const roles = (await repo.rolesInUnit(db, officerId, unit.id)) as Role[];
  const officer = roles.length ? await repo.findOfficerById(db, officerId) : undefined;
  if (!officer) throw new NotFoundError('Officer');
  if (!canManageOfficer(actor, unit, officerId, roles)) throw new ForbiddenError('You cannot change this officer');
  return { unit, officer, roles };
}

/** Disables (ending every session) or re-enables an officer of a unit. */
export async function setOfficerDisabled(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  unitId: string,
  officerId: string,
  disabled: boolean,
): Promise<Officer> {
  const { unit, officer, roles } = await requireManagedOfficer(ctx, actor, unitId, officerId);
  const now = ctx.clock.now();
  const disabledAt = disabled ? (officer.disabledAt ?? now) : null;
  await ctx.database.transaction(async (trx, afterCommit) => {
    await repo.updateOfficer(trx, officer.id, { disabledAt, updatedAt: now });
    const revoked = disabled ? await endSessions(ctx, trx, afterCommit, { officerId: officer.id }, now) : [];
    await appendAudit(
      ctx,
      trx,
      auditActor(actor, meta),
      {
        unitId: unit.id,
        action: disabled ? 'officer.disable' : 'officer.enable',
        targetType: 'officer',
        targetId: officer.id,
        details: { username: officer.username, revokedSessions: revoked.length },
      },
      now,
    );
  });
  return presentOfficer({ ...officer, disabledAt, role: roles[0] ?? 'officer' });
}

/** The link with which an invitee sets up their account. */
export function inviteUrl(ctx: AppContext, token: string): string {
  return `${ctx.config.http.baseUrl}/console/invite/${token}`;
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
      withdrawnAt: null,
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
