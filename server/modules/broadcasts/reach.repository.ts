import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import { DAY_MS } from '../../lib/time.js';
import { unitsUnder } from './groups.repository.js';

// Aggregates of a post's and a unit's reach (contracts/reach.ts defines each figure). Every count
// is one SQL aggregate over an index: a unit may have hundreds of thousands of followers, so no
// rows are loaded to be counted here.

export interface ReachPost {
  id: string;
  unitId: string;
  audience: string;
  publishedAt: number;
}

/** A millisecond time as a bigint parameter (PostgreSQL reads untyped parameters as text). */
const ms = (n: number): RawBuilder<number> => sql<number>`cast(${n} as bigint)`;

/** Recipients at publishing who still are: followers since then, or members of its groups since then. */
export async function countRecipients(db: Executor, post: ReachPost): Promise<number> {
  const row =
    post.audience === 'groups'
      ? await db
          .selectFrom('groupMembers as m')
          .innerJoin('postGroups as pg', (j) => j.onRef('pg.groupId', '=', 'm.groupId').on('pg.postId', '=', post.id))
          .select((eb) => eb.fn.count<number | string>('m.residentId').distinct().as('n'))
          .where('m.unitId', '=', post.unitId)
          .where('m.joinedAt', '<=', post.publishedAt)
          .executeTakeFirst()
      : await db
          .selectFrom('unitFollowers')
          .select((eb) => eb.fn.count<number | string>('residentId').distinct().as('n'))
          // A city's area-wide post: the followers of every unit below it.
          .where('unitId', 'in', unitsUnder(db, post.unitId))
          .where('createdAt', '<=', post.publishedAt)
          .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The post's notifications by channel and status (the unique (post, resident, channel) index). */
export async function deliveryCounts(
  db: Executor,
  postId: string,
): Promise<{ channel: string; status: string; n: number }[]> {
  const rows = await db
    .selectFrom('postDeliveries')
    .select(['channel', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('postId', '=', postId)
    .groupBy(['channel', 'status'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function countReads(db: Executor, postId: string): Promise<number> {
  const row = await db
    .selectFrom('postReads')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('postId', '=', postId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Per residential group: its members among the post's recipients and its members who read it. The
 * post's groups, or all the unit's groups for a unit-wide post (whose recipients are followers).
 */
export async function reachByGroup(
  db: Executor,
  post: ReachPost,
): Promise<{ groupId: string; name: string; recipients: number; read: number }[]> {
  const toGroups = post.audience === 'groups';
  const rows = await db
    .selectFrom('residentialGroups as g')
    .select(['g.id as groupId', 'g.name'])
    .select((eb) => [
      eb
        .selectFrom('groupMembers as m')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('m.groupId', '=', 'g.id')
        .where((w) =>
          toGroups
            ? w('m.joinedAt', '<=', post.publishedAt)
            : w.exists(
                w
                  .selectFrom('unitFollowers as f')
                  .select('f.residentId')
                  .where('f.unitId', '=', post.unitId)
                  .whereRef('f.residentId', '=', 'm.residentId')
                  .where('f.createdAt', '<=', post.publishedAt),
              ),
        )
        .as('recipients'),
      eb
        .selectFrom('groupMembers as m')
        .innerJoin('postReads as r', (j) => j.onRef('r.residentId', '=', 'm.residentId').on('r.postId', '=', post.id))
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('m.groupId', '=', 'g.id')
        .as('read'),
    ])
    .where('g.unitId', '=', post.unitId)
    .$if(toGroups, (q) =>
      q.where('g.id', 'in', db.selectFrom('postGroups').select('groupId').where('postId', '=', post.id)),
    )
    .orderBy('g.name')
    .execute();
  return rows.map((r) => ({
    groupId: r.groupId,
    name: r.name,
    recipients: Number(r.recipients ?? 0),
    read: Number(r.read ?? 0),
  }));
}

/** Counts per day index (0 = the day starting at `from`) of one SQL selecting a `t` column. */
async function perDay(db: Executor, from: number, times: RawBuilder<unknown>): Promise<Map<number, number>> {
  const { rows } = await sql<{ day: number | string; n: number | string }>`
    select day, count(*) as n from (select (t - ${ms(from)}) / ${ms(DAY_MS)} as day from (${times}) s) d
    group by day`.execute(db);
  return new Map(rows.map((r) => [Number(r.day), Number(r.n)]));
}

/** A unit's daily posts, deliveries, reads and new followers since `from` (a day's start). */
export async function unitDailyCounts(db: Executor, unitId: string, from: number) {
  const [posts, delivered, reads, newFollowers] = await Promise.all([
    perDay(
      db,
      from,
      sql`select published_at as t from posts where unit_id = ${unitId} and published_at >= ${ms(from)}`,
    ),
    // Through the unit's recent posts and the (post, resident, channel) index: the queue has no
    // index by unit, and a post's notifications are sent within minutes of its publishing.
    perDay(
      db,
      from,
      sql`select d.sent_at as t from posts p join post_deliveries d on d.post_id = p.id
        where p.unit_id = ${unitId} and p.published_at >= ${ms(from - DAY_MS)}
          and d.status = 'sent' and d.sent_at >= ${ms(from)}`,
    ),
    perDay(db, from, sql`select read_at as t from post_reads where unit_id = ${unitId} and read_at >= ${ms(from)}`),
    perDay(
      db,
      from,
      sql`select min(created_at) as t from unit_followers where unit_id = ${unitId} and created_at >= ${ms(from)}
        group by resident_id`,
    ),
  ]);
  return { posts, delivered, reads, newFollowers };
}
