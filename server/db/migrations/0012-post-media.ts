import type { Kysely } from 'kysely';

// Media of posts (issue 10): images, one audio clip, files. The bytes live in the file storage
// under storage_key (and thumbnail_key for images); a row is written only once they are stored.
// post_id is null until a post takes the upload and never changes after; position is the place in
// the post's current content, null once an edit left it out (earlier versions keep naming it).
// A post keeps its audio's transcript and its link; each published version keeps what it had.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post_media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id'))
    .addColumn('uploader_id', 'text', (c) => c.references('officers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('thumbnail_key', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('position', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_media_post_idx').on('post_media').columns(['post_id', 'position']).execute();
  await db.schema.createIndex('post_media_unit_idx').on('post_media').columns(['unit_id', 'id']).execute();

  await db.schema.alterTable('posts').addColumn('audio_transcript', 'text').execute();
  await db.schema.alterTable('posts').addColumn('link_url', 'text').execute();
  // The media ids of the version in order (a JSON array), its transcript and its link.
  await db.schema
    .alterTable('post_versions')
    .addColumn('media_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('post_versions').addColumn('audio_transcript', 'text').execute();
  await db.schema.alterTable('post_versions').addColumn('link_url', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['link_url', 'audio_transcript', 'media_ids']) {
    await db.schema.alterTable('post_versions').dropColumn(column).execute();
  }
  for (const column of ['link_url', 'audio_transcript']) {
    await db.schema.alterTable('posts').dropColumn(column).execute();
  }
  await db.schema.dropTable('post_media').execute();
}
