import type { Selectable } from 'kysely';

export interface AuditLogTable {
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
  prevHash: string;
  hash: string;
}

/** One row (id = 1) holding the chain's tip; locked while appending so the chain stays linear. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** How rows are sealed: 'hmac-sha256-v1' (keyed), or 'sha256' for a chain not yet sealed by `ketnoi audit seal`. */
  scheme: string;
}

export type AuditLogRow = Selectable<AuditLogTable>;
