import type { Kysely } from 'kysely';

// The procedures knowledge base (versioned), units' local notes and the assistant's unanswered
// questions. Same portable types as 0001: text ids and JSON, bigint epoch milliseconds.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kb_procedures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('taxonomy_id', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('kb_procedures_taxonomy_idx').on('kb_procedures').column('taxonomy_id').execute();

  await db.schema
    .createTable('kb_procedure_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('kb_procedures.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('diff', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('kb_procedure_versions_version_uq', ['procedure_id', 'version'])
    .execute();

  await db.schema
    .createTable('unit_procedure_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('kb_procedures.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('unit_procedure_notes_uq', ['unit_id', 'procedure_id'])
    .execute();

  await db.schema
    .createTable('assistant_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('history', 'text', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('procedure', 'text')
    .addColumn('aspect', 'text')
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('reviewed_at', 'bigint')
    .addColumn('reviewed_by', 'text')
    .execute();
  await db.schema
    .createIndex('assistant_questions_unit_idx')
    .on('assistant_questions')
    .columns(['unit_id', 'status', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['assistant_questions', 'unit_procedure_notes', 'kb_procedure_versions', 'kb_procedures']) {
    await db.schema.dropTable(t).execute();
  }
}
