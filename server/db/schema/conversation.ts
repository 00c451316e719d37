import type { Generated, Insertable, Selectable } from 'kysely';

export interface ResidentTable {
  id: string;
  /** sha256 of the kn_resident cookie token; null for residents known only through a channel. */
  tokenHash: string | null;
  displayName: string | null;
  phone: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ConversationTable {
  id: string;
  unitId: string;
  residentId: string;
  channel: string;
  status: string;
  assigneeId: string | null;
  /** JSON array of strings. */
  labels: string;
  handoverReason: string | null;
  /** Clarifying answers in a row; the second hands over to an officer. */
  unsureCount: number;
  lastMessageAt: number | null;
  lastMessageText: string | null;
  /** Last message from the resident (channels with a reply window, e.g. Zalo's 7 days). */
  lastInboundAt: number | null;
  firstResponseDueAt: number | null;
  resolutionDueAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** 1 for an open emergency (first in the inbox), 0 otherwise; see conversation-state.ts inboxPriority. */
  inboxPriority: Generated<number>;
}

export interface MessageTable {
  id: string;
  unitId: string;
  conversationId: string;
  author: string;
  authorId: string | null;
  authorName: string | null;
  text: string;
  /** 1 for officers' internal notes. */
  internal: number;
  /** JSON array of quick replies. */
  quickReplies: string;
  /** JSON location or null. */
  location: string | null;
  clientId: string | null;
  /** The resident message a bot/system message answers (to replay the first result of a clientId). */
  inReplyTo: string | null;
  deliveredAt: number | null;
  createdAt: number;
  /** Assistant answers: the knowledge-base entry answered from (the guide link); null otherwise. */
  procedureEntryId: string | null;
  /** JSON array of message actions (a tip offer, a tip sent); null for none. */
  actions: string | null;
}

export interface CannedReplyTable {
  id: string;
  unitId: string;
  title: string;
  text: string;
  createdBy: string | null;
  createdAt: number;
}

export type ResidentRow = Selectable<ResidentTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type NewConversationRow = Insertable<ConversationTable>;
export type MessageRow = Selectable<MessageTable>;
export type CannedReplyRow = Selectable<CannedReplyTable>;
