import { sql, type RawBuilder } from 'kysely';
import { runSql } from '../../db/direct.js';
import type { Dialect, Executor } from '../../db/database.js';
import type { PostRow } from '../../db/schema/index.js';

// What residents read: a unit's public posts and a resident's feed, newest first by publishing
// time, with a keyset cursor. The feed is one statement (run through runSql: it is the residents'
// hot path): the newest page of each branch, unit-wide posts of followed units and posts addressed
// to joined groups, each read through its indexes, merged and cut to the page. A post of a city or
// the province (a supervisor's area-wide warning) reaches everyone who follows a unit below it: the
// units a resident reads are those they follow and those units' ancestors.

/** The last row of a page, by every key the list is ordered by. */
export interface FeedCursor {
  at: number;
  id: string;
}

const after = (c: FeedCursor | undefined) =>
  c ? sql`and (p.published_at < ${c.at} or (p.published_at = ${c.at} and p.id < ${c.id}))` : sql``;

/**
 * Whether unit `a` is unit `u` or one of its ancestors, by u's materialised path ("/root/…/u/"):
 * PostgreSQL looks the path's ids up by primary key; SQLite scans the units table (a province's few
 * hundred rows on the one-server set-up).
 */
function ancestorOrSelf(dialect: Dialect, a: string, u: string): RawBuilder<unknown> {
  return dialect === 'postgres'
    ? sql`${sql.ref(`${a}.id`)} = any(string_to_array(${sql.ref(`${u}.path`)}, '/'))`
    : sql`instr(${sql.ref(`${u}.path`)}, '/' || ${sql.ref(`${a}.id`)} || '/') > 0`;
}

/** The units whose unit-wide posts a follower reads, with when they followed: followed units and their ancestors. */
function readUnits(dialect: Dialect, residentId: string) {
  return sql`select a.id as unit_id, min(f.created_at) as created_at from unit_followers f
    join units u on u.id = f.unit_id
    join units a on ${ancestorOrSelf(dialect, 'a', 'u')}
    where f.resident_id = ${residentId}
    group by a.id`;
}

/** A unit's published (and retracted) posts addressed to the whole unit, and those of its city and province. */
export async function listUnitWidePosts(
  db: Executor,
  dialect: Dialect,
  unitId: string,
  page: { before?: FeedCursor | undefined; limit: number },
): Promise<PostRow[]> {
  return runSql(
    db,
    sql<PostRow>`select p.* from posts p
    where p.unit_id in (select a.id from units u join units a on ${ancestorOrSelf(dialect, 'a', 'u')} where u.id = ${unitId})
      and p.audience = 'unit' and p.published_at is not null ${after(page.before)}
    order by p.published_at desc, p.id desc limit ${page.limit}`,
  );
}

/**
 * The newest unit-wide posts of the units the resident follows. PostgreSQL reads each unit's
 * newest from the index (LATERAL) instead of sorting all their posts; SQLite, without LATERAL,
 * sorts its covering index entries (well under a millisecond for 10,000 posts).
 */
function followedPosts(dialect: Dialect, residentId: string, keyset: RawBuilder<unknown>, limit: number) {
  if (dialect === 'postgres') {
    return sql`select distinct x.id, x.published_at from (${readUnits(dialect, residentId)}) f
      cross join lateral (
        select p.id, p.published_at from posts p
        where p.unit_id = f.unit_id and p.audience = 'unit' and p.published_at is not null ${keyset}
        order by p.published_at desc, p.id desc limit ${limit}
      ) x
      order by x.published_at desc, x.id desc limit ${limit}`;
  }
  return sql`select distinct p.id, p.published_at from (${readUnits(dialect, residentId)}) f
    join posts p on p.unit_id = f.unit_id and p.audience = 'unit'
    where p.published_at is not null ${keyset}
    order by p.published_at desc, p.id desc limit ${limit}`;
}

/** A page of the resident's feed: unit-wide posts of the units they follow, and posts to their groups. */
export async function feedPage(
  db: Executor,
  dialect: Dialect,
  residentId: string,
  page: { before?: FeedCursor | undefined; limit: number },
): Promise<PostRow[]> {
  const { limit } = page;
  const keyset = after(page.before);
  return runSql(
    db,
    sql<PostRow>`select * from posts where id in (
      select id from (${followedPosts(dialect, residentId, keyset, limit)}) followed
      union
      select id from (
        select distinct p.id, p.published_at from group_members m
        join post_groups g on g.group_id = m.group_id
        join posts p on p.id = g.post_id
        where m.resident_id = ${residentId} and p.published_at is not null ${keyset}
        order by p.published_at desc, p.id desc limit ${limit}
      ) joined
    )
    order by published_at desc, id desc limit ${limit}`,
  );
}

/**
 * How many published posts in the resident's feed, published since they followed the unit or
 * joined the group, they have not read; counting stops at `cap`.
 */
export async function unreadCount(db: Executor, dialect: Dialect, residentId: string, cap: number): Promise<number> {
  const unread = sql`not exists (select 1 from post_reads r where r.resident_id = ${residentId} and r.post_id = p.id)`;
  const rows = await runSql(
    db,
    sql<{ n: number | string }>`select count(*) as n from (
      select id from (
        select distinct p.id from (${readUnits(dialect, residentId)}) f
        join posts p on p.unit_id = f.unit_id and p.audience = 'unit'
        where p.status = 'published' and p.published_at >= f.created_at and ${unread}
        limit ${cap}
      ) followed
      union
      select id from (
        select distinct p.id from group_members m
        join post_groups g on g.group_id = m.group_id
        join posts p on p.id = g.post_id
        where m.resident_id = ${residentId} and p.status = 'published' and p.published_at >= m.joined_at and ${unread}
        limit ${cap}
      ) joined
    ) u`,
  );
  return Math.min(Number(rows[0]?.n ?? 0), cap);
}

/** Whether a post addressed to groups reaches the resident (a member of any of its groups). */
export async function reachesMember(db: Executor, postId: string, residentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('postGroups as g')
    .innerJoin('groupMembers as m', 'm.groupId', 'g.groupId')
    .select('g.postId')
    .where('g.postId', '=', postId)
    .where('m.residentId', '=', residentId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records that the resident read a post (once). */
export async function insertRead(
  db: Executor,
  row: { postId: string; residentId: string; unitId: string; readAt: number },
): Promise<void> {
  await db
    .insertInto('postReads')
    .values(row)
    .onConflict((oc) => oc.columns(['residentId', 'postId']).doNothing())
    .execute();
}

/** Which of the posts the resident read. */
export async function readPostIds(db: Executor, residentId: string, postIds: string[]): Promise<Set<string>> {
  if (!postIds.length) return new Set();
  const rows = await db
    .selectFrom('postReads')
    .select('postId')
    .where('residentId', '=', residentId)
    .where('postId', 'in', postIds)
    .execute();
  return new Set(rows.map((r) => r.postId));
}
