import type { Kysely } from 'kysely';

// Zalo Official Accounts (issue 12): one OA per unit. The app secret, the OA secret key (webhook
// signatures) and the token pair are sealed with AES-GCM under a key derived from KEY_FILE's
// (modules/zalo/zalo-secrets.ts); nothing here is readable without it. token_version grows with
// every refresh: the refresh token is single-use, so a writer that did not read the newest pair
// must not overwrite it. PostgreSQL serialises refreshes by locking the row; SQLite (whose writer
// cannot wait on Zalo inside a transaction) by a lease, refresh_claimed_until, taken on the version read.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('zalo_connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().unique().references('units.id'))
    .addColumn('oa_id', 'text', (c) => c.notNull().unique())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('app_secret_sealed', 'text', (c) => c.notNull())
    .addColumn('oa_secret_key_sealed', 'text', (c) => c.notNull())
    .addColumn('access_token_sealed', 'text', (c) => c.notNull())
    .addColumn('refresh_token_sealed', 'text', (c) => c.notNull())
    .addColumn('access_token_expires_at', 'bigint')
    .addColumn('token_version', 'integer', (c) => c.notNull())
    .addColumn('refresh_claimed_until', 'bigint')
    .addColumn('last_refreshed_at', 'bigint')
    .addColumn('last_event_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'bigint')
    .addColumn('connected_by_officer_id', 'text', (c) => c.references('officers.id'))
    .addColumn('connected_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('zalo_connections').execute();
}
