import type { Kysely } from 'kysely';

// Residential groups' discussion boards (issue 10): members' and the unit's messages (text and an
// optional photo, hidden and pinned by officers), pinned posts, mutes and residents' reports. Every
// row carries its unit id. The board reads messages by (group, pinned, id) newest first; the
// console finds open reports by (group, resolved).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('board_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('residential_groups.id'))
    .addColumn('author_resident_id', 'text', (c) => c.references('residents.id'))
    .addColumn('author_officer_id', 'text', (c) => c.references('officers.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('photo_key', 'text')
    .addColumn('photo_thumb_key', 'text')
    .addColumn('photo_mime', 'text')
    .addColumn('photo_width', 'integer')
    .addColumn('photo_height', 'integer')
    .addColumn('hidden_at', 'bigint')
    .addColumn('hidden_by', 'text', (c) => c.references('officers.id'))
    .addColumn('hide_reason', 'text')
    .addColumn('pinned_at', 'bigint')
    .addColumn('pinned_by', 'text', (c) => c.references('officers.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('board_messages_group_idx').on('board_messages').columns(['group_id', 'id']).execute();

  await db.schema
    .createTable('board_post_pins')
    .addColumn('group_id', 'text', (c) => c.notNull().references('residential_groups.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('pinned_by', 'text', (c) => c.references('officers.id'))
    .addColumn('pinned_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('board_post_pins_pk', ['group_id', 'post_id'])
    .execute();

  await db.schema
    .createTable('board_mutes')
    .addColumn('group_id', 'text', (c) => c.notNull().references('residential_groups.id'))
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('until', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('muted_by', 'text', (c) => c.references('officers.id'))
    .addColumn('muted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('board_mutes_pk', ['group_id', 'resident_id'])
    .execute();

  await db.schema
    .createTable('board_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull().references('residential_groups.id'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('board_messages.id'))
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text', (c) => c.references('officers.id'))
    .addColumn('resolution', 'text')
    .addUniqueConstraint('board_reports_once_uq', ['message_id', 'resident_id'])
    .execute();
  await db.schema
    .createIndex('board_reports_open_idx')
    .on('board_reports')
    .columns(['group_id', 'resolved_at', 'message_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['board_reports', 'board_mutes', 'board_post_pins', 'board_messages']) {
    await db.schema.dropTable(t).execute();
  }
}
