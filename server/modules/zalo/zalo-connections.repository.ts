import type { Executor } from '../../db/database.js';
import type { ZaloConnectionRow, ZaloConnectionTable } from '../../db/schema/index.js';

// Kysely only. Rows hold sealed secrets: callers open them with zalo-secrets.ts and never pass
// them on.

export async function findByUnit(db: Executor, unitId: string): Promise<ZaloConnectionRow | undefined> {
  return db.selectFrom('zaloConnections').selectAll().where('unitId', '=', unitId).executeTakeFirst();
}

/** The row locked for the rest of the transaction on PostgreSQL (refreshes of one OA queue up here). */
export async function findByUnitForUpdate(db: Executor, unitId: string): Promise<ZaloConnectionRow | undefined> {
  return db.selectFrom('zaloConnections').selectAll().where('unitId', '=', unitId).forUpdate().executeTakeFirst();
}

/** The connection of the OA a unit's Zalo user wrote to (after a merge, not always the unit's own). */
export async function findByUser(
  db: Executor,
  unitId: string,
  zaloUserId: string,
): Promise<ZaloConnectionRow | undefined> {
  return db
    .selectFrom('zaloConnections as c')
    .innerJoin('zaloUsers as u', 'u.oaId', 'c.oaId')
    .selectAll('c')
    .where('u.unitId', '=', unitId)
    .where('u.zaloUserId', '=', zaloUserId)
    .executeTakeFirst();
}

export async function findByOaId(db: Executor, oaId: string): Promise<ZaloConnectionRow | undefined> {
  return db.selectFrom('zaloConnections').selectAll().where('oaId', '=', oaId).executeTakeFirst();
}

/** Every connection with its unit's slug, by slug. */
export async function listAll(db: Executor): Promise<(ZaloConnectionRow & { unitSlug: string })[]> {
  return db
    .selectFrom('zaloConnections')
    .innerJoin('units', 'units.id', 'zaloConnections.unitId')
    .selectAll('zaloConnections')
    .select('units.slug as unitSlug')
    .orderBy('units.slug')
    .execute();
}

export async function insertConnection(db: Executor, row: ZaloConnectionTable): Promise<void> {
  await db.insertInto('zaloConnections').values(row).execute();
}

/** Replaces a unit's connection (another OA, or fresh tokens); the version moves on so no refresh overwrites it. */
export async function replaceConnection(
  db: Executor,
  id: string,
  values: Omit<ZaloConnectionTable, 'id' | 'unitId' | 'createdAt' | 'tokenVersion' | 'refreshClaimedUntil'>,
): Promise<void> {
  await db
    .updateTable('zaloConnections')
    .set((eb) => ({ ...values, tokenVersion: eb('tokenVersion', '+', 1), refreshClaimedUntil: null }))
    .where('id', '=', id)
    .execute();
}

export async function deleteConnection(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('zaloConnections').where('id', '=', id).execute();
}

/** Stores a refreshed pair over the version it was refreshed from; false when another writer got there first. */
export async function storeTokens(
  db: Executor,
  id: string,
  fromVersion: number,
  tokens: { accessTokenSealed: string; refreshTokenSealed: string; accessTokenExpiresAt: number },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('zaloConnections')
    .set({
      ...tokens,
      tokenVersion: fromVersion + 1,
      refreshClaimedUntil: null,
      lastRefreshedAt: now,
      lastError: null,
      lastErrorAt: null,
    })
    .where('id', '=', id)
    .where('tokenVersion', '=', fromVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Takes the refresh lease on the pair of `version` unless another process holds it (SQLite); false
 * when it is held or the pair is no longer that version.
 */
export async function claimRefresh(
  db: Executor,
  id: string,
  version: number,
  until: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('zaloConnections')
    .set({ refreshClaimedUntil: until })
    .where('id', '=', id)
    .where('tokenVersion', '=', version)
    .where((eb) => eb.or([eb('refreshClaimedUntil', 'is', null), eb('refreshClaimedUntil', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the lease up after a failed refresh (the pair is unchanged). */
export async function releaseRefresh(db: Executor, id: string, version: number): Promise<void> {
  await db
    .updateTable('zaloConnections')
    .set({ refreshClaimedUntil: null })
    .where('id', '=', id)
    .where('tokenVersion', '=', version)
    .execute();
}

export async function recordError(db: Executor, unitId: string, error: string, now: number): Promise<void> {
  await db
    .updateTable('zaloConnections')
    .set({ lastError: error.slice(0, 500), lastErrorAt: now })
    .where('unitId', '=', unitId)
    .execute();
}

/** Notes that an event arrived (the console shows when the OA was last heard from). */
export async function touchLastEvent(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('zaloConnections').set({ lastEventAt: now }).where('id', '=', id).execute();
}
