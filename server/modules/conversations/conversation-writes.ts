import type { Transaction } from 'kysely';
import type { Message } from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import type { AttachmentRow, DB, MessageRow } from '../../db/schema/index.js';
import { enqueueOutbox } from '../../jobs/outbox.repository.js';
import { newId } from '../../lib/ids.js';
import { appendEvents, type NewEvent } from '../../realtime/events.repository.js';
import { attachmentRowsForMessages, presentAttachment, type Audience } from '../attachments/attachments.service.js';
import { inboxPriority, type ConversationState } from './conversation-state.js';
import { presentConversation, presentMessage, type ConversationView } from './conversations.present.js';
import * as repo from './conversations.repository.js';

// The one path by which a conversation changes: messages, state, outbox rows and realtime events
// are written in the caller's transaction, so what a client was told is exactly what is stored.

export function newMessage(
  conv: { id: string; unitId: string },
  fields: Pick<MessageRow, 'author' | 'text'> & Partial<MessageRow>,
  now: number,
): MessageRow {
  return {
    id: newId(),
    unitId: conv.unitId,
    conversationId: conv.id,
    authorId: null,
    authorName: null,
    internal: 0,
    quickReplies: '[]',
    location: null,
    clientId: null,
    inReplyTo: null,
    deliveredAt: null,
    createdAt: now,
    procedureEntryId: null,
    actions: null,
    ...fields,
  };
}

export function stateOf(c: ConversationView): ConversationState {
  return {
    status: c.status as ConversationState['status'],
    assigneeId: c.assigneeId,
    handoverReason: c.handoverReason,
    unsureCount: c.unsureCount,
    firstResponseDueAt: c.firstResponseDueAt,
    resolutionDueAt: c.resolutionDueAt,
    firstResponseAt: c.firstResponseAt,
    resolvedAt: c.resolvedAt,
  };
}

export interface Change {
  conv: ConversationView;
  state: ConversationState;
  /** Messages to insert, in order. */
  messages: MessageRow[];
  /** Runs once the messages are inserted (claims attachments for them); without it the change has none. */
  afterInsert?: (trx: Transaction<DB>) => Promise<void>;
  inboundAt?: number;
  /** The messages are on the channel already (a reply typed in Zalo's OA manager): nothing to send. */
  alreadySent?: boolean;
  extra?: Partial<Pick<ConversationView, 'labels'>>;
}

export interface Written {
  stored: ConversationView;
  /** The change's messages as each audience sees them (attachment URLs differ). */
  presented: Record<Audience, Message[]>;
}

/**
 * Writes a change and returns the conversation as stored with the messages presented. Outbound
 * (non-internal bot, officer and system) messages get an outbox row; every message and the
 * conversation get a realtime event.
 */
export async function writeChange(
  ctx: AppContext,
  trx: Transaction<DB>,
  afterCommit: (cb: () => void) => void,
  change: Change,
  now: number,
): Promise<Written> {
  const { conv, state, messages } = change;
  await repo.insertMessages(trx, messages);
  if (change.afterInsert) await change.afterInsert(trx);
  const last = messages.filter((m) => m.internal === 0).at(-1);
  const patch = {
    ...state,
    inboxPriority: inboxPriority(state),
    ...(change.extra ?? {}),
    ...(last ? { lastMessageAt: last.createdAt, lastMessageText: last.text.slice(0, 200) } : {}),
    ...(change.inboundAt ? { lastInboundAt: change.inboundAt } : {}),
    updatedAt: now,
  };
  const next = { ...conv, ...patch };
  await repo.saveConversation(trx, next);
  const outbound = change.alreadySent ? [] : messages.filter((m) => m.internal === 0 && m.author !== 'resident');
  await enqueueOutbox(
    trx,
    outbound.map((m) => ({ unitId: conv.unitId, conversationId: conv.id, messageId: m.id, channel: conv.channel })),
    now,
  );
  // The row as stored is the locked row plus the patch; only a new assignee needs its name looked up.
  const stored = state.assigneeId === conv.assigneeId ? next : await repo.findConversation(trx, conv.id);
  if (!stored) throw new Error('conversation vanished inside its transaction');
  // Attachment URLs differ by audience: officers' streams get `message`, residents' `residentMessage`.
  // Only a change that claims attachments can have any.
  const presented = await presentForAudiences(trx, messages, change.afterInsert !== undefined);
  const { console: forConsole, public: forResident } = presented;
  const events: NewEvent[] = forConsole.map((message, i) => ({
    unitId: conv.unitId,
    conversationId: conv.id,
    type: 'message.created',
    internal: message.internal,
    // Only attachment URLs differ between the two views: store the resident's only when it differs.
    payload: message.attachments.length ? { message, residentMessage: forResident[i] } : { message },
  }));
  events.push({
    unitId: conv.unitId,
    conversationId: conv.id,
    type: 'conversation.updated',
    internal: false,
    payload: { conversation: presentConversation(stored) },
  });
  await appendEvents(trx, events, now);
  afterCommit(() => ctx.bus.committed(conv.unitId));
  return { stored, presented };
}

type Db = Transaction<DB> | AppContext['database']['db'];

/** Messages with their attachments for both audiences, from one attachment query. */
async function presentForAudiences(
  db: Db,
  rows: MessageRow[],
  withAttachments = true,
): Promise<Record<Audience, Message[]>> {
  const attachments = withAttachments
    ? await attachmentRowsForMessages(
        db,
        rows.filter((r) => r.author === 'resident' || r.author === 'officer').map((r) => r.id),
      )
    : new Map<string, AttachmentRow[]>();
  const present = (audience: Audience) =>
    rows.map((r) =>
      presentMessage(
        r,
        (attachments.get(r.id) ?? []).map((a) => presentAttachment(a, audience)),
      ),
    );
  // Only attachment URLs differ by audience: without attachments both audiences share one view.
  if (!attachments.size) {
    const shared = present('public');
    return { console: shared, public: shared };
  }
  return { console: present('console'), public: present('public') };
}

/** Messages with their attachments, for an audience. */
export async function presentMessages(db: Db, rows: MessageRow[], audience: Audience): Promise<Message[]> {
  return (await presentForAudiences(db, rows))[audience];
}
