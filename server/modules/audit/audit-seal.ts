import {
  auditChainKey,
  ChainVerifier,
  GENESIS_HASH,
  keyedSealer,
  KEYED_SCHEME,
  legacySeal,
  parseScheme,
  type ChainCheck,
} from './audit-chain.js';
import * as repo from './audit.repository.js';
import { appendAudit, walkChain, type AuditActor, type AuditContext, type Progress } from './audit.service.js';

export type SealOutcome =
  | { status: 'already-keyed' }
  | { status: 'sealed'; entries: number; legacyHeadHash: string }
  | { status: 'broken'; check: Extract<ChainCheck, { ok: false }> };

class LegacyChainBrokenError extends Error {
  constructor(readonly check: Extract<ChainCheck, { ok: false }>) {
    super(check.reason);
  }
}

/**
 * Upgrades a chain written before keying (`ketnoi audit seal`): in one transaction, checks every
 * row with the old unkeyed hash and, only if the whole chain holds, re-seals every row with the
 * installation key, marks the head keyed and records the seal as an entry. A broken chain is left
 * exactly as it is. Run once: a database whose head says 'sha256' after that was tampered with.
 */
export async function sealLegacyAuditChain(
  ctx: AuditContext,
  actor: AuditActor,
  at: number,
  onProgress?: Progress,
): Promise<SealOutcome> {
  try {
    return await ctx.database.transaction(async (trx): Promise<SealOutcome> => {
      const head = await repo.lockHead(trx, ctx.database.dialect);
      if (parseScheme(head.scheme) === KEYED_SCHEME) return { status: 'already-keyed' };
      const legacy = new ChainVerifier(legacySeal);
      const seal = keyedSealer(auditChainKey(ctx.key));
      let prevHash = GENESIS_HASH;
      const walked = await walkChain(
        trx,
        0,
        async (row) => {
          const failure = legacy.next(row);
          if (failure) return failure;
          const hash = seal(prevHash, row);
          await repo.updateSeal(trx, row.seq, prevHash, hash);
          prevHash = hash;
          return null;
        },
        () => onProgress?.(legacy.checked, head.seq),
      );
      const check = walked.failure ?? legacy.finish(head);
      if (!check.ok) throw new LegacyChainBrokenError(check);
      await repo.setHead(trx, { seq: head.seq, hash: prevHash, scheme: KEYED_SCHEME });
      await appendAudit(
        ctx,
        trx,
        actor,
        { unitId: null, action: 'audit.seal', details: { entries: head.seq, legacyHeadHash: head.hash } },
        at,
      );
      return { status: 'sealed', entries: head.seq, legacyHeadHash: head.hash };
    });
  } catch (err) {
    if (err instanceof LegacyChainBrokenError) return { status: 'broken', check: err.check };
    throw err;
  }
}
