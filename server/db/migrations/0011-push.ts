import { sql, type Kysely } from 'kysely';

// Web push (issue 10, delivery): residents' browser subscriptions, and post_deliveries, the durable
// queue of broadcast notifications (one row per post, resident and channel; claimed like the outbox).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('endpoint', 'text', (c) => c.notNull().unique())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_success_at', 'bigint')
    .addColumn('failed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('push_subscriptions_resident_idx')
    .on('push_subscriptions')
    .columns(['resident_id', 'created_at'])
    .execute();

  // No foreign keys: a publish inserts up to a million rows at once, and the post and resident
  // they point at are only read back through the broadcasts module's port.
  await db.schema
    .createTable('post_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_until', 'bigint')
    .addColumn('sent_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('post_deliveries_recipient_uq', ['post_id', 'resident_id', 'channel'])
    .execute();
  // Claiming reads only pending rows: a partial index stays small however many were sent (the
  // claim query names status = 'pending' as a literal, which both dialects need to use it).
  await db.schema
    .createIndex('post_deliveries_due_idx')
    .on('post_deliveries')
    .columns(['channel', 'next_attempt_at'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('post_deliveries').execute();
  await db.schema.dropTable('push_subscriptions').execute();
}
