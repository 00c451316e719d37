import type { Selectable } from 'kysely';

/** A verified Zalo webhook event waiting to be (or already) processed (modules/zalo/zalo-events.repository.ts). */
export interface ZaloEventTable {
  id: string;
  unitId: string;
  oaId: string;
  /** `<event_name>:<msg_id>` or `sha256:<hex of the raw body>`; unique per OA. */
  dedupeKey: string;
  eventName: string;
  /** The body exactly as Zalo sent it. */
  payload: string;
  /** pending | done | failed */
  status: string;
  attempts: number;
  nextAttemptAt: number;
  /** A processor's lease: while in the future, no other processor takes this event. */
  claimedUntil: number | null;
  lastError: string | null;
  receivedAt: number;
  processedAt: number | null;
}

export type ZaloEventRow = Selectable<ZaloEventTable>;
