import { sql } from 'kysely';
import type { TipDeadline } from '../../../contracts/tips.js';
import type { Dialect, Executor } from '../../db/database.js';
import type {
  TipAttachmentRow,
  TipAttachmentTable,
  TipEventTable,
  TipMessageTable,
  TipRow,
  TipTable,
} from '../../db/schema/index.js';

// Tips and what hangs off them. Kysely only; every read of one unit's rows takes the unit id, the
// caller checks the unit with the policy first.

export async function insertTip(trx: Executor, row: TipTable): Promise<void> {
  await trx.insertInto('tips').values(row).execute();
}

export async function codeTaken(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('tips').select('id').where('receiptCode', '=', code).executeTakeFirst()) !== undefined;
}

export async function findTip(db: Executor, id: string): Promise<TipRow | undefined> {
  return db.selectFrom('tips').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTipByCode(db: Executor, code: string): Promise<TipRow | undefined> {
  return db.selectFrom('tips').selectAll().where('receiptCode', '=', code).executeTakeFirst();
}

/** Re-reads a tip inside a transaction; on PostgreSQL its row stays locked until commit. */
export async function lockTip(trx: Executor, dialect: Dialect, id: string): Promise<TipRow | undefined> {
  let q = trx.selectFrom('tips').selectAll().where('id', '=', id);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateTip(trx: Executor, unitId: string, id: string, patch: Partial<TipTable>): Promise<void> {
  await trx.updateTable('tips').set(patch).where('id', '=', id).where('unitId', '=', unitId).execute();
}

/** Moves a tip and everything of it to another unit (a transfer here), its history kept. */
export async function moveTip(trx: Executor, id: string, toUnitId: string): Promise<void> {
  await trx.updateTable('tips').set({ unitId: toUnitId }).where('id', '=', id).execute();
  for (const table of ['tipMessages', 'tipEvents', 'tipReveals', 'tipEscalations', 'tipAttachments'] as const) {
    await trx.updateTable(table).set({ unitId: toUnitId }).where('tipId', '=', id).execute();
  }
  await trx.updateTable('tipLinks').set({ unitId: toUnitId }).where('tipId', '=', id).execute();
}

export async function insertEvent(trx: Executor, row: TipEventTable): Promise<void> {
  await trx.insertInto('tipEvents').values(row).execute();
}

export async function listEvents(db: Executor, tipId: string) {
  return db.selectFrom('tipEvents').selectAll().where('tipId', '=', tipId).orderBy('id').execute();
}

export async function insertMessage(trx: Executor, row: TipMessageTable): Promise<void> {
  await trx.insertInto('tipMessages').values(row).execute();
}

/** Messages (internal notes only when asked), oldest first, with the officer's display name. */
export async function listMessages(db: Executor, tipId: string, internal: boolean) {
  return db
    .selectFrom('tipMessages as m')
    .leftJoin('officers as o', 'o.id', 'm.officerId')
    .select(['m.id', 'm.author', 'm.text', 'm.createdAt', 'o.displayName as officerName'])
    .where('m.tipId', '=', tipId)
    .where('m.internal', '=', internal ? 1 : 0)
    .orderBy('m.id')
    .execute();
}

export async function insertReveal(
  trx: Executor,
  row: {
    id: string;
    unitId: string;
    tipId: string;
    officerId: string;
    officerName: string;
    reason: string;
    at: number;
  },
): Promise<void> {
  await trx.insertInto('tipReveals').values(row).execute();
}

export async function listReveals(db: Executor, tipId: string) {
  return db.selectFrom('tipReveals').selectAll().where('tipId', '=', tipId).orderBy('id').execute();
}

export async function insertLink(
  trx: Executor,
  row: { tipId: string; relatedTipId: string; unitId: string; reason: string; createdAt: number },
): Promise<void> {
  await trx
    .insertInto('tipLinks')
    .values(row)
    .onConflict((oc) => oc.columns(['tipId', 'relatedTipId']).doNothing())
    .execute();
}

/** Ids of the tips linked to this one, either way. */
export async function relatedTipIds(db: Executor, tipId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('tipLinks')
    .select(['tipId', 'relatedTipId'])
    .where((eb) => eb.or([eb('tipId', '=', tipId), eb('relatedTipId', '=', tipId)]))
    .execute();
  return [...new Set(rows.map((r) => (r.tipId === tipId ? r.relatedTipId : r.tipId)))];
}

/** The tips linked to this one, either way, with their receipt codes and the link's reason (oldest first). */
export async function relatedTips(
  db: Executor,
  tipId: string,
): Promise<{ id: string; receiptCode: string; reason: string }[]> {
  const rows = await db
    .selectFrom('tipLinks')
    .innerJoin('tips', (j) =>
      j.on((eb) =>
        eb.or([
          eb.and([eb('tipLinks.tipId', '=', tipId), eb('tips.id', '=', eb.ref('tipLinks.relatedTipId'))]),
          eb.and([eb('tipLinks.relatedTipId', '=', tipId), eb('tips.id', '=', eb.ref('tipLinks.tipId'))]),
        ]),
      ),
    )
    .select(['tips.id', 'tips.receiptCode', 'tipLinks.reason'])
    .orderBy('tipLinks.createdAt')
    .execute();
  return rows;
}

export interface ListKey {
  /** The time the list's first page was read: what "overdue" means for every page of it. */
  now: number;
  overdue: number;
  rank: number;
  createdAt: number;
  id: string;
}

const overdueExpr = (now: number) => sql<number>`case when due_at is not null and due_at < ${now} then 0 else 1 end`;

/** A unit's tips: overdue first, then by priority, then oldest first; keyset after `after`. */
export async function listUnitTips(
  db: Executor,
  unitId: string,
  options: { status?: string | undefined; after: ListKey | null; now: number; limit: number },
): Promise<(TipRow & { notOverdue: number })[]> {
  const now = options.after?.now ?? options.now;
  const ov = overdueExpr(now);
  let q = db.selectFrom('tips').selectAll().select(ov.as('notOverdue')).where('unitId', '=', unitId);
  if (options.status) q = q.where('status', '=', options.status);
  const a = options.after;
  if (a) {
    q = q.where(
      sql<boolean>`(${ov} > ${a.overdue} or (${ov} = ${a.overdue} and (priority_rank > ${a.rank} or (priority_rank = ${a.rank} and (created_at > ${a.createdAt} or (created_at = ${a.createdAt} and id > ${a.id}))))))`,
    );
  }
  const rows = await q
    .orderBy(ov)
    .orderBy('priorityRank')
    .orderBy('createdAt')
    .orderBy('id')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({ ...r, notOverdue: Number(r.notOverdue) }));
}

export async function listTipsOfResident(db: Executor, residentKey: string) {
  return db
    .selectFrom('tips')
    .select(['receiptCode', 'status', 'category', 'createdAt'])
    .where('residentKey', '=', residentKey)
    .orderBy('createdAt', 'desc')
    .limit(100)
    .execute();
}

/** Open tips whose step's deadline passed and was not escalated yet. */
export async function listOverdueUnescalated(db: Executor, now: number, limit: number) {
  return db
    .selectFrom('tips')
    .select(['id'])
    .where('dueAt', '<', now)
    .where('escalatedAt', 'is', null)
    .where('status', 'in', ['received', 'acknowledged', 'verifying'])
    .orderBy('dueAt')
    .limit(limit)
    .execute();
}

export async function insertEscalation(
  trx: Executor,
  row: { id: string; unitId: string; tipId: string; status: string; dueAt: number; escalatedAt: number },
): Promise<void> {
  await trx.insertInto('tipEscalations').values(row).execute();
}

export async function ownerIds(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('officerRoles')
    .select('officerId')
    .where('unitId', '=', unitId)
    .where('role', '=', 'owner')
    .execute();
  return rows.map((r) => r.officerId);
}

export async function unitDeadlines(db: Executor, unitId: string): Promise<TipDeadline[]> {
  const rows = await db.selectFrom('tipDeadlines').selectAll().where('unitId', '=', unitId).execute();
  return rows.map((r) => ({
    category: r.category as TipDeadline['category'],
    acknowledgeHours: r.acknowledgeHours,
    checkHours: r.checkHours,
    settleDays: r.settleDays,
  }));
}

export async function saveDeadlines(trx: Executor, unitId: string, items: TipDeadline[]): Promise<void> {
  for (const d of items) {
    await trx
      .insertInto('tipDeadlines')
      .values({ unitId, ...d })
      .onConflict((oc) =>
        oc.columns(['unitId', 'category']).doUpdateSet({
          acknowledgeHours: d.acknowledgeHours,
          checkHours: d.checkHours,
          settleDays: d.settleDays,
        }),
      )
      .execute();
  }
}

export async function insertAttachment(trx: Executor, row: TipAttachmentTable): Promise<void> {
  await trx.insertInto('tipAttachments').values(row).execute();
}

export async function findAttachment(db: Executor, id: string): Promise<TipAttachmentRow | undefined> {
  return db.selectFrom('tipAttachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAttachmentsByIds(db: Executor, ids: string[]): Promise<TipAttachmentRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('tipAttachments').selectAll().where('id', 'in', ids).execute();
}

/** Gives unclaimed uploads to a tip (and reply); the guard on tip_id makes a concurrent claim lose. */
export async function claimAttachments(
  trx: Executor,
  ids: string[],
  to: { tipId: string; unitId: string; messageId: string | null },
): Promise<number> {
  const result = await trx
    .updateTable('tipAttachments')
    .set(to)
    .where('id', 'in', ids)
    .where('tipId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listAttachments(db: Executor, tipId: string): Promise<TipAttachmentRow[]> {
  return db.selectFrom('tipAttachments').selectAll().where('tipId', '=', tipId).orderBy('id').execute();
}

export async function listUnclaimedAttachments(db: Executor, before: number, limit: number) {
  return db
    .selectFrom('tipAttachments')
    .select('id')
    .where('tipId', 'is', null)
    .where('createdAt', '<', before)
    .orderBy('createdAt')
    .limit(limit)
    .execute();
}

/** Deletes the given uploads that are still unclaimed; returns their storage keys. */
export async function deleteUnclaimedAttachments(trx: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return trx
    .deleteFrom('tipAttachments')
    .where('id', 'in', ids)
    .where('tipId', 'is', null)
    .returning(['id', 'storageKey', 'thumbnailKey'])
    .execute();
}
