import type { Executor } from '../db/database.js';
import type { EventRow } from '../db/schema/index.js';

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
  const head = await trx
    .updateTable('eventHead')
    .set((eb) => ({ seq: eb('seq', '+', events.length) }))
    .where('id', '=', 1)
    .returning('seq')
    .executeTakeFirstOrThrow();
  const first = Number(head.seq) - events.length + 1;
  await trx
    .insertInto('events')
    .values(
      events.map((e, i) => ({
        id: first + i,
        unitId: e.unitId,
        conversationId: e.conversationId,
        type: e.type,
        internal: e.internal ? 1 : 0,
        payload: JSON.stringify(e.payload),
        createdAt: now,
      })),
    )
    .execute();
}

export interface EventScope {
  unitId: string;
  conversationId?: string;
  includeInternal: boolean;
}

/** Events of a unit (or one conversation) after an id, oldest first. */
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
  if (!scope.includeInternal) q = q.where('internal', '=', 0);
  return q.execute();
}

export async function lastEventId(db: Executor): Promise<number> {
  const row = await db.selectFrom('eventHead').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.seq);
}
