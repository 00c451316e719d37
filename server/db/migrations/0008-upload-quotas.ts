import type { Kysely } from 'kysely';

// What each resident uploaded per day (files and bytes), counted in the upload's own transaction,
// so a resident — anonymous visitors included — cannot fill the disk. Rows of past days are swept.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('upload_quotas')
    .addColumn('resident_id', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('files', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('upload_quotas_pk', ['resident_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('upload_quotas').execute();
}
