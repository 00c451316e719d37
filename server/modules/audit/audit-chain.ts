import crypto from 'node:crypto';
import { sha256Hex } from '../../lib/crypto.js';

export const GENESIS_HASH = '0'.repeat(64);

/** Rows sealed with an HMAC whose key is derived from KEY_FILE: only the installation can produce them. */
export const KEYED_SCHEME = 'hmac-sha256-v1';
/** Rows written before the chain was keyed: plain SHA-256, which anyone can recompute. */
export const LEGACY_SCHEME = 'sha256';
export type AuditScheme = typeof KEYED_SCHEME | typeof LEGACY_SCHEME;

export function parseScheme(value: string): AuditScheme {
  if (value === KEYED_SCHEME || value === LEGACY_SCHEME) return value;
  throw new Error(`The audit head names an unknown scheme "${value}"`);
}

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

/** Computes a row's hash from the previous row's hash and the row's fields. */
export type Sealer = (prevHash: string, f: AuditFields) => string;

function canonical(prevHash: string, f: AuditFields): string {
  const fields = [
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
  ];
  return prevHash + '\n' + JSON.stringify(fields);
}

/** The unkeyed hash of chains written before keying: sha256 over the previous hash and the row. */
export const legacySeal: Sealer = (prevHash, f) => sha256Hex(canonical(prevHash, f));

/** The chain's own key, derived from the installation key (HKDF) and never stored anywhere. */
export function auditChainKey(installationKey: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', installationKey, Buffer.alloc(0), 'ketnoi audit chain v1', 32));
}

/** HMAC-SHA-256 over the previous hash and the row with the chain key. */
export function keyedSealer(chainKey: Buffer): Sealer {
  return (prevHash, f) => crypto.createHmac('sha256', chainKey).update(canonical(prevHash, f), 'utf8').digest('hex');
}

/** The sealer of a scheme; the keyed one needs the installation key. */
export function sealerFor(scheme: AuditScheme, installationKey: Buffer): Sealer {
  return scheme === KEYED_SCHEME ? keyedSealer(auditChainKey(installationKey)) : legacySeal;
}

/** A chain head kept outside the database (`ketnoi audit anchor`). */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export type ChainCheck =
  { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

/**
 * Walks rows in seq order and reports the first row whose link or hash does not hold, or that
 * differs from an anchor.
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  private readonly anchors = new Map<number, string[]>();
  checked = 0;

  constructor(
    private readonly seal: Sealer,
    anchors: readonly AuditAnchor[] = [],
  ) {
    for (const a of anchors) this.anchors.set(a.seq, [...(this.anchors.get(a.seq) ?? []), a.hash]);
  }

  /** Feeds the next row; returns a failure or null while the chain holds. */
  next(row: AuditFields & { prevHash: string; hash: string }): ChainCheck | null {
    const fail = (reason: string): ChainCheck => ({ ok: false, checked: this.checked, brokenAt: row.seq, reason });
    if (row.seq !== this.expectedSeq) return fail(`expected seq ${this.expectedSeq}, found ${row.seq}`);
    if (row.prevHash !== this.prevHash) return fail('prev_hash does not match the previous row');
    if (this.seal(this.prevHash, row) !== row.hash) {
      return fail("hash does not match the row contents (changed, or not sealed with this installation's key)");
    }
    if (this.anchors.get(row.seq)?.some((h) => h !== row.hash)) {
      return fail('hash differs from the anchor kept for this entry: the chain was rewritten up to here');
    }
    this.prevHash = row.hash;
    this.expectedSeq += 1;
    this.checked += 1;
    return null;
  }

  /** Compares the walked chain with the stored head and with the newest anchor. */
  finish(head: { seq: number; hash: string }): ChainCheck {
    const last = this.expectedSeq - 1;
    const anchored = Math.max(0, ...this.anchors.keys());
    if (anchored > last) {
      return {
        ok: false,
        checked: this.checked,
        brokenAt: this.expectedSeq,
        reason: `the chain ends at seq ${last} but an anchor names seq ${anchored}: entries were removed`,
      };
    }
    if (head.seq !== last || head.hash !== this.prevHash) {
      return {
        ok: false,
        checked: this.checked,
        brokenAt: this.expectedSeq,
        reason: `head (seq ${head.seq}) does not match the last row (seq ${last}): rows were removed`,
      };
    }
    return { ok: true, checked: this.checked };
  }
}
