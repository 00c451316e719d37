import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { runSql } from '../../db/direct.js';
import type { ZaloGroupPostRow } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import { tableQueue, type DeliveryQueue } from '../../jobs/dispatcher.js';

// zalo_group_posts, the queue of published posts to send to residential groups' linked Zalo
// groups: one row per post and group, queued in the publishing transaction. Kysely only.

/** The queue's one channel (the dispatcher drains a table per channel). */
export const ZALO_GROUP_CHANNEL = 'zalo_group';

/**
 * Queues a post for each of its residential groups linked to a Zalo group, in the transaction
 * that publishes it, when the unit has a Zalo OA connected. A broken link queues nothing; running
 * it again adds nothing (unique post and group), so a retried publish is harmless.
 */
export async function enqueueZaloGroupPosts(
  trx: Executor,
  post: { id: string; unitId: string },
  now: number,
): Promise<void> {
  const targets = await trx
    .selectFrom('postGroups as pg')
    .innerJoin('residentialGroups as g', 'g.id', 'pg.groupId')
    .select(['g.id as groupId', 'g.zaloGroupId'])
    .where('pg.postId', '=', post.id)
    .where('g.unitId', '=', post.unitId)
    .where('g.zaloLinkState', '=', 'linked')
    .where('g.zaloGroupId', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('zaloConnections as c').select('c.id').where('c.unitId', '=', post.unitId)))
    .execute();
  if (!targets.length) return;
  await trx
    .insertInto('zaloGroupPosts')
    .values(
      targets.map((t) => ({
        id: newId(),
        unitId: post.unitId,
        postId: post.id,
        groupId: t.groupId,
        zaloGroupId: t.zaloGroupId ?? '',
        channel: ZALO_GROUP_CHANNEL,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        stepsDone: 0,
        createdAt: now,
      })),
    )
    .onConflict((oc) => oc.columns(['postId', 'groupId']).doNothing())
    .execute();
}

/** Records the steps Zalo has accepted, after every attempt: a retry starts after them. */
export async function saveGroupPostStepsDone(db: Executor, id: string, done: number): Promise<void> {
  await db.updateTable('zaloGroupPosts').set({ stepsDone: done }).where('id', '=', id).execute();
}

/** A row's steps done as stored now (a claim's copy may be older than a crashed attempt's save). */
export async function groupPostStepsDone(db: Executor, id: string): Promise<number> {
  const row = await db.selectFrom('zaloGroupPosts').select('stepsDone').where('id', '=', id).executeTakeFirst();
  return row?.stepsDone ?? 0;
}

/** Zalo group posts as the dispatcher's queue port. */
export const zaloGroupPostQueue: DeliveryQueue<ZaloGroupPostRow> = tableQueue(
  'zalo_group_posts',
  async (db, row, sent) => {
    await runSql(
      db,
      sql`update zalo_group_posts set status = 'sent', sent_at = ${sent.at}, claimed_until = null, last_error = null
    where id = ${row.id}`,
    );
  },
);
