import { sql, type Kysely } from 'kysely';

// Where a conversation sorts in the officers' inbox: 1 for an open emergency (assigned or not),
// 0 otherwise, written with every state change (conversation-state.ts inboxPriority). A stored
// column rather than an expression in the ORDER BY, so the inbox's keyset cursor carries the same
// plain value the rows are ordered by and one index serves both dialects.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conversations')
    .addColumn('inbox_priority', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update conversations set inbox_priority = 1 where status = 'open' and handover_reason = 'emergency'`.execute(
    db,
  );
  await db.schema
    .createIndex('conversations_inbox_order_idx')
    .on('conversations')
    .columns(['unit_id', 'inbox_priority', 'updated_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_inbox_order_idx').execute();
  await db.schema.alterTable('conversations').dropColumn('inbox_priority').execute();
}
