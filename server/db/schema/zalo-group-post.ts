import type { Selectable } from 'kysely';

/** One published post to send to one residential group's linked Zalo group (modules/zalo/): a send queue. */
export interface ZaloGroupPostTable {
  id: string;
  unitId: string;
  postId: string;
  /** The residential group; unique with the post, so enqueueing again adds nothing. */
  groupId: string;
  /** The Zalo group (GMF) id the group was linked to when the post was published. */
  zaloGroupId: string;
  /** zalo_group */
  channel: string;
  /** pending | sent | failed */
  status: string;
  attempts: number;
  nextAttemptAt: number;
  /** A worker's lease: while in the future, no other worker sends this row. */
  claimedUntil: number | null;
  lastError: string | null;
  /** Steps of the send (text pieces) Zalo has accepted: a retry starts after them. */
  stepsDone: number;
  sentAt: number | null;
  createdAt: number;
}

export type ZaloGroupPostRow = Selectable<ZaloGroupPostTable>;
