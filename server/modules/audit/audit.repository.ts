import type { Dialect, Executor } from '../../db/database.js';
import type { AuditLogRow } from '../../db/schema/index.js';

export interface AuditHeadRow {
  seq: number;
  hash: string;
  scheme: string;
}

/** Reads the chain head, row-locked on PostgreSQL so concurrent appends queue up. */
export async function lockHead(trx: Executor, dialect: Dialect): Promise<AuditHeadRow> {
  const head = await trx
    .selectFrom('auditHead')
    .select(['seq', 'hash', 'scheme'])
    .where('id', '=', 1)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  return head;
}

export async function insertEntry(trx: Executor, row: AuditLogRow): Promise<void> {
  await trx.insertInto('auditLog').values(row).execute();
  await trx.updateTable('auditHead').set({ seq: row.seq, hash: row.hash }).where('id', '=', 1).execute();
}

/** An entry with the current names of its actor, unit and target (null where there is none). */
export type NamedAuditRow = AuditLogRow & {
  actorDisplayName: string | null;
  unitName: string | null;
  targetName: string | null;
};

/**
 * Entries about units inside a subtree (materialised path prefix), newest first, before a seq
 * cursor, with the names of the officers, units, invitees, posts and groups they mention (one query).
 */
export async function listEntries(
  db: Executor,
  unitPath: string,
  page: { before?: number | undefined; limit: number },
): Promise<NamedAuditRow[]> {
  let q = db
    .selectFrom('auditLog')
    .leftJoin('officers as actor', 'actor.id', 'auditLog.actorId')
    .leftJoin('units as unit', 'unit.id', 'auditLog.unitId')
    .leftJoin('officers as targetOfficer', (j) =>
      j.onRef('targetOfficer.id', '=', 'auditLog.targetId').on('auditLog.targetType', '=', 'officer'),
    )
    .leftJoin('units as targetUnit', (j) =>
      j.onRef('targetUnit.id', '=', 'auditLog.targetId').on('auditLog.targetType', '=', 'unit'),
    )
    .leftJoin('invites as targetInvite', (j) =>
      j.onRef('targetInvite.id', '=', 'auditLog.targetId').on('auditLog.targetType', '=', 'invite'),
    )
    .leftJoin('posts as targetPost', (j) =>
      j.onRef('targetPost.id', '=', 'auditLog.targetId').on('auditLog.targetType', '=', 'post'),
    )
    .leftJoin('residentialGroups as targetGroup', (j) =>
      j.onRef('targetGroup.id', '=', 'auditLog.targetId').on('auditLog.targetType', '=', 'residential_group'),
    )
    .selectAll('auditLog')
    .select((eb) => [
      'actor.displayName as actorDisplayName',
      'unit.displayName as unitName',
      eb.fn
        .coalesce(
          'targetOfficer.displayName',
          'targetUnit.displayName',
          'targetInvite.displayName',
          'targetPost.title',
          'targetGroup.name',
        )
        .as('targetName'),
    ])
    .where('auditLog.unitId', 'in', (eb) =>
      eb.selectFrom('units').select('units.id').where('units.path', 'like', `${unitPath}%`),
    )
    .orderBy('auditLog.seq', 'desc')
    .limit(page.limit);
  if (page.before !== undefined) q = q.where('auditLog.seq', '<', page.before);
  return q.execute();
}

export type ChainRow = AuditLogRow;

/** The next rows of the chain after `afterSeq`, in order. */
export async function readChunk(db: Executor, afterSeq: number, limit: number): Promise<ChainRow[]> {
  return db.selectFrom('auditLog').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
}

export async function readHead(db: Executor): Promise<AuditHeadRow> {
  return db.selectFrom('auditHead').select(['seq', 'hash', 'scheme']).where('id', '=', 1).executeTakeFirstOrThrow();
}

/** When the newest entry was written (null on an empty chain). */
export async function entryTime(db: Executor, seq: number): Promise<number | null> {
  const row = await db.selectFrom('auditLog').select('at').where('seq', '=', seq).executeTakeFirst();
  return row?.at ?? null;
}

/** Replaces one entry's link and hash (re-sealing only; the fields never change). */
export async function updateSeal(trx: Executor, seq: number, prevHash: string, hash: string): Promise<void> {
  await trx.updateTable('auditLog').set({ prevHash, hash }).where('seq', '=', seq).execute();
}

export async function setHead(trx: Executor, head: AuditHeadRow): Promise<void> {
  await trx.updateTable('auditHead').set(head).where('id', '=', 1).execute();
}
