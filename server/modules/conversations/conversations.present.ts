import { z } from 'zod';
import { quickReplySchema } from '../../../contracts/assistant.js';
import {
  conversationStatusSchema,
  channelSchema,
  REPLY_WINDOW_MS,
  authorSchema,
  locationSchema,
  messageActionSchema,
  type Attachment,
  type Conversation,
  type Message,
} from '../../../contracts/conversations.js';
import type { ConversationRow, MessageRow } from '../../db/schema/index.js';
import { toIso } from '../../lib/time.js';

export type ConversationView = ConversationRow & {
  residentName: string | null;
  residentPhone: string | null;
  assigneeName: string | null;
};

const quickRepliesSchema = z.array(quickReplySchema);
const labelsSchema = z.array(z.string());
const actionsSchema = z.array(messageActionSchema);

function parseJson<T>(schema: z.ZodType<T>, text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

export function parseQuickReplies(text: string): z.infer<typeof quickRepliesSchema> {
  return parseJson(quickRepliesSchema, text, []);
}

export function parseLabels(text: string): string[] {
  return parseJson(labelsSchema, text, []);
}

export function presentConversation(row: ConversationView): Conversation {
  const channel = channelSchema.catch('web').parse(row.channel);
  const window = REPLY_WINDOW_MS[channel];
  return {
    id: row.id,
    unitId: row.unitId,
    channel,
    status: conversationStatusSchema.catch('open').parse(row.status),
    residentId: row.residentId,
    residentName: row.residentName,
    residentPhone: row.residentPhone,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    labels: parseLabels(row.labels),
    handoverReason: row.handoverReason,
    urgent: row.inboxPriority > 0,
    lastMessageAt: toIso(row.lastMessageAt),
    lastMessageText: row.lastMessageText,
    firstResponseDueAt: toIso(row.firstResponseDueAt),
    resolutionDueAt: toIso(row.resolutionDueAt),
    firstResponseAt: toIso(row.firstResponseAt),
    resolvedAt: toIso(row.resolvedAt),
    replyWindowEndsAt: window !== undefined && row.lastInboundAt !== null ? toIso(row.lastInboundAt + window) : null,
    createdAt: toIso(row.createdAt) ?? '',
  };
}

/** What a resident sees of their conversation: no officer-side labels. */
export function residentView(c: Conversation): Conversation {
  return { ...c, labels: [] };
}

export function presentMessage(row: MessageRow, attachments: Attachment[] = []): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    author: authorSchema.catch('system').parse(row.author),
    authorName: row.authorName,
    text: row.text,
    internal: row.internal === 1,
    quickReplies: parseQuickReplies(row.quickReplies),
    attachments,
    location: parseJson(locationSchema.nullable(), row.location, null),
    createdAt: toIso(row.createdAt) ?? '',
    procedureEntryId: row.procedureEntryId,
    actions: parseJson(actionsSchema, row.actions, []),
  };
}
