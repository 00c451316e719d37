import type { Executor } from '../../db/database.js';
import type {
  KbProcedureRow,
  KbProcedureVersionRow,
  NewKbProcedureVersionRow,
  UnitProcedureNoteRow,
} from '../../db/schema/index.js';

// The shared knowledge base belongs to no unit; unit notes are always read and written per unit.

export async function countProcedures(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('kbProcedures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listProcedures(db: Executor): Promise<KbProcedureRow[]> {
  return db.selectFrom('kbProcedures').selectAll().orderBy('id').execute();
}

export async function findProcedure(db: Executor, id: string): Promise<KbProcedureRow | undefined> {
  return db.selectFrom('kbProcedures').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProcedureByTaxonomy(db: Executor, taxonomyId: string): Promise<KbProcedureRow | undefined> {
  return db
    .selectFrom('kbProcedures')
    .selectAll()
    .where('taxonomyId', '=', taxonomyId)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertProcedure(db: Executor, row: KbProcedureRow): Promise<void> {
  await db.insertInto('kbProcedures').values(row).execute();
}

/** Writes a new version only if the stored one is still `expectedVersion`; false when someone was first. */
export async function updateProcedureIfVersion(
  db: Executor,
  id: string,
  expectedVersion: number,
  patch: Pick<KbProcedureRow, 'content' | 'version' | 'updatedAt' | 'updatedBy'>,
): Promise<boolean> {
  const r = await db
    .updateTable('kbProcedures')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertVersion(db: Executor, row: NewKbProcedureVersionRow): Promise<void> {
  await db.insertInto('kbProcedureVersions').values(row).execute();
}

export async function listVersions(db: Executor, procedureId: string): Promise<KbProcedureVersionRow[]> {
  return db
    .selectFrom('kbProcedureVersions')
    .selectAll()
    .where('procedureId', '=', procedureId)
    .orderBy('version', 'desc')
    .execute();
}

export async function findUnitNote(
  db: Executor,
  unitId: string,
  procedureId: string,
): Promise<UnitProcedureNoteRow | undefined> {
  return db
    .selectFrom('unitProcedureNotes')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('procedureId', '=', procedureId)
    .executeTakeFirst();
}

export async function listUnitNotes(db: Executor, unitId: string): Promise<UnitProcedureNoteRow[]> {
  return db.selectFrom('unitProcedureNotes').selectAll().where('unitId', '=', unitId).orderBy('procedureId').execute();
}

export async function insertUnitNote(db: Executor, row: UnitProcedureNoteRow): Promise<void> {
  await db.insertInto('unitProcedureNotes').values(row).execute();
}

export async function updateUnitNote(
  db: Executor,
  unitId: string,
  procedureId: string,
  patch: Pick<UnitProcedureNoteRow, 'note' | 'updatedAt' | 'updatedBy'>,
): Promise<void> {
  await db
    .updateTable('unitProcedureNotes')
    .set(patch)
    .where('unitId', '=', unitId)
    .where('procedureId', '=', procedureId)
    .execute();
}

export async function deleteUnitNote(db: Executor, unitId: string, procedureId: string): Promise<void> {
  await db
    .deleteFrom('unitProcedureNotes')
    .where('unitId', '=', unitId)
    .where('procedureId', '=', procedureId)
    .execute();
}
