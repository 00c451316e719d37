import type { Selectable } from 'kysely';

/** One published post to notify one resident of on one push channel: the broadcast queue. */
export interface PostDeliveryTable {
  id: string;
  unitId: string;
  postId: string;
  residentId: string;
  /** webpush (Zalo later); unique with post and resident, so enqueueing again adds nothing. */
  channel: string;
  /** pending | sent | failed */
  status: string;
  attempts: number;
  nextAttemptAt: number;
  /** A worker's lease: while in the future, no other worker sends this row. */
  claimedUntil: number | null;
  sentAt: number | null;
  lastError: string | null;
  createdAt: number;
}

export type PostDeliveryRow = Selectable<PostDeliveryTable>;
