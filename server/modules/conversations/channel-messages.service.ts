import type { z } from 'zod';
import type { quickReplySchema } from '../../../contracts/assistant.js';
import type { Channel, locationSchema } from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../lib/errors.js';
import { cleanText } from '../assistant/assistant.service.js';
import { newMessage, stateOf, writeChange } from './conversation-writes.js';
import { parseQuickReplies } from './conversations.present.js';
import { ensureConversation, readMessage, storeResidentMessage } from './conversations.service.js';
import * as repo from './conversations.repository.js';

// Messages that arrive through a webhook channel (Zalo) take the web chat's path: the same
// assistant, the same handover rules, the same outbox. The channel's message id is the message's
// client id, so an event processed twice stores nothing new and answers nothing twice.

type QuickReply = z.infer<typeof quickReplySchema>;

export interface ChannelMessageInput {
  unitId: string;
  residentId: string;
  channel: Exclude<Channel, 'web'>;
  /** The channel's id of the message; unique per conversation. */
  channelMessageId: string;
  text: string;
  location?: z.infer<typeof locationSchema>;
  /** A stand-in for what the channel carried (a sticker, a photo not fetched): stored, not read by the assistant. */
  placeholder?: boolean;
  /** Fetches and stores the message's media in the conversation, once it is known to be new; their attachment ids. */
  attach?: (conversationId: string) => Promise<string[]>;
  /** The text instead of `text` when `attach` stored something (the caption, without the stand-in). */
  textWithMedia?: string;
  /**
   * Channels that show quick replies as numbered lines: the quick reply a typed answer picks from
   * the assistant's last message ("2"), or null; the message is then that reply, as if tapped.
   */
  choose?: (text: string, quickReplies: QuickReply[]) => string | null;
}

function clientIdOf(channel: string, channelMessageId: string): string {
  // The web's clientId is at least 8 characters; a channel's id is prefixed with the channel's name.
  return `${channel}:${channelMessageId}`.slice(0, 100);
}

/** A resident's message from a channel: stored once per channel message id, answered as on the web. */
export async function postChannelMessage(
  ctx: AppContext,
  input: ChannelMessageInput,
): Promise<{ conversationId: string; duplicate: boolean }> {
  const { conversation } = await ensureConversation(ctx, input.unitId, input.residentId, input.channel);
  const clientId = clientIdOf(input.channel, input.channelMessageId);
  const seen = await repo.findMessageByClientId(ctx.database.db, input.unitId, conversation.id, clientId);
  if (seen) return { conversationId: conversation.id, duplicate: true };
  const attachmentIds = input.attach ? await input.attach(conversation.id) : [];
  let text = cleanText(attachmentIds.length && input.textWithMedia !== undefined ? input.textWithMedia : input.text);
  if (input.choose && text && !input.placeholder) {
    const last = await repo.lastBotMessage(ctx.database.db, input.unitId, conversation.id);
    const chosen = last ? input.choose(text, parseQuickReplies(last.quickReplies)) : null;
    if (chosen) text = cleanText(chosen);
  }
  const reading =
    input.placeholder || !text
      ? { answered: null, emergency: false, tipOffer: false }
      : await readMessage(ctx, conversation, text);
  // A concurrent processing of the same event finds the first message inside the transaction (a replay).
  await storeResidentMessage(
    ctx,
    input.residentId,
    conversation.id,
    {
      clientId,
      text,
      ...(input.location ? { location: input.location } : {}),
      ...(attachmentIds.length ? { attachmentIds } : {}),
    },
    reading,
  );
  return { conversationId: conversation.id, duplicate: false };
}

export interface ChannelEchoInput {
  unitId: string;
  residentId: string;
  channel: Exclude<Channel, 'web'>;
  channelMessageId: string;
  text: string;
  /** Who the inbox names as its author ("từ Zalo OA"). */
  authorName: string;
}

/**
 * A reply the unit sent on the channel itself (typed in Zalo's OA manager): an officer message in
 * the conversation, stored once, with nothing queued to send (the resident has it already).
 */
export async function recordChannelOfficerMessage(ctx: AppContext, input: ChannelEchoInput): Promise<boolean> {
  const { conversation } = await ensureConversation(ctx, input.unitId, input.residentId, input.channel);
  const clientId = clientIdOf(input.channel, input.channelMessageId);
  const text = cleanText(input.text);
  const { database } = ctx;
  return database.transaction(async (trx, afterCommit) => {
    const conv = await repo.lockConversation(trx, database.dialect, input.unitId, conversation.id);
    if (!conv) throw new NotFoundError('Conversation');
    if (await repo.findMessageByClientId(trx, conv.unitId, conv.id, clientId)) return false;
    const now = ctx.clock.now();
    const message = newMessage(
      conv,
      { author: 'officer', authorName: input.authorName, text, clientId, deliveredAt: now },
      now,
    );
    await writeChange(
      ctx,
      trx,
      afterCommit,
      { conv, state: stateOf(conv), messages: [message], alreadySent: true },
      now,
    );
    return true;
  });
}
