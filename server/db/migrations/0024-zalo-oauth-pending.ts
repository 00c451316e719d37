import type { Kysely } from 'kysely';

// A console owner's OAuth connect in progress: the PKCE verifier and the app's secrets (sealed)
// wait here, keyed by the SHA-256 of the `state` sent to Zalo, until the consent callback takes
// the row (deleted when taken: single use) or it expires (minutes).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('zalo_oauth_pending')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('app_secret_sealed', 'text', (c) => c.notNull())
    .addColumn('oa_secret_key_sealed', 'text', (c) => c.notNull())
    .addColumn('code_verifier_sealed', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('zalo_oauth_pending_unit_idx').on('zalo_oauth_pending').column('unit_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('zalo_oauth_pending').execute();
}
