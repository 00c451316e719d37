import type { Executor } from '../../db/database.js';
import type { PostMediaRow } from '../../db/schema/index.js';

// Images, audio clips and files of posts. Kysely only; every change names the unit.

export async function insertMedia(db: Executor, row: PostMediaRow): Promise<void> {
  await db.insertInto('postMedia').values(row).execute();
}

export async function findMedia(db: Executor, id: string): Promise<PostMediaRow | undefined> {
  return db.selectFrom('postMedia').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMediaByIds(db: Executor, ids: string[]): Promise<PostMediaRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('postMedia').selectAll().where('id', 'in', ids).execute();
}

/** Every medium the posts ever had (current ones have a position), current ones first in order. */
export async function mediaOfPosts(db: Executor, postIds: string[]): Promise<PostMediaRow[]> {
  if (!postIds.length) return [];
  return db
    .selectFrom('postMedia')
    .selectAll()
    .where('postId', 'in', postIds)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** The ids of a post's current media, in order. */
export async function currentMediaIds(db: Executor, postId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('postMedia')
    .select('id')
    .where('postId', '=', postId)
    .where('position', 'is not', null)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.id);
}

/** Leaves every medium of the post out of its current content (they stay the post's). */
export async function clearPositions(db: Executor, unitId: string, postId: string): Promise<void> {
  await db
    .updateTable('postMedia')
    .set({ position: null })
    .where('postId', '=', postId)
    .where('unitId', '=', unitId)
    .execute();
}

/**
 * Gives a medium of the unit its place in the post, taking it when no post has it yet. Returns
 * false when it is not the unit's, or another post took it meanwhile.
 */
export async function placeMedia(
  db: Executor,
  unitId: string,
  postId: string,
  id: string,
  position: number,
): Promise<boolean> {
  const r = await db
    .updateTable('postMedia')
    .set({ postId, position })
    .where('id', '=', id)
    .where('unitId', '=', unitId)
    .where((eb) => eb.or([eb('postId', 'is', null), eb('postId', '=', postId)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
