import type { AuditAction, AuditEntry } from '../../../contracts/audit.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import {
  ChainVerifier,
  KEYED_SCHEME,
  parseScheme,
  sealerFor,
  type AuditAnchor,
  type AuditScheme,
  type ChainCheck,
} from './audit-chain.js';
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
  action: AuditAction;
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
  const seal = sealerFor(parseScheme(head.scheme), ctx.key);
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
  await repo.insertEntry(trx, { ...fields, prevHash: head.hash, hash: seal(head.hash, fields) });
}

export function presentAudit(row: repo.NamedAuditRow): AuditEntry {
  return {
    seq: row.seq,
    id: row.id,
    at: toIso(row.at) ?? '',
    actorId: row.actorId,
    actorName: row.actorName,
    actorDisplayName: row.actorDisplayName,
    unitId: row.unitId,
    unitName: row.unitName,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    targetName: row.targetName,
    ip: row.ip,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
  };
}

/** Lists audit entries of a unit's subtree (by materialised path), newest first, with names. */
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

/** How the chain is sealed now: 'sha256' until `ketnoi audit seal` has run on an older installation. */
export async function auditScheme(db: Executor): Promise<AuditScheme> {
  return parseScheme((await repo.readHead(db)).scheme);
}

/** Told after each chunk of rows how far a walk of the chain got. */
export type Progress = (checked: number, total: number) => void | Promise<void>;

export interface AuditVerification {
  /** How the head says the chain is sealed; a 'sha256' chain is never accepted, however intact. */
  scheme: AuditScheme;
  head: { seq: number; hash: string };
  result: ChainCheck;
}

/**
 * Re-computes the whole chain (with the installation key once keyed) and checks it against the
 * anchors given; reports the first broken link. Safe while the server appends: the head is re-read
 * after the walk, and rows appended meanwhile are walked too.
 */
export async function verifyAuditChain(
  ctx: AuditContext,
  options: { anchors?: readonly AuditAnchor[]; onProgress?: Progress } = {},
): Promise<AuditVerification> {
  const db = ctx.database.db;
  let head = await repo.readHead(db);
  const scheme = parseScheme(head.scheme);
  const verifier = new ChainVerifier(sealerFor(scheme, ctx.key), options.anchors);
  const progress = () => options.onProgress?.(verifier.checked, Math.max(head.seq, verifier.checked));
  let walked = await walkChain(db, 0, (row) => verifier.next(row), progress);
  while (!walked.failure) {
    head = await repo.readHead(db);
    if (head.seq <= walked.lastSeq) break;
    const before = walked.lastSeq;
    walked = await walkChain(db, before, (row) => verifier.next(row), progress);
    // The head is ahead of the rows: they were removed (finish says so).
    if (walked.lastSeq === before) break;
  }
  return { scheme, head, result: walked.failure ?? verifier.finish(head) };
}

/** Feeds the rows after `afterSeq` in order to `visit`, stopping at the first failure it returns. */
export async function walkChain(
  db: Executor,
  afterSeq: number,
  visit: (row: repo.ChainRow) => ChainCheck | null | Promise<ChainCheck | null>,
  onChunk?: () => void | Promise<void>,
): Promise<{ failure: ChainCheck | null; lastSeq: number }> {
  let lastSeq = afterSeq;
  for (;;) {
    const rows = await repo.readChunk(db, lastSeq, 1000);
    if (rows.length === 0) return { failure: null, lastSeq };
    for (const row of rows) {
      const failure = await visit(row);
      if (failure) return { failure, lastSeq };
      lastSeq = row.seq;
    }
    await onChunk?.();
  }
}

/** The head to keep elsewhere, taken only from a keyed chain that verifies. */
export interface AuditAnchorRecord extends AuditAnchor {
  /** When the newest entry was written. */
  at: string | null;
  takenAt: string;
}

/** Verifies the chain, then returns its head as an anchor (null when it does not verify). */
export async function takeAuditAnchor(
  ctx: AuditContext & Pick<AppContext, 'clock'>,
  onProgress?: Progress,
): Promise<{ verification: AuditVerification; anchor: AuditAnchorRecord | null }> {
  const verification = await verifyAuditChain(ctx, onProgress ? { onProgress } : {});
  const { head, result, scheme } = verification;
  if (!result.ok || scheme !== KEYED_SCHEME) return { verification, anchor: null };
  const at = await repo.entryTime(ctx.database.db, head.seq);
  return {
    verification,
    anchor: { seq: head.seq, hash: head.hash, at: toIso(at), takenAt: toIso(ctx.clock.now()) ?? '' },
  };
}
