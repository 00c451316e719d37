import { sql, type Kysely } from 'kysely';

// Residential groups linked to Zalo groups (GMF, issue 12): the group's Zalo group id and the
// link's state (broken when Zalo answers -237/-403), and zalo_group_posts, the durable queue of
// published posts to send to linked Zalo groups (one row per post and group; claimed like the outbox).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('residential_groups').addColumn('zalo_group_id', 'text').execute();
  await db.schema.alterTable('residential_groups').addColumn('zalo_link_state', 'text').execute();
  await db.schema.alterTable('residential_groups').addColumn('zalo_link_error', 'text').execute();
  await db.schema.alterTable('residential_groups').addColumn('zalo_link_broken_at', 'bigint').execute();
  // One residential group per Zalo group in a unit: two would each receive every post twice.
  await db.schema
    .createIndex('residential_groups_zalo_group_uq')
    .on('residential_groups')
    .columns(['unit_id', 'zalo_group_id'])
    .unique()
    .where(sql.ref('zalo_group_id'), 'is not', null)
    .execute();

  // No foreign keys, like post_deliveries: rows are read back through the broadcasts module's port.
  await db.schema
    .createTable('zalo_group_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('zalo_group_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('steps_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('zalo_group_posts_target_uq', ['post_id', 'group_id'])
    .execute();
  // Claiming reads only pending rows (status = 'pending' is a literal in the claim query).
  await db.schema
    .createIndex('zalo_group_posts_due_idx')
    .on('zalo_group_posts')
    .columns(['channel', 'next_attempt_at'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('zalo_group_posts').execute();
  await db.schema.dropIndex('residential_groups_zalo_group_uq').execute();
  for (const column of ['zalo_link_broken_at', 'zalo_link_error', 'zalo_link_state', 'zalo_group_id']) {
    await db.schema.alterTable('residential_groups').dropColumn(column).execute();
  }
}
