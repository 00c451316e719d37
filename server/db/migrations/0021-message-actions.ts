import type { Kysely } from 'kysely';

// What a message offers or records beyond its text, as JSON (contracts/conversations.ts
// messageActionSchema): the assistant's offer to send a tip written in chat to the tip desk, and
// the system message saying it was sent with its receipt code. Null for every other message.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('actions', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('actions').execute();
}
