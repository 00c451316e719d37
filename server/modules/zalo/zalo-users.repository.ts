import type { Executor } from '../../db/database.js';
import type { ZaloUserRow } from '../../db/schema/index.js';

// Zalo users as residents (one per Zalo user per OA), and the Zalo ids of the pieces we sent.

export async function findZaloUser(db: Executor, oaId: string, zaloUserId: string): Promise<ZaloUserRow | undefined> {
  return db
    .selectFrom('zaloUsers')
    .selectAll()
    .where('oaId', '=', oaId)
    .where('zaloUserId', '=', zaloUserId)
    .executeTakeFirst();
}

/** Inserts unless the OA's user is known already; true when this call inserted it. */
export async function insertZaloUser(db: Executor, row: ZaloUserRow): Promise<boolean> {
  const result = await db
    .insertInto('zaloUsers')
    .values(row)
    .onConflict((oc) => oc.columns(['oaId', 'zaloUserId']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function saveZaloProfile(
  db: Executor,
  oaId: string,
  zaloUserId: string,
  profile: Pick<ZaloUserRow, 'displayName' | 'avatarUrl' | 'fetchedAt'>,
): Promise<void> {
  await db
    .updateTable('zaloUsers')
    .set(profile)
    .where('oaId', '=', oaId)
    .where('zaloUserId', '=', zaloUserId)
    .execute();
}

/** The Zalo user ids of residents in a unit's conversations, by resident id (the newest OA's when several). */
export async function zaloUserIdsOf(db: Executor, unitId: string, residentIds: string[]): Promise<Map<string, string>> {
  if (!residentIds.length) return new Map();
  const rows = await db
    .selectFrom('zaloUsers')
    .select(['residentId', 'zaloUserId'])
    .where('unitId', '=', unitId)
    .where('residentId', 'in', residentIds)
    .orderBy('createdAt')
    .execute();
  return new Map(rows.map((r) => [r.residentId, r.zaloUserId]));
}

/** Records the Zalo ids of pieces we sent (their echoes are then ignored). */
export async function recordSentPieces(
  db: Executor,
  oaId: string,
  messageId: string,
  zaloMessageIds: string[],
  now: number,
): Promise<void> {
  if (!zaloMessageIds.length) return;
  await db
    .insertInto('zaloSentMessages')
    .values(zaloMessageIds.map((zaloMessageId) => ({ oaId, zaloMessageId, messageId, createdAt: now })))
    .onConflict((oc) => oc.columns(['oaId', 'zaloMessageId']).doNothing())
    .execute();
}

export async function isOurSend(db: Executor, oaId: string, zaloMessageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('zaloSentMessages')
    .select('messageId')
    .where('oaId', '=', oaId)
    .where('zaloMessageId', '=', zaloMessageId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Pieces of an outbox row's message already sent (by its idempotency key). */
export async function stepsDone(db: Executor, idempotencyKey: string): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select('zaloStepsDone')
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirst();
  return row?.zaloStepsDone ?? 0;
}

export async function saveStepsDone(db: Executor, idempotencyKey: string, done: number): Promise<void> {
  await db.updateTable('outbox').set({ zaloStepsDone: done }).where('idempotencyKey', '=', idempotencyKey).execute();
}
