import type { Kysely } from 'kysely';

// Each OA's send budget, shared by every process (a token bucket in a row): Zalo counts an OA's
// calls whichever server makes them, and -32 pauses them all.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('zalo_send_budgets')
    .addColumn('oa_id', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    .addColumn('refilled_at', 'bigint', (c) => c.notNull())
    .addColumn('paused_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('zalo_send_budgets').execute();
}
