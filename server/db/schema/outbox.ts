import type { Selectable } from 'kysely';

export interface OutboxTable {
  id: string;
  unitId: string;
  conversationId: string;
  messageId: string;
  channel: string;
  idempotencyKey: string;
  /** pending | sent | failed */
  status: string;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  /** A worker's lease: while in the future, no other worker sends this row. */
  claimedUntil: number | null;
  channelMessageId: string | null;
  sentAt: number | null;
  /** Zalo: pieces of the message already sent by earlier attempts (channels/zalo/send-steps.ts). */
  zaloStepsDone: number;
  createdAt: number;
}

export type OutboxRow = Selectable<OutboxTable>;
