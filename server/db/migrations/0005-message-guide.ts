import type { Kysely } from 'kysely';

// The knowledge-base entry an assistant message answers from, so the chat can link to the
// procedures guide. Null for every other message (and for messages stored before this column).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('procedure_entry_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('procedure_entry_id').execute();
}
