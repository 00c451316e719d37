import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  Channel,
  Conversation,
  Message,
  postMessageResponseSchema,
  residentMessageSchema,
} from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import type { DB, MessageRow } from '../../db/schema/index.js';
import { BadRequestError, NotFoundError, TooManyRequestsError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { answerQuestion, cleanText, keepUnanswered, type Answered } from '../assistant/assistant.service.js';
import { classifyOrUnknown, getClassifier } from '../assistant/classifier.js';
import { claimAttachments } from '../attachments/attachments.service.js';
import { getPublicUnit, publicUnitById } from '../units/units.service.js';
import { RESIDENT_BURST } from './burst-limit.js';
import { initialState, transition } from './conversation-state.js';
import { newMessage, presentMessages, stateOf, writeChange } from './conversation-writes.js';
import { presentConversation, residentView, type ConversationView } from './conversations.present.js';
import * as repo from './conversations.repository.js';
import { TEXTS } from './texts.js';

type PostMessageResponse = z.infer<typeof postMessageResponseSchema>;
type ResidentMessageInput = z.infer<typeof residentMessageSchema>;

const HISTORY = 4;
const ASSISTANT_MAX_CHARS = 2000;

/** The resident's conversation with a unit on the web channel (a merged unit's successor), created on first need. */
export async function openConversation(
  ctx: AppContext,
  residentId: string,
  slug: string,
): Promise<{ conversation: Conversation; created: boolean }> {
  const { unit } = await getPublicUnit(ctx, slug);
  if (!unit.hasAccount) throw new NotFoundError('Official account');
  const { conversation, created } = await ensureConversation(ctx, unit.id, residentId, 'web');
  return { conversation: residentView(presentConversation(conversation)), created };
}

/** The resident's conversation with a unit on a channel, created on first need. */
export async function ensureConversation(
  ctx: AppContext,
  unitId: string,
  residentId: string,
  channel: Channel,
): Promise<{ conversation: ConversationView; created: boolean }> {
  const db = ctx.database.db;
  const existing = await repo.findResidentConversation(db, unitId, residentId, channel);
  if (existing) return { conversation: existing, created: false };
  const now = ctx.clock.now();
  await ctx.database.transaction((trx) =>
    repo.insertConversation(trx, {
      id: newId(),
      unitId,
      residentId,
      channel,
      ...initialState(),
      labels: '[]',
      lastMessageAt: null,
      lastMessageText: null,
      lastInboundAt: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  const row = await repo.findResidentConversation(db, unitId, residentId, channel);
  if (!row) throw new NotFoundError('Conversation');
  return { conversation: row, created: true };
}

async function requireOwn(ctx: AppContext, residentId: string, id: string): Promise<ConversationView> {
  const conv = await repo.findConversationOfResident(ctx.database.db, id, residentId);
  if (!conv) throw new NotFoundError('Conversation');
  return conv;
}

async function replay(ctx: AppContext, conv: ConversationView, first: MessageRow): Promise<PostMessageResponse> {
  const db = ctx.database.db;
  const [message, ...replies] = await presentMessages(
    db,
    [first, ...(await repo.repliesTo(db, conv.unitId, first.id))],
    'public',
  );
  const now = (await repo.findConversation(db, conv.id)) ?? conv;
  if (!message) throw new NotFoundError('Message');
  return { message, replies, conversation: residentView(presentConversation(now)) };
}

/** What the assistant made of a resident's message before it is stored. */
export interface Reading {
  /** Its answer, while the conversation is with it (null otherwise, or when it failed). */
  answered: Answered | null;
  /** The message describes danger happening now (an emergency goes to officers whoever holds the conversation). */
  emergency: boolean;
  /** The answer offers to send the message to the tip desk, and the conversation's unit takes tips. */
  tipOffer: boolean;
}

/** Whether an answer's tip offer stands: only a ward or commune takes tips (tips.public.ts tipUnit). */
async function offersTip(ctx: AppContext, unitId: string, answered: Answered | null): Promise<boolean> {
  if (!answered?.response.answer.actions.some((a) => a.kind === 'tip_form')) return false;
  const unit = await publicUnitById(ctx, unitId);
  return unit?.kind === 'ward' || unit?.kind === 'commune';
}

async function assistantAnswer(ctx: AppContext, conv: ConversationView, text: string): Promise<Answered | null> {
  const [unit, history] = await Promise.all([
    publicUnitById(ctx, conv.unitId),
    repo.recentResidentTexts(ctx.database.db, conv.unitId, conv.id, HISTORY),
  ]);
  try {
    return await answerQuestion(ctx, { text: text.slice(0, ASSISTANT_MAX_CHARS), history, unit });
  } catch (err) {
    // The message is stored whatever the assistant does; without an answer it waits for officers.
    ctx.reportError('assistant.answer', err, { unitId: conv.unitId, conversationId: conv.id });
    return null;
  }
}

/**
 * The assistant answers while the conversation is with it; once officers hold it, the message is
 * only read for danger-now (a complete message, on its own), so an emergency is never just queued.
 */
export async function readMessage(ctx: AppContext, conv: ConversationView, text: string): Promise<Reading> {
  if (!text) return { answered: null, emergency: false, tipOffer: false };
  if (conv.status === 'bot') {
    const answered = await assistantAnswer(ctx, conv, text);
    return {
      answered,
      emergency: answered?.response.intent === 'emergency',
      tipOffer: await offersTip(ctx, conv.unitId, answered),
    };
  }
  const reading = classifyOrUnknown(getClassifier(), text.slice(0, ASSISTANT_MAX_CHARS), [], (err) =>
    ctx.reportError('assistant.classify', err, { unitId: conv.unitId, conversationId: conv.id }),
  );
  return { answered: null, emergency: reading.intent === 'emergency', tipOffer: false };
}

/**
 * A resident's message: stored once per clientId (a repeat returns the first result), answered by
 * the assistant while the conversation is with it, handed over when needed; all in one transaction.
 * The assistant answers before the transaction: it reads reference data through the pool, which a
 * transaction holding a PostgreSQL connection must never wait on (with every pooled connection
 * held by such transactions, none would finish). The transaction re-reads the conversation locked
 * and uses the answer only if the conversation is still with the assistant.
 */
export async function postResidentMessage(
  ctx: AppContext,
  residentId: string,
  conversationId: string,
  input: ResidentMessageInput,
): Promise<PostMessageResponse> {
  const seen = await requireOwn(ctx, residentId, conversationId);
  holdBurst(ctx, residentId);
  const text = cleanText(input.text);
  if (!text && !input.attachmentIds?.length && !input.location) {
    throw new BadRequestError('empty_message', 'The message has no text, attachment or location');
  }
  // A repeated clientId is found inside the transaction; answering it again costs only CPU.
  return storeResidentMessage(ctx, residentId, conversationId, { ...input, text }, await readMessage(ctx, seen, text));
}

/** Counts a resident's message against their burst allowance; throws when they write too fast. */
function holdBurst(ctx: AppContext, residentId: string): void {
  const wait = ctx.residentBurst.hit(residentId, ctx.clock.now());
  if (wait > 0) throw new TooManyRequestsError('too_many_messages', 'Too many messages, slow down', wait / 1000);
}

/**
 * A question from the unit page's ask box that the assistant hands over: stored in the resident's
 * conversation with the unit (opened on first need) with the answer the resident was shown, so the
 * conversation goes to officers for the same reason, or, already with them, comes back to them.
 */
export async function postAnsweredQuestion(
  ctx: AppContext,
  residentId: string,
  slug: string,
  text: string,
  answered: Answered,
): Promise<PostMessageResponse> {
  const { conversation } = await openConversation(ctx, residentId, slug);
  holdBurst(ctx, residentId);
  const reading = {
    answered,
    emergency: answered.response.intent === 'emergency',
    tipOffer: await offersTip(ctx, conversation.unitId, answered),
  };
  return storeResidentMessage(ctx, residentId, conversation.id, { clientId: `ask-${newId()}`, text }, reading);
}

/** Stores a resident's (cleaned) message with what the assistant made of it; one transaction. */
export async function storeResidentMessage(
  ctx: AppContext,
  residentId: string,
  conversationId: string,
  input: ResidentMessageInput,
  { answered, emergency, tipOffer }: Reading,
): Promise<PostMessageResponse> {
  const { text } = input;
  const attachmentIds = input.attachmentIds ?? [];
  const { database } = ctx;
  const result = await database.transaction(async (trx, afterCommit) => {
    const conv = await repo.lockResidentConversation(trx, database.dialect, conversationId, residentId);
    if (!conv) throw new NotFoundError('Conversation');
    const dup = await repo.findMessageByClientId(trx, conv.unitId, conv.id, input.clientId);
    if (dup) return { kind: 'duplicate' as const, conv, first: dup };
    if (database.dialect === 'postgres') {
      // Several server processes may share the load, each counting bursts in its own memory: with
      // the conversation row locked, the stored messages have the last word.
      const since = ctx.clock.now() - RESIDENT_BURST.windowMs;
      const recent = await repo.countResidentMessagesSince(trx, conv.unitId, conv.id, since);
      if (recent >= RESIDENT_BURST.max) {
        throw new TooManyRequestsError(
          'too_many_messages',
          'Too many messages, slow down',
          RESIDENT_BURST.windowMs / 1000,
        );
      }
    }
    const now = ctx.clock.now();
    const wasBot = conv.status === 'bot';
    let t = transition(stateOf(conv), { type: 'resident.message', hasText: text !== '', emergency }, now);
    const resident = newMessage(
      conv,
      {
        author: 'resident',
        authorId: residentId,
        text,
        clientId: input.clientId,
        location: input.location ? JSON.stringify(input.location) : null,
      },
      now,
    );
    const replies: MessageRow[] = [];
    if (wasBot && t.state.status === 'bot' && answered) {
      const answer = answered.response;
      const a = answer.answer;
      if (answered.unanswered) await keepUnanswered(trx, answered.unanswered);
      t = transition(
        t.state,
        { type: 'bot.answer', intent: answer.intent, clarifying: a.clarifying, handover: a.handover },
        now,
      );
      replies.push(
        newMessage(
          conv,
          {
            author: 'bot',
            text: a.text,
            quickReplies: JSON.stringify(a.quickReplies),
            inReplyTo: resident.id,
            procedureEntryId: a.procedureEntryId,
            actions: tipOffer ? JSON.stringify([{ kind: 'tip_form', messageId: resident.id }]) : null,
          },
          now,
        ),
      );
    }
    if (t.handedOver) {
      const text = t.handedOver === 'emergency' ? TEXTS.handoverEmergency : TEXTS.handover;
      replies.push(newMessage(conv, { author: 'system', text, inReplyTo: resident.id }, now));
    }
    const written = await writeChange(
      ctx,
      trx,
      afterCommit,
      {
        conv: conv,
        state: t.state,
        messages: [resident, ...replies],
        inboundAt: now,
        ...(attachmentIds.length
          ? {
              afterInsert: (x: Transaction<DB>) =>
                claimAttachments(x, {
                  conversationId: conv.id,
                  unitId: conv.unitId,
                  messageId: resident.id,
                  attachmentIds,
                  uploader: { residentId },
                }),
            }
          : {}),
      },
      now,
    );
    return { kind: 'stored' as const, written };
  });
  if (result.kind === 'duplicate') return replay(ctx, result.conv, result.first);
  const [message, ...replies] = result.written.presented.public;
  if (!message) throw new NotFoundError('Message');
  return { message, replies, conversation: residentView(presentConversation(result.written.stored)) };
}

/** The resident's messages (never internal notes), newest first. */
export async function listResidentMessages(
  ctx: AppContext,
  residentId: string,
  conversationId: string,
  page: { before?: string | undefined; limit: number },
): Promise<{ items: Message[]; nextCursor: string | null }> {
  const conv = await requireOwn(ctx, residentId, conversationId);
  const rows = await repo.listMessages(ctx.database.db, conv.unitId, conv.id, { includeInternal: false, ...page });
  const last = rows.at(-1);
  return {
    items: await presentMessages(ctx.database.db, rows, 'public'),
    nextCursor: rows.length === page.limit && last ? last.id : null,
  };
}

/** The resident's own conversation (for the SSE stream's scope). */
export async function residentConversation(ctx: AppContext, residentId: string, id: string): Promise<ConversationView> {
  return requireOwn(ctx, residentId, id);
}
