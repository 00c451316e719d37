import type { Selectable } from 'kysely';

/** A Zalo user of an OA and the resident they are here (modules/zalo/zalo-users.repository.ts). */
export interface ZaloUserTable {
  oaId: string;
  zaloUserId: string;
  unitId: string;
  residentId: string;
  /** From Zalo's user detail; null until fetched. */
  displayName: string | null;
  avatarUrl: string | null;
  fetchedAt: number | null;
  createdAt: number;
}

export type ZaloUserRow = Selectable<ZaloUserTable>;

/** A piece of one of our messages that Zalo accepted, by Zalo's message id (its echo is ours). */
export interface ZaloSentMessageTable {
  oaId: string;
  zaloMessageId: string;
  messageId: string;
  createdAt: number;
}
