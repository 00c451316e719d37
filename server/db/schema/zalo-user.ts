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

/** A send to a Zalo user whose outcome is not recorded yet (modules/zalo/zalo-in-flight.ts). */
export interface ZaloSendInFlightTable {
  /** The outbox row's idempotency key. */
  idempotencyKey: string;
  oaId: string;
  zaloUserId: string;
  messageId: string;
  /** The first step of the attempt (outbox.zalo_steps_done when it started). */
  fromStep: number;
  /** JSON: each step's text from fromStep on, null for an upload (its echo is not matched). */
  stepTexts: string;
  startedAt: number;
  /** When a later attempt first found it left behind; its pieces' echoes are awaited from then. */
  noticedAt: number | null;
}

export type ZaloSendInFlightRow = Selectable<ZaloSendInFlightTable>;
