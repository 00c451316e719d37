import { sql, type Kysely } from 'kysely';

// How the audit chain's rows are sealed. A database that already has audit rows keeps them sealed
// the old way ('sha256': anyone who can write the database can recompute them) until an operator
// runs `ketnoi audit seal`, which checks them and re-seals them with the installation key. A new,
// empty chain is keyed from its first row. See server/modules/audit/audit-chain.ts.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('audit_head')
    .addColumn('scheme', 'text', (c) => c.notNull().defaultTo('sha256'))
    .execute();
  await sql`update audit_head set scheme = 'hmac-sha256-v1' where seq = 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_head').dropColumn('scheme').execute();
}
