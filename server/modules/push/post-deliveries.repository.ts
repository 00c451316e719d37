import { randomBytes } from 'node:crypto';
import { RawNode, sql, type AliasableExpression, type RawBuilder } from 'kysely';
import type { PostDeliveryChannel } from '../../../contracts/push.js';
import { dialectOf, type Dialect, type Executor } from '../../db/database.js';
import { runSql } from '../../db/direct.js';
import type { PostDeliveryRow } from '../../db/schema/index.js';
import { tableQueue, type DeliveryQueue } from '../../jobs/dispatcher.js';

/** Who a post goes to: a select query, or SQL text, whose rows have a `resident_id` column. */
export type Recipients = AliasableExpression<{ residentId: string }>;

/** SQL text becomes a subquery in parentheses (Kysely adds them to its own select queries only). */
function asSubquery(recipients: Recipients): Recipients {
  return RawNode.is(recipients.toOperationNode()) ? sql<{ residentId: string }>`(${recipients})` : recipients;
}

export interface NewPostDeliveries {
  unitId: string;
  postId: string;
  recipients: Recipients;
  channel: PostDeliveryChannel;
  now: number;
}

/**
 * UUIDv7 ids for one enqueue's rows, made in the INSERT itself: the time part is `now`, 32 random
 * bits are this enqueue's, and the last 40 bits number the rows in resident order. Rows and both
 * unique indexes are then filled in order: with a random id per row, inserting a million rows on
 * PostgreSQL took four times as long (and drawing the randomness there as long again).
 */
function rowIds(dialect: Dialect, now: number): RawBuilder<string> {
  const time = now.toString(16).padStart(12, '0');
  const r = randomBytes(5).toString('hex');
  const variant = (8 | (parseInt(r.slice(9), 16) & 3)).toString(16);
  const prefix = `${time.slice(0, 8)}-${time.slice(8)}-7${r.slice(0, 3)}-${variant}${r.slice(3, 6)}-${r.slice(6, 8)}`;
  const n = sql`row_number() over (order by r.resident_id)`;
  const counter = dialect === 'postgres' ? sql`lpad(to_hex(${n}), 10, '0')` : sql`printf('%010x', ${n})`;
  return sql<string>`${prefix} || ${counter}`;
}

/**
 * Queues a post's notifications in the transaction that publishes it: one row per recipient who
 * can receive on the channel (web push: has a subscription), in one INSERT … SELECT. Running it
 * again adds nothing (unique post, resident and channel), so a retried publish is harmless.
 */
export async function enqueuePostDeliveries(trx: Executor, input: NewPostDeliveries): Promise<void> {
  const { unitId, postId, recipients, channel, now } = input;
  await trx
    .insertInto('postDeliveries')
    .columns(['id', 'unitId', 'postId', 'residentId', 'channel', 'status', 'attempts', 'nextAttemptAt', 'createdAt'])
    .expression(
      trx
        .selectFrom(asSubquery(recipients).as('r'))
        .select((eb) => [
          rowIds(dialectOf(trx), now).as('id'),
          eb.val(unitId).as('unitId'),
          eb.val(postId).as('postId'),
          'r.residentId',
          eb.val(channel).as('channel'),
          sql.lit('pending').as('status'),
          sql.lit(0).as('attempts'),
          // Typed: PostgreSQL reads an untyped parameter in a SELECT list as text.
          sql<number>`cast(${now} as bigint)`.as('nextAttemptAt'),
          sql<number>`cast(${now} as bigint)`.as('createdAt'),
        ])
        .where((eb) =>
          eb.exists(
            eb.selectFrom('pushSubscriptions as s').select('s.id').whereRef('s.residentId', '=', 'r.residentId'),
          ),
        ),
    )
    .onConflict((oc) => oc.columns(['postId', 'residentId', 'channel']).doNothing())
    .execute();
}

/** Post deliveries as the dispatcher's queue port. */
export const postDeliveryQueue: DeliveryQueue<PostDeliveryRow> = tableQueue(
  'post_deliveries',
  async (db, row, sent) => {
    await runSql(
      db,
      sql`update post_deliveries set status = 'sent', sent_at = ${sent.at}, claimed_until = null, last_error = null
    where id = ${row.id}`,
    );
  },
);
