import type { z } from 'zod';
import type {
  Conversation,
  inboxQuerySchema,
  Message,
  officerMessageSchema,
} from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import type { UnitRow } from '../../db/schema/index.js';
import { AppError, BadRequestError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { findUnitById } from '../units/units.repository.js';
import { requireUnit } from '../units/units.service.js';
import { rolesInUnit } from '../accounts/accounts.repository.js';
import { can, canSee, type Action, type Actor } from '../accounts/policy.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { cleanText } from '../assistant/assistant.service.js';
import { claimAttachments } from '../attachments/attachments.service.js';
import { InvalidTransitionError, transition, type ConversationEvent } from './conversation-state.js';
import { newMessage, presentMessages, stateOf, writeChange } from './conversation-writes.js';
import { presentConversation, type ConversationView } from './conversations.present.js';
import * as repo from './conversations.repository.js';

// Officers' side of conversations: the inbox, replies and notes, and the state changes. Every
// action is checked against the conversation's unit and audited in its transaction.

type OfficerMessageInput = z.infer<typeof officerMessageSchema>;
type InboxQuery = z.infer<typeof inboxQuerySchema>;

export class ConversationStateError extends AppError {
  constructor(err: InvalidTransitionError) {
    super('conflict', 'invalid_transition', err.message);
  }
}

/** Loads a conversation for a console action: 404 unless the actor sees its unit, 403 unless it may act. */
export async function requireConversation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: Action,
): Promise<{ conv: ConversationView; unit: UnitRow }> {
  const conv = await repo.findConversation(ctx.database.db, id);
  const unit = conv ? await findUnitById(ctx.database.db, conv.unitId) : undefined;
  if (!conv || !unit || !canSee(actor, unit)) throw new NotFoundError('Conversation');
  if (!can(actor, action, unit)) throw new ForbiddenError();
  return { conv, unit };
}

/** A unit's conversations for the inbox (status, assignee me/none/all, label, text search). */
export async function listInbox(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  query: InboxQuery,
): Promise<{ items: Conversation[]; nextCursor: string | null }> {
  const unit = await requireUnit(ctx, actor, unitId, 'conversation.read');
  const rows = await repo.listInbox(ctx.database.db, unit.id, {
    status: query.status,
    assigneeId: query.assignee === 'me' ? actor.officerId : query.assignee === 'none' ? null : undefined,
    q: query.q,
    label: query.label,
    before: query.before === undefined ? undefined : parseInboxCursor(query.before),
    limit: query.limit,
  });
  const last = rows.at(-1);
  return {
    items: rows.map(presentConversation),
    nextCursor: rows.length === query.limit && last ? inboxCursor(last) : null,
  };
}

// The inbox's keyset cursor names the last row by every key the list is ordered by.
const CURSOR = /^(\d{1,3})_(\d{1,15})_([\w-]{1,40})$/;

function inboxCursor(c: ConversationView): string {
  return `${c.inboxPriority}_${c.updatedAt}_${c.id}`;
}

function parseInboxCursor(text: string): repo.InboxCursor {
  const m = CURSOR.exec(text);
  if (!m?.[1] || !m[2] || !m[3]) throw new BadRequestError('invalid_cursor', 'before: not a cursor from this list');
  return { priority: Number(m[1]), at: Number(m[2]), id: m[3] };
}

/** One conversation (officers, owners and supervisors of its unit). */
export async function getConversation(ctx: AppContext, actor: Actor, id: string): Promise<Conversation> {
  return presentConversation((await requireConversation(ctx, actor, id, 'conversation.read')).conv);
}

/** All messages of a conversation, internal notes included, newest first. */
export async function listConsoleMessages(
  ctx: AppContext,
  actor: Actor,
  id: string,
  page: { before?: string | undefined; limit: number },
): Promise<{ items: Message[]; nextCursor: string | null }> {
  const { conv } = await requireConversation(ctx, actor, id, 'conversation.read');
  const rows = await repo.listMessages(ctx.database.db, conv.unitId, conv.id, { includeInternal: true, ...page });
  const last = rows.at(-1);
  const deliveries = await repo.deliveriesOf(
    ctx.database.db,
    conv.unitId,
    rows.map((r) => r.id),
  );
  const items = await presentMessages(ctx.database.db, rows, 'console');
  return {
    items: items.map((m) => ({ ...m, delivery: deliveryOf(deliveries.get(m.id)) })),
    nextCursor: rows.length === page.limit && last ? last.id : null,
  };
}

/** An outbox row's state as officers read it. */
function deliveryOf(row: { status: string; lastError: string | null } | undefined): Message['delivery'] {
  if (!row) return null;
  const status = row.status === 'sent' ? 'sent' : row.status === 'failed' ? 'failed' : 'queued';
  return { status, error: status === 'failed' ? row.lastError : null };
}

function apply(conv: ConversationView, event: ConversationEvent, now: number) {
  try {
    return transition(stateOf(conv), event, now);
  } catch (err) {
    if (err instanceof InvalidTransitionError) throw new ConversationStateError(err);
    throw err;
  }
}

/**
 * An officer's reply or internal note (idempotent per clientId). A reply to a conversation still
 * with the assistant takes it over; internal notes change nothing and are never sent.
 */
export async function postOfficerMessage(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  input: OfficerMessageInput,
): Promise<{ message: Message; conversation: Conversation }> {
  const { conv } = await requireConversation(ctx, actor, id, 'conversation.handle');
  const text = cleanText(input.text);
  const attachmentIds = input.attachmentIds ?? [];
  if (!text && !attachmentIds.length)
    throw new BadRequestError('empty_message', 'The message has no text or attachment');
  const internal = input.internal === true;
  const { database } = ctx;
  const { row, stored, presented } = await database.transaction(async (trx, afterCommit) => {
    const locked = await repo.lockConversation(trx, database.dialect, conv.unitId, conv.id);
    if (!locked) throw new NotFoundError('Conversation');
    const dup = await repo.findMessageByClientId(trx, conv.unitId, conv.id, input.clientId);
    if (dup) return { row: dup, stored: locked, presented: undefined };
    const now = ctx.clock.now();
    const t = internal
      ? { state: stateOf(locked) }
      : apply(locked, { type: 'officer.reply', officerId: actor.officerId }, now);
    const message = newMessage(
      locked,
      {
        author: 'officer',
        authorId: actor.officerId,
        authorName: actor.displayName,
        text,
        internal: internal ? 1 : 0,
        clientId: input.clientId,
      },
      now,
    );
    const after = await writeChange(
      ctx,
      trx,
      afterCommit,
      {
        conv: locked,
        state: t.state,
        messages: [message],
        afterInsert: (x) =>
          claimAttachments(x, {
            conversationId: conv.id,
            unitId: conv.unitId,
            messageId: message.id,
            attachmentIds,
            uploader: { officerId: actor.officerId },
          }),
      },
      now,
    );
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: conv.unitId,
        action: internal ? 'conversation.note' : 'conversation.reply',
        targetType: 'conversation',
        targetId: conv.id,
        details: { messageId: message.id },
      },
      now,
    );
    return { row: message, stored: after.stored, presented: after.presented.console[0] };
  });
  const message = presented ?? (await presentMessages(ctx.database.db, [row], 'console'))[0];
  if (!message) throw new NotFoundError('Message');
  return { message, conversation: presentConversation(stored) };
}

type StateAction =
  | { kind: 'take' }
  | { kind: 'assign'; officerId: string | null }
  | { kind: 'pending' }
  | { kind: 'resolve' }
  | { kind: 'labels'; labels: string[] };

const ACTION_OF: Record<StateAction['kind'], Action> = {
  take: 'conversation.handle',
  assign: 'conversation.assign',
  pending: 'conversation.handle',
  resolve: 'conversation.handle',
  labels: 'conversation.handle',
};

function eventOf(a: StateAction, actor: Actor): ConversationEvent | null {
  switch (a.kind) {
    case 'take':
      return { type: 'officer.take', officerId: actor.officerId };
    case 'assign':
      return { type: 'officer.assign', officerId: a.officerId };
    case 'pending':
      return { type: 'officer.pending' };
    case 'resolve':
      return { type: 'officer.resolve' };
    case 'labels':
      return null;
  }
}

/** Take, assign, set pending, resolve or relabel a conversation; audited. */
export async function changeConversation(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  action: StateAction,
): Promise<Conversation> {
  const { conv } = await requireConversation(ctx, actor, id, ACTION_OF[action.kind]);
  const { database } = ctx;
  if (action.kind === 'assign' && action.officerId) {
    const roles = await rolesInUnit(database.db, action.officerId, conv.unitId);
    if (!roles.some((r) => r === 'officer' || r === 'owner')) {
      throw new BadRequestError('not_an_officer_of_unit', 'That officer holds no role in this unit');
    }
  }
  const stored = await database.transaction(async (trx, afterCommit) => {
    const locked = await repo.lockConversation(trx, database.dialect, conv.unitId, conv.id);
    if (!locked) throw new NotFoundError('Conversation');
    const now = ctx.clock.now();
    const event = eventOf(action, actor);
    const state = event ? apply(locked, event, now).state : stateOf(locked);
    const labels = action.kind === 'labels' ? [...new Set(action.labels)] : null;
    const after = await writeChange(
      ctx,
      trx,
      afterCommit,
      { conv: locked, state, messages: [], ...(labels ? { extra: { labels: JSON.stringify(labels) } } : {}) },
      now,
    );
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: conv.unitId,
        action: `conversation.${action.kind}`,
        targetType: 'conversation',
        targetId: conv.id,
        ...(action.kind === 'assign' ? { details: { officerId: action.officerId } } : {}),
        ...(labels ? { details: { labels } } : {}),
      },
      now,
    );
    return after.stored;
  });
  return presentConversation(stored);
}
