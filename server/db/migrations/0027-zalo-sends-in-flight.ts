import type { Kysely } from 'kysely';

// A Zalo send whose outcome is not recorded yet: written before the first call of an attempt and
// removed with the attempt's record. Left behind by a crash, it says which pieces may have reached
// Zalo unrecorded; their echoes (oa_send_text) confirm them, and only the rest are sent again.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('zalo_sends_in_flight')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('oa_id', 'text', (c) => c.notNull())
    .addColumn('zalo_user_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('from_step', 'integer', (c) => c.notNull())
    .addColumn('step_texts', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('noticed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('zalo_sends_in_flight_user_idx')
    .on('zalo_sends_in_flight')
    .columns(['oa_id', 'zalo_user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('zalo_sends_in_flight').execute();
}
