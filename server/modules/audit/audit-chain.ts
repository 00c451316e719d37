import { sha256Hex } from '../../lib/crypto.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers. */
export interface AuditFields {
  seq: number;
  id: string;
  at: number;
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: string | null;
}

/** Hash of one row: sha256 over the previous hash and the row's fields in a fixed order. */
export function auditHash(prevHash: string, f: AuditFields): string {
  const canonical = JSON.stringify([
    f.seq,
    f.id,
    f.at,
    f.actorId,
    f.actorName,
    f.unitId,
    f.action,
    f.targetType,
    f.targetId,
    f.ip,
    f.details,
  ]);
  return sha256Hex(prevHash + '\n' + canonical);
}

export type ChainCheck =
  { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

/** Walks rows in seq order and reports the first row whose link or hash does not hold. */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  checked = 0;

  /** Feeds the next row; returns a failure or null while the chain holds. */
  next(row: AuditFields & { prevHash: string; hash: string }): ChainCheck | null {
    const fail = (reason: string): ChainCheck => ({ ok: false, checked: this.checked, brokenAt: row.seq, reason });
    if (row.seq !== this.expectedSeq) return fail(`expected seq ${this.expectedSeq}, found ${row.seq}`);
    if (row.prevHash !== this.prevHash) return fail('prev_hash does not match the previous row');
    if (auditHash(this.prevHash, row) !== row.hash) return fail('hash does not match the row contents');
    this.prevHash = row.hash;
    this.expectedSeq += 1;
    this.checked += 1;
    return null;
  }

  /** Compares the walked chain with the stored head. */
  finish(head: { seq: number; hash: string }): ChainCheck {
    if (head.seq !== this.expectedSeq - 1 || head.hash !== this.prevHash) {
      return {
        ok: false,
        checked: this.checked,
        brokenAt: this.expectedSeq,
        reason: `head (seq ${head.seq}) does not match the last row (seq ${this.expectedSeq - 1}): rows were removed`,
      };
    }
    return { ok: true, checked: this.checked };
  }
}
