import type { Role } from '../../../contracts/accounts.js';
import type { Executor } from '../../db/database.js';
import type { InviteRow, NewOfficerRow, OfficerRow, SessionRow } from '../../db/schema/index.js';

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

export async function revokeSession(db: Executor, id: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
}

export async function revokeSessionsOf(db: Executor, officerId: string, now: number): Promise<number> {
  const r = await db
    .updateTable('sessions')
    .set({ revokedAt: now })
    .where('officerId', '=', officerId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertInvite(db: Executor, row: InviteRow): Promise<void> {
  await db.insertInto('invites').values(row).execute();
}

export async function findInviteByTokenHash(db: Executor, tokenHash: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/** Marks an invite used, only if it still was unused (the caller checks one row changed). */
export async function claimInvite(db: Executor, id: string, officerId: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('invites')
    .set({ usedAt: now, officerId })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
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
