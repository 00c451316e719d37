import type { Executor } from '../../db/database.js';
import type { ZaloOAuthPendingRow, ZaloOAuthPendingTable } from '../../db/schema/index.js';

// Kysely only: OAuth connects waiting for Zalo's callback (sealed secrets; see zalo-oauth.service.ts).

export async function insertPending(db: Executor, row: ZaloOAuthPendingTable): Promise<void> {
  await db.insertInto('zaloOauthPending').values(row).execute();
}

/** Drops expired connects, and the officer's earlier ones for the unit (a new start replaces them). */
export async function deleteStale(db: Executor, unitId: string, officerId: string, now: number): Promise<void> {
  await db
    .deleteFrom('zaloOauthPending')
    .where((eb) =>
      eb.or([eb('expiresAt', '<=', now), eb.and([eb('unitId', '=', unitId), eb('officerId', '=', officerId)])]),
    )
    .execute();
}

export async function findPending(db: Executor, stateHash: string): Promise<ZaloOAuthPendingRow | undefined> {
  return db.selectFrom('zaloOauthPending').selectAll().where('stateHash', '=', stateHash).executeTakeFirst();
}

/** Takes the row for good; false when another request took it first (a replayed callback). */
export async function deletePending(db: Executor, stateHash: string): Promise<boolean> {
  const result = await db.deleteFrom('zaloOauthPending').where('stateHash', '=', stateHash).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
