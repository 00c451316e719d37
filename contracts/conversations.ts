import { z } from 'zod';
import { quickReplySchema } from './assistant.js';
import { idSchema } from './common.js';
import { MAX_TIP_ATTACHMENTS, TIP_DESCRIPTION_MAX, tipCategorySchema } from './tips.js';

// Conversations between residents and their ward/commune police (issue 4). One conversation per
// (unit, resident, channel). Times are ISO-8601 strings in UTC.

export const CONVERSATION_STATUSES = ['bot', 'open', 'pending', 'resolved'] as const;
export const conversationStatusSchema = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const CHANNELS = ['web', 'zalo'] as const;
export const channelSchema = z.enum(CHANNELS);

/** How long after a resident's last message a channel lets the unit answer (Zalo's cs messages: 7 days). */
export const REPLY_WINDOW_MS: Partial<Record<(typeof CHANNELS)[number], number>> = { zalo: 7 * 24 * 3600_000 };
export type Channel = z.infer<typeof channelSchema>;

export const AUTHORS = ['resident', 'bot', 'officer', 'system'] as const;
export const authorSchema = z.enum(AUTHORS);
export type Author = z.infer<typeof authorSchema>;

export const MAX_MESSAGE_CHARS = 4000;

export const locationSchema = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  label: z.string().max(200).optional(),
});

/** Largest file a resident or officer may upload (photos are re-encoded smaller afterwards). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_KINDS = ['image', 'file', 'audio'] as const;

export const attachmentSchema = z.object({
  id: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  mimeType: z.string(),
  name: z.string(),
  sizeBytes: z.number().int(),
  /** URL of the content, served only to those allowed to see the conversation. */
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/**
 * What a message offers or records beyond its text: the assistant's offer to send the resident's
 * message `messageId` to the tip desk (`tip_form`), and the system message saying it was sent as
 * the tip `receiptCode` (`tip_sent`; the offer for that message is then spent).
 */
export const messageActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tip_form'), messageId: z.string() }),
  z.object({ kind: z.literal('tip_sent'), messageId: z.string(), receiptCode: z.string() }),
]);
export type MessageAction = z.infer<typeof messageActionSchema>;

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  author: authorSchema,
  /** Officer's display name for officer messages; null otherwise. */
  authorName: z.string().nullable(),
  text: z.string(),
  /** Internal notes are visible to officers only and never sent to the resident. */
  internal: z.boolean(),
  quickReplies: z.array(quickReplySchema),
  attachments: z.array(attachmentSchema),
  location: locationSchema.nullable(),
  createdAt: z.string(),
  /** Assistant answers: the procedures-guide entry the answer comes from; null otherwise. */
  procedureEntryId: z.string().nullable(),
  actions: z.array(messageActionSchema),
  /**
   * Officers' message lists: how an outbound message's delivery to the resident's channel stands
   * (error: why it failed, readable by officers); null for inbound messages and notes.
   */
  delivery: z
    .object({ status: z.enum(['queued', 'sent', 'failed']), error: z.string().nullable() })
    .nullable()
    .optional(),
});
export type Message = z.infer<typeof messageSchema>;
export type MessageDelivery = NonNullable<Message['delivery']>;

/** `message.delivery` (officers' streams only): an outbound message was sent, or failed for good, on a channel other than the web. */
export const messageDeliveryEventSchema = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  delivery: z.object({ status: z.enum(['queued', 'sent', 'failed']), error: z.string().nullable() }),
});
export type MessageDeliveryEvent = z.infer<typeof messageDeliveryEventSchema>;

export const conversationSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  channel: channelSchema,
  status: conversationStatusSchema,
  residentId: z.string(),
  residentName: z.string().nullable(),
  residentPhone: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  labels: z.array(z.string()),
  /** Why it was handed over: 'human' | 'tip' | 'emergency' | 'unsure' | 'officer'; null while with the bot. */
  handoverReason: z.string().nullable(),
  /** An open emergency: listed first in the inbox, shown in red, rings the urgent alarm. */
  urgent: z.boolean(),
  lastMessageAt: z.string().nullable(),
  lastMessageText: z.string().nullable(),
  /** When an officer must first answer / resolve (highlighted in the inbox when past). */
  firstResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /**
   * Channels that answer only for a while after the resident's last message (Zalo: 7 days): when
   * that ends (in the past: replies will not reach them until they write again); null otherwise.
   */
  replyWindowEndsAt: z.string().nullable().optional(),
  createdAt: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const residentProfileSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(80).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+().\s-]{6,20}$/, 'phone number')
    .nullable()
    .optional(),
});

/** The resident behind the kn_resident cookie (created on first need). */
export const residentMeSchema = z.object({
  /** Null until the browser's first write (no resident is created for a visitor who only reads). */
  id: z.string().nullable(),
  displayName: z.string().nullable(),
  phone: z.string().nullable(),
});

/** A resident's message: text and/or attachments (uploaded first) and/or a location. */
export const residentMessageSchema = z.strictObject({
  clientId: z.string().min(8).max(100),
  text: z.string().max(MAX_MESSAGE_CHARS).default(''),
  attachmentIds: z.array(z.string().max(64)).max(10).optional(),
  location: locationSchema.optional(),
});

export const officerMessageSchema = z.strictObject({
  clientId: z.string().min(8).max(100),
  text: z.string().max(MAX_MESSAGE_CHARS).default(''),
  internal: z.boolean().optional(),
  attachmentIds: z.array(z.string().max(64)).max(10).optional(),
});

export const postMessageResponseSchema = z.object({
  message: messageSchema,
  /** The assistant's answers to this message, if it answered (conversation in `bot`). */
  replies: z.array(messageSchema),
  conversation: conversationSchema,
});

/**
 * A tip sent from the resident's conversation with their consent: their message `messageId` (its
 * text as they edited it) to the conversation's unit. Identified only: the unit's officers have read
 * it in the conversation already, beside the resident's name; anonymous tips go through the form.
 */
export const chatTipSchema = z.strictObject({
  messageId: z.string().min(1).max(64),
  category: tipCategorySchema,
  description: z.string().trim().min(1).max(TIP_DESCRIPTION_MAX),
  /** Photos and files of the resident's own messages in this conversation, copied to the tip. */
  attachmentIds: z.array(z.string().min(1).max(64)).max(MAX_TIP_ATTACHMENTS).optional(),
});
export type ChatTipInput = z.infer<typeof chatTipSchema>;

export const messageListSchema = z.object({ items: z.array(messageSchema), nextCursor: z.string().nullable() });
export const conversationListSchema = z.object({
  items: z.array(conversationSchema),
  nextCursor: z.string().nullable(),
});

export const inboxQuerySchema = z.object({
  status: conversationStatusSchema.optional(),
  /** 'me' = assigned to me, 'none' = unassigned, 'all' (default). */
  assignee: z.enum(['me', 'none', 'all']).default('all'),
  q: z.string().trim().max(200).optional(),
  label: z.string().max(40).optional(),
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const assignSchema = z.strictObject({ officerId: idSchema.nullable() });
export const labelsSchema = z.strictObject({ labels: z.array(z.string().trim().min(1).max(40)).max(20) });
export const cannedReplySchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export const createCannedReplySchema = z.strictObject({
  title: z.string().trim().min(1).max(80),
  text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
});

/**
 * Server-sent events (`text/event-stream`, `id:` = a monotonically increasing event id; reconnect
 * with `Last-Event-ID` to resume without gaps or duplicates). `event:` is one of these types;
 * `data:` is JSON.
 */
export const REALTIME_EVENT_TYPES = ['message.created', 'message.delivery', 'conversation.updated'] as const;
export type RealtimeEventType = (typeof REALTIME_EVENT_TYPES)[number];
