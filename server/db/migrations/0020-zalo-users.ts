import type { Kysely } from 'kysely';

// Zalo residents and what we sent them (issue 12). zalo_users: one resident per Zalo user per OA,
// with the name and avatar Zalo's user detail gave (cached, fetched_at). zalo_sent_messages: the
// Zalo message id of every piece we sent, so the webhook's echo of our own send is recognised.
// outbox.zalo_steps_done: pieces of a long message already sent, so a retry never sends one twice.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('zalo_users')
    .addColumn('oa_id', 'text', (c) => c.notNull())
    .addColumn('zalo_user_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('display_name', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('fetched_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('zalo_users_pk', ['oa_id', 'zalo_user_id'])
    .execute();
  await db.schema.createIndex('zalo_users_resident_idx').on('zalo_users').columns(['unit_id', 'resident_id']).execute();

  await db.schema
    .createTable('zalo_sent_messages')
    .addColumn('oa_id', 'text', (c) => c.notNull())
    .addColumn('zalo_message_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('zalo_sent_messages_pk', ['oa_id', 'zalo_message_id'])
    .execute();

  await db.schema
    .alterTable('outbox')
    .addColumn('zalo_steps_done', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('zalo_steps_done').execute();
  await db.schema.dropTable('zalo_sent_messages').execute();
  await db.schema.dropTable('zalo_users').execute();
}
