import type { Role } from '../../../contracts/accounts.js';
import type { Executor } from '../../db/database.js';
import type { CredentialResetRow, InviteRow, NewOfficerRow, OfficerRow, SessionRow } from '../../db/schema/index.js';

export async function findOfficerByUsername(db: Executor, username: string): Promise<OfficerRow | undefined> {
  return db.selectFrom('officers').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findOfficerById(db: Executor, id: string): Promise<OfficerRow | undefined> {
  return db.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOfficer(db: Executor, row: NewOfficerRow): Promise<void> {
  await db.insertInto('officers').values(row).execute();
}

export async function updateOfficer(db: Executor, id: string, patch: Partial<OfficerRow>): Promise<void> {
  await db.updateTable('officers').set(patch).where('id', '=', id).execute();
}

export async function insertRole(
  db: Executor,
  row: { id: string; officerId: string; unitId: string | null; role: Role; createdAt: number },
): Promise<void> {
  await db.insertInto('officerRoles').values(row).execute();
}

export interface GrantRow {
  role: string;
  unitId: string | null;
  unitPath: string | null;
  unitName: string | null;
}

export async function grantsOf(db: Executor, officerId: string): Promise<GrantRow[]> {
  return db
    .selectFrom('officerRoles as r')
    .leftJoin('units as u', 'u.id', 'r.unitId')
    .select(['r.role', 'r.unitId', 'u.path as unitPath', 'u.displayName as unitName'])
    .where('r.officerId', '=', officerId)
    .execute();
}

export async function countAdmins(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('officerRoles as r')
    .innerJoin('officers as o', 'o.id', 'r.officerId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.role', '=', 'admin')
    .where('o.disabledAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Officers holding a role in one unit, with that role. */
export async function listOfficersOfUnit(db: Executor, unitId: string): Promise<(OfficerRow & { role: string })[]> {
  return db
    .selectFrom('officerRoles as r')
    .innerJoin('officers as o', 'o.id', 'r.officerId')
    .selectAll('o')
    .select('r.role')
    .where('r.unitId', '=', unitId)
    .orderBy('o.displayName')
    .execute();
}

export async function rolesInUnit(db: Executor, officerId: string, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('officerRoles')
    .select('role')
    .where('officerId', '=', officerId)
    .where('unitId', '=', unitId)
    .execute();
  return rows.map((r) => r.role);
}

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export type LiveSession = SessionRow & { username: string; displayName: string };

/** Sessions that are live: not revoked, not expired, their officer not disabled. */
function liveSessions(db: Executor, now: number) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('officers as o', 'o.id', 's.officerId')
    .selectAll('s')
    .select(['o.username', 'o.displayName'])
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', now)
    .where('o.disabledAt', 'is', null);
}

/** A live session by the hash of its cookie token. */
export async function findLiveSession(db: Executor, tokenHash: string, now: number): Promise<LiveSession | undefined> {
  return liveSessions(db, now).where('s.tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, now: number, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: now, expiresAt }).where('id', '=', id).execute();
}

/** Revokes live sessions (one, or all of an officer's); returns the ids it revoked. */
export async function revokeSessions(
  db: Executor,
  target: { officerId: string; sessionId?: string | undefined },
  now: number,
): Promise<string[]> {
  const live = db
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('revokedAt', 'is', null)
    .where('officerId', '=', target.officerId);
  const scoped = target.sessionId === undefined ? live : live.where('id', '=', target.sessionId);
  const rows = await scoped.returning('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Records a TOTP time step as used, only if it is newer than the last one used; false when another
 * request used it (or a later one) first. The caller refuses the sign-in then.
 */
export async function consumeTotpStep(db: Executor, officerId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('officers')
    .set({ totpLastStep: step })
    .where('id', '=', officerId)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertInvite(db: Executor, row: InviteRow): Promise<void> {
  await db.insertInto('invites').values(row).execute();
}

export async function findInviteByTokenHash(db: Executor, tokenHash: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/** Marks an invite used, only if it still was pending (the caller checks one row changed). */
export async function claimInvite(db: Executor, id: string, officerId: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('invites')
    .set({ usedAt: now, officerId })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .where('withdrawnAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A unit's invites not yet used, withdrawn or expired, newest first, with their creator's name. */
export async function listPendingInvites(
  db: Executor,
  unitId: string,
  now: number,
): Promise<(InviteRow & { createdByName: string | null })[]> {
  return db
    .selectFrom('invites as i')
    .leftJoin('officers as o', 'o.id', 'i.createdBy')
    .selectAll('i')
    .select('o.displayName as createdByName')
    .where('i.unitId', '=', unitId)
    .where('i.usedAt', 'is', null)
    .where('i.withdrawnAt', 'is', null)
    .where('i.expiresAt', '>', now)
    .orderBy('i.createdAt', 'desc')
    .orderBy('i.id', 'desc')
    .execute();
}

export async function findInviteInUnit(db: Executor, id: string, unitId: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').selectAll().where('id', '=', id).where('unitId', '=', unitId).executeTakeFirst();
}

/** Withdraws an invite, only if it still was pending (the caller checks one row changed). */
export async function withdrawInvite(db: Executor, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('invites')
    .set({ withdrawnAt: now })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .where('withdrawnAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Expires unused first-admin setup links (a new one is printed at each start). */
export async function expireSetupInvites(db: Executor, now: number): Promise<void> {
  await db
    .updateTable('invites')
    .set({ expiresAt: now })
    .where('role', '=', 'admin')
    .where('createdBy', 'is', null)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .execute();
}

/** A live session by id. */
export async function findLiveSessionById(db: Executor, id: string, now: number): Promise<LiveSession | undefined> {
  return liveSessions(db, now).where('s.id', '=', id).executeTakeFirst();
}

/** Moves every role held in a merged unit to its successor. */
export async function moveRolesToUnit(trx: Executor, fromUnitId: string, intoUnitId: string): Promise<number> {
  const r = await trx
    .updateTable('officerRoles')
    .set({ unitId: intoUnitId })
    .where('unitId', '=', fromUnitId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertCredentialReset(db: Executor, row: Omit<CredentialResetRow, 'attempts'>): Promise<void> {
  await db.insertInto('credentialResets').values(row).execute();
}

export async function findCredentialResetByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<CredentialResetRow | undefined> {
  return db.selectFrom('credentialResets').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/** Ends an officer's unused reset links (a new one replaces them). */
export async function expireCredentialResetsOf(db: Executor, officerId: string, now: number): Promise<void> {
  await db
    .updateTable('credentialResets')
    .set({ expiresAt: now })
    .where('officerId', '=', officerId)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .execute();
}

/** Counts one wrong proof given with a reset link; returns the count (the caller ends the link past a limit). */
export async function countResetAttempt(db: Executor, id: string): Promise<number> {
  const r = await db
    .updateTable('credentialResets')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return r.attempts;
}

/** Marks a reset link used, only if it still was usable (the caller checks one row changed). */
export async function claimCredentialReset(
  db: Executor,
  id: string,
  now: number,
  maxAttempts: number,
): Promise<boolean> {
  const r = await db
    .updateTable('credentialResets')
    .set({ usedAt: now })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .where('attempts', '<', maxAttempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
