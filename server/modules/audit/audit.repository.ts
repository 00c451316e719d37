import type { Dialect, Executor } from '../../db/database.js';
import type { AuditLogRow } from '../../db/schema/index.js';

/** Reads the chain head, row-locked on PostgreSQL so concurrent appends queue up. */
export async function lockHead(trx: Executor, dialect: Dialect): Promise<{ seq: number; hash: string }> {
  const head = await trx
    .selectFrom('auditHead')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  return head;
}

export async function insertEntry(trx: Executor, row: AuditLogRow): Promise<void> {
  await trx.insertInto('auditLog').values(row).execute();
  await trx.updateTable('auditHead').set({ seq: row.seq, hash: row.hash }).where('id', '=', 1).execute();
}

/** Entries about units inside a subtree (materialised path prefix), newest first, before a seq cursor. */
export async function listEntries(
  db: Executor,
  unitPath: string,
  page: { before?: number | undefined; limit: number },
): Promise<AuditLogRow[]> {
  let q = db
    .selectFrom('auditLog')
    .selectAll('auditLog')
    .where('auditLog.unitId', 'in', (eb) =>
      eb.selectFrom('units').select('units.id').where('units.path', 'like', `${unitPath}%`),
    )
    .orderBy('seq', 'desc')
    .limit(page.limit);
  if (page.before !== undefined) q = q.where('seq', '<', page.before);
  return q.execute();
}

export async function readChunk(db: Executor, afterSeq: number, limit: number): Promise<AuditLogRow[]> {
  return db.selectFrom('auditLog').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
}

export async function readHead(db: Executor): Promise<{ seq: number; hash: string }> {
  return db.selectFrom('auditHead').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}
