import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { TestEnv } from './helper.js';

// What an attacker who can write the database does to the audit chain: change a row, then
// recompute every hash from there so each link holds again. Written from the chain's format
// (the previous hash, a newline, the row's fields as a JSON array) rather than with the module's
// own functions, so the tests state the format instead of trusting the code under test.

/** Hashes the previous hash and the canonical row text. */
export type ForgeHash = (text: string) => string;

export const plainSha256: ForgeHash = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export function hmacWith(key: Buffer): ForgeHash {
  return (text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** The chain key of an installation key: HKDF-SHA-256 with the info 'ketnoi audit chain v1'. */
export function chainKeyOf(installationKey: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', installationKey, Buffer.alloc(0), 'ketnoi audit chain v1', 32));
}

/**
 * Sets `actor_name` of entry `seq`, then recomputes the hash of that entry and of every later one
 * with `hash` and moves the head along, as a database writer could.
 */
export async function rewriteChain(
  env: TestEnv,
  hash: ForgeHash,
  change: { seq: number; actorName?: string },
): Promise<void> {
  await env.ctx.database.transaction(async (trx) => {
    if (change.actorName !== undefined) {
      await sql`update audit_log set actor_name = ${change.actorName} where seq = ${change.seq}`.execute(trx);
    }
    const before = await trx
      .selectFrom('auditLog')
      .select('hash')
      .where('seq', '=', change.seq - 1)
      .executeTakeFirst();
    const rows = await trx
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>=', change.seq)
      .orderBy('seq', 'asc')
      .execute();
    let prev = before?.hash ?? '0'.repeat(64);
    for (const r of rows) {
      const fields = [
        r.seq,
        r.id,
        r.at,
        r.actorId,
        r.actorName,
        r.unitId,
        r.action,
        r.targetType,
        r.targetId,
        r.ip,
        r.details,
      ];
      const h = hash(prev + '\n' + JSON.stringify(fields));
      await sql`update audit_log set prev_hash = ${prev}, hash = ${h} where seq = ${r.seq}`.execute(trx);
      prev = h;
    }
    await sql`update audit_head set hash = ${prev} where id = 1`.execute(trx);
  });
}

/** Removes every entry after `lastSeq` and points the head at it, as a database writer could. */
export async function truncateChain(env: TestEnv, lastSeq: number): Promise<void> {
  await env.ctx.database.transaction(async (trx) => {
    await sql`delete from audit_log where seq > ${lastSeq}`.execute(trx);
    const last = await trx.selectFrom('auditLog').select('hash').where('seq', '=', lastSeq).executeTakeFirstOrThrow();
    await sql`update audit_head set seq = ${lastSeq}, hash = ${last.hash} where id = 1`.execute(trx);
  });
}

export async function chainLength(env: TestEnv): Promise<number> {
  const head = await env.ctx.database.db.selectFrom('auditHead').select('seq').executeTakeFirstOrThrow();
  return head.seq;
}
