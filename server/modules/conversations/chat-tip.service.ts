import type { z } from 'zod';
import type { ChatTipInput, MessageAction } from '../../../contracts/conversations.js';
import type { TipAttachmentClaim, tipReceiptSchema } from '../../../contracts/tips.js';
import type { AppContext } from '../../context.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { sentFilesOfResident } from '../attachments/attachments.service.js';
import { uploadTipAttachment } from '../tips/tip-attachments.js';
import { submitTip } from '../tips/tips.public.js';
import { publicUnitById } from '../units/units.service.js';
import { newMessage, stateOf, writeChange } from './conversation-writes.js';
import * as repo from './conversations.repository.js';
import { TEXTS } from './texts.js';

// A tip written in chat, sent to the tip desk with the resident's consent, so it gets a receipt
// code, deadlines and follow-up like a tip from the form. Identified only: the unit's officers read
// the message in the conversation beside the resident's name and phone, so calling its copy
// anonymous would be a promise the system cannot keep; the chat points to the form for that.

type TipReceipt = z.infer<typeof tipReceiptSchema>;

/** The clientId of the system message that records a message's tip: at most one tip per message. */
const sentClientId = (messageId: string) => `tip:${messageId}`;

/**
 * Copies the resident's own chat files to uploads for a tip to `unitId` (checked again like any tip
 * upload); the tip takes them with their tokens. Copies a tip never takes go with the daily sweep.
 */
async function copyChatFiles(
  ctx: AppContext,
  conversationId: string,
  residentId: string,
  unitId: string,
  ids: string[],
): Promise<TipAttachmentClaim[]> {
  const files = await sentFilesOfResident(ctx.database.db, conversationId, residentId, ids);
  const missing = ids.find((id) => !files.some((f) => f.id === id));
  if (missing) throw new BadRequestError('invalid_attachment', `attachmentIds: ${missing} is not a file you sent here`);
  const claims: TipAttachmentClaim[] = [];
  for (const f of files) {
    const data = await ctx.storage.get(f.storageKey);
    if (!data) throw new NotFoundError('Attachment');
    const copy = await uploadTipAttachment(ctx, unitId, () =>
      Promise.resolve({ data, name: f.originalName, contentType: f.mimeType }),
    );
    claims.push({ id: copy.id, uploadToken: copy.uploadToken });
  }
  return claims;
}

/**
 * Sends the resident's own message `messageId` (the description as they edited it) as an identified
 * tip to the conversation's unit; the conversation gets a system message with the receipt code in
 * the tip's transaction. 404 for another resident's conversation or message, 409 when already sent.
 */
export async function sendChatTip(
  ctx: AppContext,
  residentId: string,
  conversationId: string,
  input: ChatTipInput,
): Promise<TipReceipt> {
  const db = ctx.database.db;
  const conv = await repo.findConversationOfResident(db, conversationId, residentId);
  if (!conv) throw new NotFoundError('Conversation');
  const source = await repo.findMessage(db, conv.unitId, conv.id, input.messageId);
  if (!source || source.author !== 'resident') throw new NotFoundError('Message');
  const clientId = sentClientId(source.id);
  const alreadySent = () => new ConflictError('tip_already_sent', 'This message was sent as a tip already');
  if (await repo.findMessageByClientId(db, conv.unitId, conv.id, clientId)) throw alreadySent();
  const unit = await publicUnitById(ctx, conv.unitId);
  if (!unit) throw new NotFoundError('Unit');
  const reporter = { residentId, displayName: conv.residentName, phone: conv.residentPhone };
  const attachments = await copyChatFiles(ctx, conv.id, residentId, unit.id, input.attachmentIds ?? []);
  const tip = {
    category: input.category,
    description: input.description,
    anonymous: false,
    ...(attachments.length ? { attachments } : {}),
  };
  return submitTip(ctx, unit.slug, tip, reporter, async (trx, afterCommit, sent) => {
    // Locked, the check has the last word: a second request for the same message rolls its tip back.
    const locked = await repo.lockResidentConversation(trx, ctx.database.dialect, conv.id, residentId);
    if (!locked) throw new NotFoundError('Conversation');
    if (await repo.findMessageByClientId(trx, locked.unitId, locked.id, clientId)) throw alreadySent();
    const now = ctx.clock.now();
    const action: MessageAction = { kind: 'tip_sent', messageId: source.id, receiptCode: sent.receiptCode };
    const message = newMessage(
      locked,
      {
        author: 'system',
        text: TEXTS.tipSent(sent.receiptCode),
        clientId,
        actions: JSON.stringify([action]),
      },
      now,
    );
    await writeChange(ctx, trx, afterCommit, { conv: locked, state: stateOf(locked), messages: [message] }, now);
  });
}
