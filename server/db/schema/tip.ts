import type { Selectable } from 'kysely';

/** A tip (tố giác, tin báo): no IP, user agent or resident id in clear, ever. */
export interface TipTable {
  id: string;
  unitId: string;
  receiptCode: string;
  /** scrypt hash of an anonymous tip's passphrase. */
  passphraseHash: string | null;
  anonymous: number;
  /** Identified tips: name, phone and resident id, AES-GCM sealed with the vault key. */
  identitySealed: string | null;
  /** Identified tips sent with a resident cookie: HMAC of the resident id ("my tips"). */
  residentKey: string | null;
  category: string;
  description: string;
  occurredAt: number | null;
  placeAddress: string | null;
  latitude: number | null;
  longitude: number | null;
  status: string;
  priority: string;
  /** 0 urgent, 1 high, 2 normal: the list's order. */
  priorityRank: number;
  outcome: string | null;
  transferredTo: string | null;
  rejectKind: string | null;
  rejectReason: string | null;
  /** When the tip reached its current unit. */
  receivedAt: number;
  stepStartedAt: number;
  dueAt: number | null;
  /** When the current step's missed deadline was escalated (reset by each step). */
  escalatedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface TipMessageTable {
  id: string;
  unitId: string;
  tipId: string;
  author: string;
  officerId: string | null;
  /** 1: an internal note, never shown to the reporter. */
  internal: number;
  text: string;
  createdAt: number;
}

export interface TipEventTable {
  id: string;
  unitId: string;
  tipId: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  note: string | null;
  at: number;
}

export interface TipLinkTable {
  tipId: string;
  relatedTipId: string;
  unitId: string;
  reason: string;
  createdAt: number;
}

export interface TipRevealTable {
  id: string;
  unitId: string;
  tipId: string;
  officerId: string;
  officerName: string;
  reason: string;
  at: number;
}

export interface TipEscalationTable {
  id: string;
  unitId: string;
  tipId: string;
  status: string;
  dueAt: number;
  escalatedAt: number;
}

export interface TipDeadlineTable {
  unitId: string;
  category: string;
  acknowledgeHours: number;
  checkHours: number;
  settleDays: number;
}

export type TipRow = Selectable<TipTable>;
export type TipMessageRow = Selectable<TipMessageTable>;
export type TipEventRow = Selectable<TipEventTable>;
