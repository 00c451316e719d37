import type { Kysely } from 'kysely';

// Files of tips (issue 11): photos and files a resident uploads before sending a tip or a reply.
// An upload is anonymous: no IP, user agent or resident id, only the hash of the random upload
// token handed to the uploader, which the tip (or reply) must send back to take it. tip_id is null
// until a tip takes the upload and never changes after; message_id names the reply it came with
// (null: with the tip itself). The bytes live in the file storage under storage_key.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tip_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('tip_id', 'text', (c) => c.references('tips.id'))
    .addColumn('message_id', 'text', (c) => c.references('tip_messages.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('thumbnail_key', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('upload_token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tip_attachments_tip_idx').on('tip_attachments').columns(['tip_id', 'id']).execute();
  await db.schema
    .createIndex('tip_attachments_unclaimed_idx')
    .on('tip_attachments')
    .columns(['tip_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tip_attachments').execute();
}
