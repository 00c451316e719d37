import type { Kysely } from 'kysely';

// Announcements and residential groups (issue 10): groups and their members, followers of units,
// posts with their audience groups, published versions, history and reads. Every row carries its
// unit id. The feed reads posts by (unit, audience, published_at, id) and group posts through
// post_groups by group; the scheduler finds due posts by (status, publish_at).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('residential_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('officers.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('residential_groups_name_uq', ['unit_id', 'name'])
    .execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('residential_groups.id'))
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.references('officers.id'))
    .addColumn('confirmed_at', 'bigint')
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'resident_id'])
    .execute();
  await db.schema
    .createIndex('group_members_resident_idx')
    .on('group_members')
    .columns(['resident_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('unit_followers')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_followers_pk', ['unit_id', 'resident_id', 'channel'])
    .execute();
  await db.schema
    .createIndex('unit_followers_resident_idx')
    .on('unit_followers')
    .columns(['resident_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('author_id', 'text', (c) => c.references('officers.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('publish_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .addColumn('published_at', 'bigint')
    .addColumn('corrected_at', 'bigint')
    .addColumn('verification_code', 'text', (c) => c.unique())
    .addColumn('reject_reason', 'text')
    .addColumn('retract_reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('posts_feed_idx')
    .on('posts')
    .columns(['unit_id', 'audience', 'published_at', 'id'])
    .execute();
  await db.schema.createIndex('posts_console_idx').on('posts').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('posts_due_idx').on('posts').columns(['status', 'publish_at']).execute();

  await db.schema
    .createTable('post_groups')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('residential_groups.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_groups_pk', ['post_id', 'group_id'])
    .execute();
  await db.schema.createIndex('post_groups_group_idx').on('post_groups').columns(['group_id', 'post_id']).execute();

  await db.schema
    .createTable('post_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('officers.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_versions_post_idx').on('post_versions').columns(['post_id', 'id']).execute();

  await db.schema
    .createTable('post_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('actor_id', 'text', (c) => c.references('officers.id'))
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_events_post_idx').on('post_events').columns(['post_id', 'id']).execute();

  await db.schema
    .createTable('post_reads')
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('read_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_reads_pk', ['resident_id', 'post_id'])
    .execute();
  await db.schema.createIndex('post_reads_post_idx').on('post_reads').columns(['post_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'post_reads',
    'post_events',
    'post_versions',
    'post_groups',
    'posts',
    'unit_followers',
    'group_members',
    'residential_groups',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
