import type { Kysely } from 'kysely';

// Verified Zalo webhook events, stored before the 200 goes back and processed after (a queue:
// status, attempts, lease, next attempt). dedupe_key is `<event_name>:<msg_id>`, or `sha256:<hex>`
// of the raw body for events without one; unique per OA, so Zalo's re-deliveries store nothing new.
// payload is the body exactly as received (ids stay as Zalo wrote them). No foreign key to the
// connection: events outlive a disconnect.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('zalo_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('oa_id', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .addUniqueConstraint('zalo_events_dedupe_key', ['oa_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('zalo_events_due_idx').on('zalo_events').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('zalo_events_unit_idx').on('zalo_events').columns(['unit_id', 'received_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('zalo_events').execute();
}
