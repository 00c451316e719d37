import { sql } from 'kysely';
import { runSql } from '../db/direct.js';
import type { Executor } from '../db/database.js';
import { moveRows } from '../db/move-rows.js';
import type { OutboxRow } from '../db/schema/index.js';
import { newId } from '../lib/ids.js';
import type { MoveTarget } from '../lib/merge.js';
import { tableQueue, type DeliveryQueue } from './dispatcher.js';

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

/** The chat outbox as the dispatcher's queue port. */
export const outboxQueue: DeliveryQueue<OutboxRow> = tableQueue('outbox', async (db, row, sent) => {
  await runSql(
    db,
    sql`update outbox set status = 'sent', channel_message_id = ${sent.channelMessageId}, sent_at = ${sent.at},
    claimed_until = null, last_error = null where id = ${row.id}`,
  );
});

/** Re-homes outbound messages of a merged conversation or unit (pending ones are still sent). */
export async function moveOutbox(trx: Executor, move: MoveTarget): Promise<void> {
  await moveRows(trx, 'outbox', move);
}
