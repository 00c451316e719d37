import type { AuditEntry } from '../../../contracts/audit.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { AuditLogRow } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import { auditHash, ChainVerifier, type ChainCheck } from './audit-chain.js';
import * as repo from './audit.repository.js';

/** What appending needs of the context: the database's dialect, and the key the chain is sealed with. */
export type AuditContext = Pick<AppContext, 'database' | 'key'>;

/** Who did something: an officer with a session, or a shell user through the CLI. */
export interface AuditActor {
  actorId: string | null;
  actorName: string;
  ip: string | null;
}

export interface AuditEvent {
  unitId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Appends one hash-chained audit row; call inside the transaction that makes the change. */
export async function appendAudit(
  ctx: AuditContext,
  trx: Executor,
  actor: AuditActor,
  event: AuditEvent,
  at: number,
): Promise<void> {
  const head = await repo.lockHead(trx, ctx.database.dialect);
  const fields = {
    seq: head.seq + 1,
    id: newId(),
    at,
    actorId: actor.actorId,
    actorName: actor.actorName,
    unitId: event.unitId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ip: actor.ip,
    details: event.details ? JSON.stringify(event.details) : null,
  };
  await repo.insertEntry(trx, { ...fields, prevHash: head.hash, hash: auditHash(head.hash, fields) });
}

export function presentAudit(row: AuditLogRow): AuditEntry {
  return {
    seq: row.seq,
    id: row.id,
    at: toIso(row.at) ?? '',
    actorId: row.actorId,
    actorName: row.actorName,
    unitId: row.unitId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
  };
}

/** Lists audit entries of a unit's subtree (by materialised path), newest first. */
export async function listAuditUnder(
  db: Executor,
  unitPath: string,
  page: { before?: number | undefined; limit: number },
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const rows = await repo.listEntries(db, unitPath, page);
  const last = rows.at(-1);
  return {
    items: rows.map(presentAudit),
    nextCursor: rows.length === page.limit && last ? String(last.seq) : null,
  };
}

/** Re-computes the whole chain; reports the first broken link. */
export async function verifyAuditChain(
  db: Executor,
  onProgress?: (checked: number, total: number) => void,
): Promise<ChainCheck> {
  const head = await repo.readHead(db);
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await repo.readChunk(db, after, 1000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const failure = verifier.next(row);
      if (failure) return failure;
    }
    after = rows.at(-1)?.seq ?? after;
    onProgress?.(verifier.checked, head.seq);
  }
  return verifier.finish(head);
}
