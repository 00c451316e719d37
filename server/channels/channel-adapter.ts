import type { z } from 'zod';
import type { quickReplySchema } from '../../contracts/assistant.js';
import type { Attachment, Channel } from '../../contracts/conversations.js';

type QuickReply = z.infer<typeof quickReplySchema>;

// The ports every channel implements (web and web push now, Zalo next). Outbound sends come only
// from the delivery dispatchers, after commit; inbound webhook events are verified before anything is stored.

/** One message to deliver to a resident on a channel. */
export interface OutboundMessage {
  /** Stable per outbox row: a channel that supports it de-duplicates retries with this key. */
  idempotencyKey: string;
  channel: Channel;
  unitId: string;
  conversationId: string;
  messageId: string;
  residentId: string;
  /** The resident's id on the channel (e.g. Zalo user_id); null on the web channel. */
  channelUserId: string | null;
  author: 'bot' | 'officer' | 'system';
  text: string;
  quickReplies: QuickReply[];
  attachments: Attachment[];
  /** The resident's last inbound message (Zalo only answers within 7 days of it). */
  lastInboundAt: number | null;
}

export type SendResult =
  /**
   * Accepted by the channel. deliveredAt: the channel has already delivered it (web: the message is
   * stored and streamed); the dispatcher records it on the message together with the outcome.
   */
  | { kind: 'sent'; channelMessageId: string; deliveredAt?: number }
  /** Rate-limited or temporarily down: try again no sooner than `ms` from now. */
  | { kind: 'retry-after'; ms: number }
  /** Not tried: a rate limit shared with other processes says wait `ms`; no attempt is counted. */
  | { kind: 'deferred'; ms: number }
  /** The channel's reply window has closed (Zalo: 7 days after the resident's last message). */
  | { kind: 'outside-window'; /** What officers read as the failure (default `outside_window`). */ reason?: string }
  | { kind: 'permanent-failure'; error: string };

/** A normalised inbound event from a webhook channel. */
export type InboundEvent =
  | {
      kind: 'message';
      channelUserId: string;
      /** The channel's message id: inbound messages are stored once however often they arrive. */
      channelMessageId: string;
      text: string;
      at: number;
    }
  | { kind: 'follow' | 'unfollow'; channelUserId: string; at: number }
  | { kind: 'read'; channelUserId: string; at: number };

export interface InboundRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/** What the delivery dispatcher drives: one channel's sends of one kind of message. */
export interface Sender<M> {
  readonly channel: string;
  /** Sends one message; must not throw for expected failures (return a SendResult). */
  send(message: M): Promise<SendResult>;
  /** Sends allowed per second (the dispatcher's token bucket for this channel). */
  readonly ratePerSecond: number;
}

/** A conversation channel: outbound chat messages, and (webhook channels) inbound events. */
export interface ChannelAdapter extends Sender<OutboundMessage> {
  readonly channel: Channel;
  /** Webhook channels: checks the signature over the raw body (web: inbound is the HTTP API). */
  verifyInbound?(request: InboundRequest): boolean;
  /** Webhook channels: turns a verified body into normalised events. */
  parseInbound?(request: InboundRequest): InboundEvent[];
}

/** One broadcast notification to one resident on a push channel (web push now, Zalo later). */
export interface PushNotification {
  /** Stable per delivery row: a re-send after a crash carries the same key (web push: its Topic). */
  idempotencyKey: string;
  unitId: string;
  postId: string;
  residentId: string;
  title: string;
  body: string;
  /** Path in the portal the notification opens (same origin). */
  url: string;
  /** One notification per post on a device: a later one with the same tag replaces it. */
  tag: string;
}

/** A push channel: sends post notifications to residents. */
export type PushAdapter = Sender<PushNotification>;
