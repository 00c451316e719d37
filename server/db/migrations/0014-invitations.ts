import type { Kysely } from 'kysely';

// Reach and invitations (issue 10): indexes for a unit's daily reads and new followers, and the
// printable invitation kit's scan links (one per unit and per residential group) with their
// scans counted per day — no IP address or anything else of the person scanning is stored.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('post_reads_unit_idx').on('post_reads').columns(['unit_id', 'read_at']).execute();
  await db.schema
    .createIndex('unit_followers_unit_created_idx')
    .on('unit_followers')
    .columns(['unit_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('invitation_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('group_id', 'text', (c) => c.references('residential_groups.id'))
    // The group's id, or 'unit' for the unit-wide link: unique per unit (NULLs would not be).
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.references('officers.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('invitation_links_scope_uq', ['unit_id', 'scope'])
    .execute();

  await db.schema
    .createTable('invitation_scans')
    .addColumn('link_id', 'text', (c) => c.notNull().references('invitation_links.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    /** Calendar day in Vietnam, YYYY-MM-DD. */
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('scans', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('invitation_scans_pk', ['link_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invitation_scans').execute();
  await db.schema.dropTable('invitation_links').execute();
  await db.schema.dropIndex('unit_followers_unit_created_idx').execute();
  await db.schema.dropIndex('post_reads_unit_idx').execute();
}
