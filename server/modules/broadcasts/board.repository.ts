import type { Executor } from '../../db/database.js';
import type { BoardMessageRow, BoardMuteRow, BoardPostPinRow, BoardReportRow, PostRow } from '../../db/schema/index.js';

// Residential groups' boards: messages, pinned posts, mutes and reports. Kysely only; every
// query names the group (and the unit where a row is changed) so nothing crosses groups.

/** A message with its author's names: the resident's chosen name, the unit's display name. */
export type BoardMessageView = BoardMessageRow & { residentName: string | null; unitName: string };

function messageQuery(db: Executor) {
  return db
    .selectFrom('boardMessages as b')
    .innerJoin('units as u', 'u.id', 'b.unitId')
    .leftJoin('residents as r', 'r.id', 'b.authorResidentId')
    .selectAll('b')
    .select(['r.displayName as residentName', 'u.displayName as unitName']);
}

export async function insertMessage(db: Executor, row: BoardMessageRow): Promise<void> {
  await db.insertInto('boardMessages').values(row).execute();
}

/** A message by id, any group: the caller checks the group or unit before using it. */
export async function findMessage(db: Executor, id: string): Promise<BoardMessageView | undefined> {
  return messageQuery(db).where('b.id', '=', id).executeTakeFirst();
}

/** A page of a group's unpinned messages, newest first (ids are time-ordered). */
export async function listMessages(
  db: Executor,
  groupId: string,
  page: { before?: string | undefined; limit: number },
): Promise<BoardMessageView[]> {
  let q = messageQuery(db).where('b.groupId', '=', groupId).where('b.pinnedAt', 'is', null);
  if (page.before) q = q.where('b.id', '<', page.before);
  return q.orderBy('b.id', 'desc').limit(page.limit).execute();
}

/** A group's pinned messages, newest pin first. */
export async function listPinnedMessages(db: Executor, groupId: string): Promise<BoardMessageView[]> {
  return messageQuery(db)
    .where('b.groupId', '=', groupId)
    .where('b.pinnedAt', 'is not', null)
    .orderBy('b.pinnedAt', 'desc')
    .orderBy('b.id', 'desc')
    .execute();
}

export async function setHidden(
  db: Executor,
  id: string,
  hidden: { at: number; by: string; reason: string } | null,
): Promise<void> {
  await db
    .updateTable('boardMessages')
    .set({ hiddenAt: hidden?.at ?? null, hiddenBy: hidden?.by ?? null, hideReason: hidden?.reason ?? null })
    .where('id', '=', id)
    .execute();
}

export async function setPinned(db: Executor, id: string, pinned: { at: number; by: string } | null): Promise<void> {
  await db
    .updateTable('boardMessages')
    .set({ pinnedAt: pinned?.at ?? null, pinnedBy: pinned?.by ?? null })
    .where('id', '=', id)
    .execute();
}

export type PinnedPostView = Pick<PostRow, 'id' | 'title' | 'body' | 'publishedAt' | 'verificationCode'> & {
  pinnedAt: number;
};

/** Posts pinned on a group's board that are still published, newest pin first. */
export async function listPinnedPosts(db: Executor, groupId: string): Promise<PinnedPostView[]> {
  return db
    .selectFrom('boardPostPins as pin')
    .innerJoin('posts as p', 'p.id', 'pin.postId')
    .select(['p.id', 'p.title', 'p.body', 'p.publishedAt', 'p.verificationCode', 'pin.pinnedAt'])
    .where('pin.groupId', '=', groupId)
    .where('p.status', '=', 'published')
    .orderBy('pin.pinnedAt', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

/** Pins a post unless it is pinned on the board already. */
export async function insertPostPin(db: Executor, row: BoardPostPinRow): Promise<void> {
  await db
    .insertInto('boardPostPins')
    .values(row)
    .onConflict((oc) => oc.columns(['groupId', 'postId']).doNothing())
    .execute();
}

/** Unpins a post; false when it was not pinned on the board. */
export async function deletePostPin(db: Executor, groupId: string, postId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('boardPostPins')
    .where('groupId', '=', groupId)
    .where('postId', '=', postId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Whether the post is addressed to the group (a post to chosen groups). */
export async function postAddressedTo(db: Executor, postId: string, groupId: string): Promise<boolean> {
  const row = await db
    .selectFrom('postGroups')
    .select('postId')
    .where('postId', '=', postId)
    .where('groupId', '=', groupId)
    .executeTakeFirst();
  return row !== undefined;
}

export type MuteView = BoardMuteRow & { displayName: string | null };

/** The resident's mute on the board if it lasts past `now`. */
export async function activeMute(
  db: Executor,
  groupId: string,
  residentId: string,
  now: number,
): Promise<BoardMuteRow | undefined> {
  return db
    .selectFrom('boardMutes')
    .selectAll()
    .where('groupId', '=', groupId)
    .where('residentId', '=', residentId)
    .where('until', '>', now)
    .executeTakeFirst();
}

/** The group's mutes lasting past `now`, ending soonest first. */
export async function listMutes(db: Executor, groupId: string, now: number): Promise<MuteView[]> {
  return db
    .selectFrom('boardMutes as m')
    .innerJoin('residents as r', 'r.id', 'm.residentId')
    .selectAll('m')
    .select('r.displayName')
    .where('m.groupId', '=', groupId)
    .where('m.until', '>', now)
    .orderBy('m.until')
    .orderBy('m.residentId')
    .execute();
}

/** Mutes a member, replacing an earlier mute of theirs on the board. */
export async function upsertMute(db: Executor, row: BoardMuteRow): Promise<void> {
  await db
    .insertInto('boardMutes')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['groupId', 'residentId']).doUpdateSet({
        until: row.until,
        reason: row.reason,
        mutedBy: row.mutedBy,
        mutedAt: row.mutedAt,
      }),
    )
    .execute();
}

/** Lifts a mute; false when the resident was not muted (or the mute had ended). */
export async function deleteMute(db: Executor, groupId: string, residentId: string, now: number): Promise<boolean> {
  const r = await db
    .deleteFrom('boardMutes')
    .where('groupId', '=', groupId)
    .where('residentId', '=', residentId)
    .where('until', '>', now)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Files a report; false when the resident reported the message already. */
export async function insertReport(db: Executor, row: BoardReportRow): Promise<boolean> {
  const r = await db
    .insertInto('boardReports')
    .values(row)
    .onConflict((oc) => oc.columns(['messageId', 'residentId']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Open reports of the given messages (one query). */
export async function openReportsOf(db: Executor, messageIds: string[]): Promise<BoardReportRow[]> {
  if (!messageIds.length) return [];
  return db
    .selectFrom('boardReports')
    .selectAll()
    .where('messageId', 'in', messageIds)
    .where('resolvedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Ids of a group's messages with open reports, most recently reported first. */
export async function reportedMessageIds(db: Executor, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('boardReports')
    .select('messageId')
    .select((eb) => eb.fn.max('createdAt').as('last'))
    .where('groupId', '=', groupId)
    .where('resolvedAt', 'is', null)
    .groupBy('messageId')
    .orderBy('last', 'desc')
    .orderBy('messageId', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => r.messageId);
}

export async function findMessagesByIds(db: Executor, ids: string[]): Promise<BoardMessageView[]> {
  if (!ids.length) return [];
  return messageQuery(db).where('b.id', 'in', ids).execute();
}

/** Resolves every open report of a message; returns how many. */
export async function resolveReports(
  db: Executor,
  messageId: string,
  resolution: { at: number; by: string; outcome: 'hidden' | 'dismissed' },
): Promise<number> {
  const r = await db
    .updateTable('boardReports')
    .set({ resolvedAt: resolution.at, resolvedBy: resolution.by, resolution: resolution.outcome })
    .where('messageId', '=', messageId)
    .where('resolvedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Open reports per group of a unit. */
export async function openReportCounts(db: Executor, unitId: string): Promise<{ groupId: string; open: number }[]> {
  const rows = await db
    .selectFrom('boardReports')
    .select('groupId')
    .select((eb) => eb.fn.count<number | string>('id').as('open'))
    .where('unitId', '=', unitId)
    .where('resolvedAt', 'is', null)
    .groupBy('groupId')
    .orderBy('groupId')
    .execute();
  return rows.map((r) => ({ groupId: r.groupId, open: Number(r.open) }));
}
