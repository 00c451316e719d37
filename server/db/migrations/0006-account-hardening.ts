import type { Kysely } from 'kysely';

// Sign-in hardening and the console's account gaps (issue 8):
// - login_throttle replaces the per-officer lock (officers.failed_logins, officers.locked_until):
//   one row per hashed account and per hashed account+client, so unknown usernames are throttled
//   exactly like known ones;
// - invites can be withdrawn;
// - credential_resets: one-time links with which an officer sets a new password or 2FA secret.
// Same portable types as 0001: text ids, bigint epoch milliseconds.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    // HMAC of the normalised username (and client): no username or address is stored in clear.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('blocked_until', 'bigint', (c) => c.notNull())
    .addColumn('last_attempt_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_throttle_last_idx').on('login_throttle').column('last_attempt_at').execute();

  await db.schema.alterTable('officers').dropColumn('failed_logins').execute();
  await db.schema.alterTable('officers').dropColumn('locked_until').execute();

  await db.schema.alterTable('invites').addColumn('withdrawn_at', 'bigint').execute();
  await db.schema.createIndex('invites_unit_idx').on('invites').columns(['unit_id', 'expires_at']).execute();

  await db.schema
    .createTable('credential_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    // The unit through which the link was issued (whose audit log shows it).
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // The new TOTP secret to enrol (encrypted with the key file) when the kind resets 2FA.
    .addColumn('totp_secret', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('officers.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('credential_resets_officer_idx').on('credential_resets').column('officer_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('credential_resets').execute();
  await db.schema.dropIndex('invites_unit_idx').execute();
  await db.schema.alterTable('invites').dropColumn('withdrawn_at').execute();
  await db.schema
    .alterTable('officers')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('officers').addColumn('locked_until', 'bigint').execute();
  await db.schema.dropTable('login_throttle').execute();
}
