import type { Kysely } from 'kysely';

// Closing a published alert (issue 10): a missing person found, a wanted person caught, an event
// over. The post stays published and verifiable, expires now, and shows the unit's closing note.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('closed_at', 'bigint').execute();
  await db.schema.alterTable('posts').addColumn('close_note', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('posts').dropColumn('close_note').execute();
  await db.schema.alterTable('posts').dropColumn('closed_at').execute();
}
