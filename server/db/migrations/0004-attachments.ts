import type { Kysely } from 'kysely';

// Files residents and officers send in conversations. The bytes live in the file storage under
// storage_key (and thumbnail_key for images); a row is written only once they are stored.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    // Null until a message claims the upload.
    .addColumn('message_id', 'text', (c) => c.references('messages.id'))
    .addColumn('uploader_resident_id', 'text', (c) => c.references('residents.id'))
    .addColumn('uploader_officer_id', 'text', (c) => c.references('officers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('thumbnail_key', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachments_conversation_idx')
    .on('attachments')
    .columns(['conversation_id', 'id'])
    .execute();
  await db.schema.createIndex('attachments_message_idx').on('attachments').column('message_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attachments').execute();
}
