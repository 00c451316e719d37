import type { Dialect, Executor } from '../../db/database.js';
import type { PostEventRow, PostRow, PostVersionRow } from '../../db/schema/index.js';

// Posts, their audience groups, history and published versions. Kysely only; every method that
// reads or changes one unit's rows takes the unit id.

export type PostView = PostRow & { authorName: string | null };

function viewQuery(db: Executor) {
  return db
    .selectFrom('posts as p')
    .leftJoin('officers as o', 'o.id', 'p.authorId')
    .selectAll('p')
    .select('o.displayName as authorName');
}

/** A post by id, any unit: the caller checks the unit with the policy before using it. */
export async function findPost(db: Executor, id: string): Promise<PostView | undefined> {
  return viewQuery(db).where('p.id', '=', id).executeTakeFirst();
}

/** Re-reads a post inside a transaction; on PostgreSQL its row stays locked until commit. */
export async function lockPost(
  trx: Executor,
  dialect: Dialect,
  unitId: string,
  id: string,
): Promise<PostRow | undefined> {
  let q = trx.selectFrom('posts').selectAll().where('id', '=', id).where('unitId', '=', unitId);
  if (dialect === 'postgres') q = q.forUpdate(); // SQLite: one writer at a time anyway
  return q.executeTakeFirst();
}

/** Posts by id for the notification sender, which holds only delivery rows (no unit scope to check). */
export async function findPostsByIds(
  db: Executor,
  ids: string[],
): Promise<Pick<PostRow, 'id' | 'title' | 'body' | 'status' | 'expiresAt' | 'verificationCode'>[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('posts')
    .select(['id', 'title', 'body', 'status', 'expiresAt', 'verificationCode'])
    .where('id', 'in', ids)
    .execute();
}

export async function insertPost(db: Executor, row: PostRow): Promise<void> {
  await db.insertInto('posts').values(row).execute();
}

export async function updatePost(
  db: Executor,
  unitId: string,
  id: string,
  patch: Partial<Omit<PostRow, 'id' | 'unitId'>>,
): Promise<void> {
  await db.updateTable('posts').set(patch).where('id', '=', id).where('unitId', '=', unitId).execute();
}

/** Replaces the groups a post is addressed to (none: the whole unit). */
export async function setPostGroups(db: Executor, unitId: string, postId: string, groupIds: string[]): Promise<void> {
  await db.deleteFrom('postGroups').where('postId', '=', postId).where('unitId', '=', unitId).execute();
  if (!groupIds.length) return;
  await db
    .insertInto('postGroups')
    .values(groupIds.map((groupId) => ({ postId, groupId, unitId })))
    .execute();
}

/** The groups of each post (id and name), for a page of posts in one query. */
export async function groupsOfPosts(
  db: Executor,
  postIds: string[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const byPost = new Map<string, { id: string; name: string }[]>();
  if (!postIds.length) return byPost;
  const rows = await db
    .selectFrom('postGroups as pg')
    .innerJoin('residentialGroups as g', 'g.id', 'pg.groupId')
    .select(['pg.postId', 'g.id', 'g.name'])
    .where('pg.postId', 'in', postIds)
    .orderBy('g.name')
    .execute();
  for (const r of rows) byPost.set(r.postId, [...(byPost.get(r.postId) ?? []), { id: r.id, name: r.name }]);
  return byPost;
}

export async function insertEvents(db: Executor, rows: PostEventRow[]): Promise<void> {
  if (rows.length) await db.insertInto('postEvents').values(rows).execute();
}

export async function eventsOfPosts(db: Executor, postIds: string[]): Promise<PostEventRow[]> {
  if (!postIds.length) return [];
  return db.selectFrom('postEvents').selectAll().where('postId', 'in', postIds).orderBy('id').execute();
}

export async function insertVersion(db: Executor, row: PostVersionRow): Promise<void> {
  await db.insertInto('postVersions').values(row).execute();
}

export async function versionsOfPosts(db: Executor, postIds: string[]): Promise<PostVersionRow[]> {
  if (!postIds.length) return [];
  return db.selectFrom('postVersions').selectAll().where('postId', 'in', postIds).orderBy('id').execute();
}

/** A unit's posts for the console, newest first, after a cursor (the last id seen). */
export async function listUnitPosts(
  db: Executor,
  unitId: string,
  f: { status?: string | undefined; before?: string | undefined; limit: number },
): Promise<PostView[]> {
  let q = viewQuery(db).where('p.unitId', '=', unitId).orderBy('p.id', 'desc').limit(f.limit);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.before) q = q.where('p.id', '<', f.before);
  return q.execute();
}

export async function codeTaken(db: Executor, code: string): Promise<boolean> {
  const row = await db.selectFrom('posts').select('id').where('verificationCode', '=', code).executeTakeFirst();
  return row !== undefined;
}

/** A post that was published (it may since be retracted), by its code. */
export async function findPublishedByCode(db: Executor, code: string): Promise<PostRow | undefined> {
  return db
    .selectFrom('posts')
    .selectAll()
    .where('verificationCode', '=', code)
    .where('publishedAt', 'is not', null)
    .executeTakeFirst();
}

/** Scheduled posts whose time has come, oldest first. */
export async function listDuePosts(
  db: Executor,
  now: number,
  limit: number,
): Promise<Pick<PostRow, 'id' | 'unitId'>[]> {
  return db
    .selectFrom('posts')
    .select(['id', 'unitId'])
    .where('status', '=', 'scheduled')
    .where('publishAt', '<=', now)
    .orderBy('publishAt')
    .limit(limit)
    .execute();
}
