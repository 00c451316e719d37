import type { Executor } from '../../db/database.js';
import type { NewUnitRow, UnitRow, UnitUpdate } from '../../db/schema/index.js';

export async function listActiveUnits(db: Executor, kinds?: readonly string[]): Promise<UnitRow[]> {
  let q = db.selectFrom('units').selectAll().where('mergedInto', 'is', null);
  if (kinds?.length) q = q.where('kind', 'in', kinds);
  return q.orderBy('path').execute();
}

/** Units inside any of the given subtrees (by materialised path prefix), not merged away. */
export async function listUnitsUnder(db: Executor, paths: string[]): Promise<UnitRow[]> {
  if (paths.length === 0) return [];
  return db
    .selectFrom('units')
    .selectAll()
    .where('mergedInto', 'is', null)
    .where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))))
    .orderBy('path')
    .execute();
}

export async function findUnitById(db: Executor, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUnitBySlug(db: Executor, slug: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findUnitsBySlugs(db: Executor, slugs: string[]): Promise<UnitRow[]> {
  if (slugs.length === 0) return [];
  const rows: UnitRow[] = [];
  // Chunked to stay under SQLite's bound-parameter limit.
  for (let i = 0; i < slugs.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('units')
        .selectAll()
        .where('slug', 'in', slugs.slice(i, i + 500))
        .execute()),
    );
  }
  return rows;
}

export async function insertUnit(db: Executor, row: NewUnitRow): Promise<void> {
  await db.insertInto('units').values(row).execute();
}

export async function updateUnit(db: Executor, id: string, patch: UnitUpdate): Promise<void> {
  await db.updateTable('units').set(patch).where('id', '=', id).execute();
}

export async function countUnits(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every unit strictly below the given path, including merged ones (for re-parenting). */
export async function listDescendants(db: Executor, path: string): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().where('path', 'like', `${path}%`).where('path', '!=', path).execute();
}
