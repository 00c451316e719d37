import type { Executor } from '../../db/database.js';
import { moveRows } from '../../db/move-rows.js';
import type { AttachmentRow, NewAttachmentRow } from '../../db/schema/index.js';
import type { MoveTarget } from '../../lib/merge.js';

// Kysely only. Conversation lookups here read the conversations module's tables directly, so that
// attachments need nothing from its services.

export interface ConversationScope {
  id: string;
  unitId: string;
  unitPath: string;
  residentId: string;
}

export type AttachmentWithScope = AttachmentRow & {
  unitPath: string;
  residentId: string;
  /** Whether the claiming message is an officers' internal note (null while unclaimed). */
  messageInternal: number | null;
};

// Stays under SQLite's bound-parameter limit.
const CHUNK = 500;

export async function findConversationScope(
  db: Executor,
  conversationId: string,
): Promise<ConversationScope | undefined> {
  return db
    .selectFrom('conversations as c')
    .innerJoin('units as u', 'u.id', 'c.unitId')
    .select(['c.id', 'c.unitId', 'c.residentId', 'u.path as unitPath'])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
}

export async function insertAttachment(db: Executor, row: NewAttachmentRow): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export async function findAttachmentWithScope(db: Executor, id: string): Promise<AttachmentWithScope | undefined> {
  return db
    .selectFrom('attachments as a')
    .innerJoin('conversations as c', 'c.id', 'a.conversationId')
    .innerJoin('units as u', 'u.id', 'a.unitId')
    .leftJoin('messages as m', 'm.id', 'a.messageId')
    .selectAll('a')
    .select(['u.path as unitPath', 'c.residentId', 'm.internal as messageInternal'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function findAttachmentsByIds(db: Executor, ids: string[]): Promise<AttachmentRow[]> {
  const rows: AttachmentRow[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    rows.push(
      ...(await db
        .selectFrom('attachments')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute()),
    );
  }
  return rows;
}

/** Sets message_id on the given unclaimed attachments of a conversation; returns how many changed. */
export async function claimForMessage(
  db: Executor,
  conversationId: string,
  messageId: string,
  ids: string[],
): Promise<number> {
  const r = await db
    .updateTable('attachments')
    .set({ messageId })
    .where('conversationId', '=', conversationId)
    .where('messageId', 'is', null)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listByMessages(db: Executor, messageIds: string[]): Promise<AttachmentRow[]> {
  const rows: AttachmentRow[] = [];
  for (let i = 0; i < messageIds.length; i += CHUNK) {
    rows.push(
      ...(await db
        .selectFrom('attachments')
        .selectAll()
        .where('messageId', 'in', messageIds.slice(i, i + CHUNK))
        .orderBy('id')
        .execute()),
    );
  }
  return rows;
}

/** Uploads no message claimed, made before a time (oldest first). */
export async function listUnsent(db: Executor, before: number, limit: number): Promise<AttachmentRow[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('messageId', 'is', null)
    .where('createdAt', '<', before)
    .orderBy('createdAt')
    .limit(limit)
    .execute();
}

/** Deletes uploads that are still unclaimed (a message may have claimed one meanwhile); returns those deleted. */
export async function deleteUnsent(db: Executor, ids: string[]): Promise<AttachmentRow[]> {
  if (!ids.length) return [];
  return db.deleteFrom('attachments').where('id', 'in', ids).where('messageId', 'is', null).returningAll().execute();
}

/** A resident's uploads so far on a day. */
export async function uploadsOnDay(
  db: Executor,
  residentId: string,
  day: number,
): Promise<{ files: number; bytes: number }> {
  const row = await db
    .selectFrom('uploadQuotas')
    .select(['files', 'bytes'])
    .where('residentId', '=', residentId)
    .where('day', '=', day)
    .executeTakeFirst();
  return row ?? { files: 0, bytes: 0 };
}

/**
 * Counts one upload of `bytes` against a resident's day, only while it stays within the limits;
 * false (nothing counted) when it would not. Atomic: an upsert whose update is conditional.
 */
export async function countUpload(
  db: Executor,
  residentId: string,
  day: number,
  bytes: number,
  limits: { files: number; bytes: number },
): Promise<boolean> {
  if (bytes > limits.bytes || limits.files < 1) return false;
  const row = await db
    .insertInto('uploadQuotas')
    .values({ residentId, day, files: 1, bytes })
    .onConflict((oc) =>
      oc
        .columns(['residentId', 'day'])
        .doUpdateSet((eb) => ({
          files: eb('uploadQuotas.files', '+', 1),
          bytes: eb('uploadQuotas.bytes', '+', eb.ref('excluded.bytes')),
        }))
        .where((eb) =>
          eb.and([
            eb('uploadQuotas.files', '<', limits.files),
            eb(eb('uploadQuotas.bytes', '+', eb.ref('excluded.bytes')), '<=', limits.bytes),
          ]),
        ),
    )
    .returning('files')
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets the counts of days before `day`. */
export async function deleteQuotasBefore(db: Executor, day: number): Promise<number> {
  const r = await db.deleteFrom('uploadQuotas').where('day', '<', day).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Re-homes attachments of a merged conversation or unit (their stored bytes keep their keys). */
export async function moveAttachments(trx: Executor, move: MoveTarget): Promise<void> {
  await moveRows(trx, 'attachments', move);
}
