import type { Executor } from '../../db/database.js';
import type { PushSubscriptionRow } from '../../db/schema/index.js';

/** Stores a subscription; an endpoint already stored is re-bound to this resident with the new keys. */
export async function upsertSubscription(trx: Executor, row: PushSubscriptionRow): Promise<void> {
  await trx
    .insertInto('pushSubscriptions')
    .values(row)
    .onConflict((oc) =>
      oc.column('endpoint').doUpdateSet({
        residentId: row.residentId,
        p256dh: row.p256dh,
        auth: row.auth,
        failedAt: null,
      }),
    )
    .execute();
}

export async function findByEndpoint(db: Executor, endpoint: string): Promise<PushSubscriptionRow | undefined> {
  return db.selectFrom('pushSubscriptions').selectAll().where('endpoint', '=', endpoint).executeTakeFirst();
}

/** Keeps a resident's `keep` newest subscriptions and deletes the rest. */
export async function trimSubscriptions(trx: Executor, residentId: string, keep: number): Promise<void> {
  const kept = trx
    .selectFrom('pushSubscriptions')
    .select('id')
    .where('residentId', '=', residentId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(keep);
  await trx.deleteFrom('pushSubscriptions').where('residentId', '=', residentId).where('id', 'not in', kept).execute();
}

export async function deleteResidentSubscription(trx: Executor, residentId: string, endpoint: string): Promise<void> {
  await trx
    .deleteFrom('pushSubscriptions')
    .where('residentId', '=', residentId)
    .where('endpoint', '=', endpoint)
    .execute();
}

export async function listResidentSubscriptions(db: Executor, residentId: string): Promise<PushSubscriptionRow[]> {
  return db
    .selectFrom('pushSubscriptions')
    .selectAll()
    .where('residentId', '=', residentId)
    .orderBy('createdAt')
    .execute();
}

export async function deleteSubscriptions(trx: Executor, ids: string[]): Promise<void> {
  if (ids.length) await trx.deleteFrom('pushSubscriptions').where('id', 'in', ids).execute();
}

/** Records which endpoints took a notification and which refused it. */
export async function recordAttempts(
  trx: Executor,
  outcome: { succeeded: string[]; failed: string[]; at: number },
): Promise<void> {
  const { succeeded, failed, at } = outcome;
  if (succeeded.length) {
    await trx.updateTable('pushSubscriptions').set({ lastSuccessAt: at }).where('id', 'in', succeeded).execute();
  }
  if (failed.length) {
    await trx.updateTable('pushSubscriptions').set({ failedAt: at }).where('id', 'in', failed).execute();
  }
}
