import { sql } from 'kysely';
import { runSql } from '../db/direct.js';
import type { Dialect, Executor } from '../db/database.js';
import { moveRows } from '../db/move-rows.js';
import type { OutboxRow } from '../db/schema/index.js';
import { newId } from '../lib/ids.js';
import type { MoveTarget } from '../lib/merge.js';

export interface NewOutbox {
  unitId: string;
  conversationId: string;
  messageId: string;
  channel: string;
}

/** Queues outbound messages; call in the transaction that inserts the messages. */
export async function enqueueOutbox(trx: Executor, items: NewOutbox[], now: number): Promise<void> {
  if (!items.length) return;
  // SQL text: this runs for every message (see conversations.repository.ts).
  const values = items.map(
    (i) =>
      sql`(${newId()}, ${i.unitId}, ${i.conversationId}, ${i.messageId}, ${i.channel}, ${`msg:${i.messageId}`}, 'pending', 0, ${now}, ${now})`,
  );
  await runSql(
    trx,
    sql`insert into outbox (id, unit_id, conversation_id, message_id, channel, idempotency_key, status, attempts, next_attempt_at, created_at)
    values ${sql.join(values)}`,
  );
}

/**
 * Claims due rows of one channel with a lease and counts the attempt. PostgreSQL skips rows other
 * workers hold (FOR UPDATE SKIP LOCKED); SQLite runs a single worker.
 */
export async function claimDue(
  db: Executor,
  dialect: Dialect,
  channel: string,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<OutboxRow[]> {
  if (limit <= 0) return [];
  return db
    .updateTable('outbox')
    .set((eb) => ({ claimedUntil: now + leaseMs, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('channel', '=', channel)
        .where('nextAttemptAt', '<=', now)
        .where((w) => w.or([w('claimedUntil', 'is', null), w('claimedUntil', '<', now)]))
        .orderBy('nextAttemptAt')
        .limit(limit)
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
}

export async function markSent(db: Executor, id: string, channelMessageId: string, now: number): Promise<void> {
  await runSql(
    db,
    sql`update outbox set status = 'sent', channel_message_id = ${channelMessageId}, sent_at = ${now},
    claimed_until = null, last_error = null where id = ${id}`,
  );
}

export async function scheduleRetry(db: Executor, id: string, at: number, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ nextAttemptAt: at, claimedUntil: null, lastError: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Executor, id: string, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'failed', claimedUntil: null, lastError: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

/** Re-homes outbound messages of a merged conversation or unit (pending ones are still sent). */
export async function moveOutbox(trx: Executor, move: MoveTarget): Promise<void> {
  await moveRows(trx, 'outbox', move);
}
