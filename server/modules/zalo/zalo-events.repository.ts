import { sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';
import { runSql } from '../../db/direct.js';
import type { ZaloEventRow, ZaloEventTable } from '../../db/schema/index.js';

// The queue of verified webhook events: the webhook stores them (deduplicated), a processor claims
// them with a lease, marks each done, retries it later or gives up on it. Same shape as the send
// queues (db/delivery-queue.ts): FOR UPDATE SKIP LOCKED on PostgreSQL, one processor on SQLite.

/** Stores an event unless the OA already sent one with its dedupe key; true when it is new. */
export async function insertEvent(
  db: Executor,
  event: Pick<ZaloEventTable, 'id' | 'unitId' | 'oaId' | 'dedupeKey' | 'eventName' | 'payload' | 'receivedAt'>,
): Promise<boolean> {
  const result = await db
    .insertInto('zaloEvents')
    .values({
      ...event,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: event.receivedAt,
      claimedUntil: null,
      lastError: null,
      processedAt: null,
    })
    .onConflict((oc) => oc.columns(['oaId', 'dedupeKey']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export interface ZaloEventClaim {
  dialect: Dialect;
  now: number;
  /** How long the claim holds before another processor (or this one after a crash) may take the event. */
  leaseMs: number;
  limit: number;
}

/** Claims due events, oldest first, with a lease, and counts the attempt. */
export async function claimZaloEvents(db: Executor, claim: ZaloEventClaim): Promise<ZaloEventRow[]> {
  const { now, limit } = claim;
  if (limit <= 0) return [];
  const lock = claim.dialect === 'postgres' ? sql` for update skip locked` : sql``;
  const rows = await runSql(
    db,
    sql<ZaloEventRow>`update zalo_events set claimed_until = ${now + claim.leaseMs}, attempts = attempts + 1
    where id in (select id from zalo_events where status = 'pending' and next_attempt_at <= ${now}
      and (claimed_until is null or claimed_until < ${now})
      order by received_at, id limit ${limit}${lock})
    returning *`,
  );
  // RETURNING keeps no order on PostgreSQL.
  return rows.sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A claimed event was processed. */
export async function markZaloEventDone(db: Executor, id: string, now: number): Promise<void> {
  await db
    .updateTable('zaloEvents')
    .set({ status: 'done', processedAt: now, claimedUntil: null, lastError: null })
    .where('id', '=', id)
    .execute();
}

/** Releases a claimed event to be tried again at `at`. */
export async function retryZaloEventAt(db: Executor, id: string, at: number, error: string): Promise<void> {
  await db
    .updateTable('zaloEvents')
    .set({ nextAttemptAt: at, claimedUntil: null, lastError: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

/** Gives up on a claimed event for good (kept, with the reason, for support). */
export async function markZaloEventFailed(db: Executor, id: string, error: string, now: number): Promise<void> {
  await db
    .updateTable('zaloEvents')
    .set({ status: 'failed', processedAt: now, claimedUntil: null, lastError: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}
