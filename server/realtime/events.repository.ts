import { sql } from 'kysely';
import { runSql } from '../db/direct.js';
import type { Executor } from '../db/database.js';
import { moveRows } from '../db/move-rows.js';
import type { EventRow } from '../db/schema/index.js';
import type { MoveTarget } from '../lib/merge.js';

export interface NewEvent {
  unitId: string;
  conversationId: string | null;
  type: string;
  internal: boolean;
  payload: unknown;
}

/**
 * Appends events inside the caller's transaction. Ids come from the event_head row, locked until
 * commit (PostgreSQL row lock; SQLite has one writer), so commit order equals id order and a reader
 * resuming after id N never skips an event committed later with a smaller id.
 */
export async function appendEvents(trx: Executor, events: NewEvent[], now: number): Promise<void> {
  if (!events.length) return;
  // SQL text: this runs for every message (see conversations.repository.ts).
  const head = await runSql(
    trx,
    sql<{ seq: number | string }>`update event_head set seq = seq + ${events.length}
    where id = 1 returning seq`,
  );
  const seq = head[0]?.seq;
  if (seq === undefined) throw new Error('event_head row is missing');
  const first = Number(seq) - events.length + 1;
  const values = events.map(
    (e, i) =>
      sql`(${first + i}, ${e.unitId}, ${e.conversationId}, ${e.type}, ${e.internal ? 1 : 0}, ${JSON.stringify(e.payload)}, ${now})`,
  );
  await runSql(
    trx,
    sql`insert into events (id, unit_id, conversation_id, type, internal, payload, created_at)
    values ${sql.join(values)}`,
  );
}

export interface EventScope {
  unitId: string;
  conversationId?: string;
  includeInternal: boolean;
  /** The unit's tip desk events (`tip.*`, no conversation) instead of its conversations' events. */
  tips?: boolean;
}

/** Events of a unit (or one conversation, or its tip desk) after an id, oldest first. */
export async function eventsAfter(
  db: Executor,
  scope: EventScope,
  afterId: number,
  limit: number,
): Promise<EventRow[]> {
  let q = db
    .selectFrom('events')
    .selectAll()
    .where('unitId', '=', scope.unitId)
    .where('id', '>', afterId)
    .orderBy('id', 'asc')
    .limit(limit);
  if (scope.conversationId) q = q.where('conversationId', '=', scope.conversationId);
  // Each stream carries its own: a tip's event goes only to those allowed to read the unit's tips.
  else if (scope.tips) q = q.where('conversationId', 'is', null).where('type', 'like', 'tip.%');
  else q = q.where('conversationId', 'is not', null);
  if (!scope.includeInternal) q = q.where('internal', '=', 0);
  return q.execute();
}

export async function lastEventId(db: Executor): Promise<number> {
  const row = await db.selectFrom('eventHead').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.seq);
}

/** Re-homes events of a merged conversation or unit (their ids, hence their order, stay). */
export async function moveEvents(trx: Executor, move: MoveTarget): Promise<void> {
  await moveRows(trx, 'events', move);
}
