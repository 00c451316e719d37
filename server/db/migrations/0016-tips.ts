import type { Kysely } from 'kysely';

// The tip desk (issue 11): tips with their receipt code, passphrase hash (anonymous tips) or sealed
// identity and keyed resident hash (identified tips), messages and internal notes, history,
// identity reveals, escalations of missed deadlines, and units' own deadlines per category.
// Nothing here holds an IP address, a user agent or a resident id in clear.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tips')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
    .addColumn('passphrase_hash', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('identity_sealed', 'text')
    .addColumn('resident_key', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint')
    .addColumn('place_address', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('transferred_to', 'text')
    .addColumn('reject_kind', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('step_started_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('escalated_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tips_unit_idx').on('tips').columns(['unit_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('tips_due_idx').on('tips').columns(['due_at', 'escalated_at']).execute();
  await db.schema.createIndex('tips_resident_idx').on('tips').columns(['resident_key', 'created_at']).execute();

  await db.schema
    .createTable('tip_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('tip_id', 'text', (c) => c.notNull().references('tips.id'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'text', (c) => c.references('officers.id'))
    .addColumn('internal', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tip_messages_tip_idx').on('tip_messages').columns(['tip_id', 'id']).execute();

  await db.schema
    .createTable('tip_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('tip_id', 'text', (c) => c.notNull().references('tips.id'))
    .addColumn('actor_id', 'text', (c) => c.references('officers.id'))
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tip_events_tip_idx').on('tip_events').columns(['tip_id', 'id']).execute();

  await db.schema
    .createTable('tip_links')
    .addColumn('tip_id', 'text', (c) => c.notNull().references('tips.id'))
    .addColumn('related_tip_id', 'text', (c) => c.notNull().references('tips.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('tip_links_pk', ['tip_id', 'related_tip_id'])
    .execute();

  await db.schema
    .createTable('tip_reveals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('tip_id', 'text', (c) => c.notNull().references('tips.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    .addColumn('officer_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tip_reveals_tip_idx').on('tip_reveals').columns(['tip_id', 'id']).execute();

  await db.schema
    .createTable('tip_escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('tip_id', 'text', (c) => c.notNull().references('tips.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('escalated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tip_escalations_unit_idx').on('tip_escalations').columns(['unit_id', 'id']).execute();

  await db.schema
    .createTable('tip_deadlines')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('acknowledge_hours', 'integer', (c) => c.notNull())
    .addColumn('check_hours', 'integer', (c) => c.notNull())
    .addColumn('settle_days', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tip_deadlines_pk', ['unit_id', 'category'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'tip_deadlines',
    'tip_escalations',
    'tip_reveals',
    'tip_links',
    'tip_events',
    'tip_messages',
    'tips',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
