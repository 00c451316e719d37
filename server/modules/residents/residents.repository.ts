import { sql } from 'kysely';
import { runSql } from '../../db/direct.js';
import type { Executor } from '../../db/database.js';
import type { ResidentRow } from '../../db/schema/index.js';

export async function findResidentByTokenHash(db: Executor, tokenHash: string): Promise<ResidentRow | undefined> {
  // SQL text: this runs for every resident request (see conversations.repository.ts).
  const rows = await runSql(db, sql<ResidentRow>`select * from residents where token_hash = ${tokenHash}`);
  return rows[0];
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
