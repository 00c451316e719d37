import type { Executor } from '../../db/database.js';
import type { ResidentRow } from '../../db/schema/index.js';

export async function findResidentByTokenHash(db: Executor, tokenHash: string): Promise<ResidentRow | undefined> {
  return db.selectFrom('residents').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function insertResident(db: Executor, row: ResidentRow): Promise<void> {
  await db.insertInto('residents').values(row).execute();
}

export async function updateResident(
  db: Executor,
  id: string,
  patch: Partial<Pick<ResidentRow, 'displayName' | 'phone' | 'updatedAt'>>,
): Promise<void> {
  await db.updateTable('residents').set(patch).where('id', '=', id).execute();
}
