import type { Attachment } from '../../../contracts/conversations.js';
import type { OutboundMessage } from '../channel-adapter.js';
import { splitText } from './split-text.js';
import type { ZaloButton } from './zalo-message.js';

// What one of our outgoing messages becomes on Zalo, before anything is uploaded: its text cut into
// pieces, quick replies as buttons (or numbered lines), and each attachment as an image or a file
// upload — or nothing Zalo can carry, which the caller reports instead of sending.

/** Zalo's upload limits (§3): images jpg/png up to 1 MB, files pdf/doc/docx up to 5 MB. */
export const ZALO_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png']);
export const ZALO_MAX_IMAGE_BYTES = 1024 * 1024;
export const ZALO_FILE_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);
export const ZALO_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Most buttons put under one text; more quick replies than this become numbered lines. */
export const ZALO_MAX_BUTTONS = 5;

/** Quick replies as Zalo buttons, or as numbered lines in the text (groups, or buttons refused). */
export type QuickReplyStyle = 'buttons' | 'numbered';

export type ZaloSendStep =
  | { kind: 'text'; text: string; buttons: ZaloButton[] }
  /** Upload with uploadImage, then send `{kind: 'image', attachmentId}`. */
  | { kind: 'image'; attachment: Attachment }
  /** Upload with uploadFile, then send `{kind: 'file', token}`. */
  | { kind: 'file'; attachment: Attachment }
  /** Zalo cannot carry it (audio, another type, too large). */
  | { kind: 'unsupported'; attachment: Attachment; reason: string };

/** How an attachment can go to Zalo: as an image upload, a file upload, or not at all (and why). */
export function zaloAttachmentKind(
  attachment: Pick<Attachment, 'mimeType' | 'sizeBytes'>,
): { kind: 'image' | 'file' } | { kind: 'unsupported'; reason: string } {
  const type = attachment.mimeType.toLowerCase();
  if (ZALO_IMAGE_TYPES.has(type)) {
    return attachment.sizeBytes <= ZALO_MAX_IMAGE_BYTES
      ? { kind: 'image' }
      : { kind: 'unsupported', reason: 'image larger than 1 MB' };
  }
  if (ZALO_FILE_TYPES.has(type)) {
    return attachment.sizeBytes <= ZALO_MAX_FILE_BYTES
      ? { kind: 'file' }
      : { kind: 'unsupported', reason: 'file larger than 5 MB' };
  }
  return { kind: 'unsupported', reason: `Zalo does not take ${type}` };
}

/** The text followed by the quick replies as "1. label" lines. */
export function numberedLines(text: string, quickReplies: OutboundMessage['quickReplies']): string {
  if (!quickReplies.length) return text;
  const lines = quickReplies.map((reply, i) => `${i + 1}. ${reply.label}`).join('\n');
  return text.trim() ? `${text}\n\n${lines}` : lines;
}

/**
 * The quick reply a resident chose by typing its number after numbered lines ("2", " 2. "), or
 * null: the caller then reads the message as typed.
 */
export function choiceFromNumber(reply: string, quickReplies: OutboundMessage['quickReplies']): string | null {
  const match = /^\s*(\d{1,2})\s*\.?\s*$/.exec(reply);
  if (!match) return null;
  return quickReplies[Number(match[1]) - 1]?.text ?? null;
}

/**
 * The steps that send one outgoing message on Zalo, in order: text pieces of at most 2,000
 * characters (buttons on the last one), then its images and files.
 */
export function planZaloSends(
  message: Pick<OutboundMessage, 'text' | 'quickReplies' | 'attachments'>,
  style: QuickReplyStyle,
): ZaloSendStep[] {
  const asButtons = style === 'buttons' && message.quickReplies.length <= ZALO_MAX_BUTTONS;
  const text = asButtons ? message.text : numberedLines(message.text, message.quickReplies);
  const buttons: ZaloButton[] = asButtons
    ? message.quickReplies.map((reply) => ({ type: 'query', title: reply.label, payload: reply.text }))
    : [];
  const pieces = splitText(text);
  // Buttons need a text to hang under.
  if (!pieces.length && buttons.length) pieces.push(message.quickReplies.map((reply) => reply.label).join(' · '));
  const steps: ZaloSendStep[] = pieces.map((piece, i) => ({
    kind: 'text',
    text: piece,
    buttons: i === pieces.length - 1 ? buttons : [],
  }));
  for (const attachment of message.attachments) {
    const how = zaloAttachmentKind(attachment);
    steps.push(how.kind === 'unsupported' ? { ...how, attachment } : { kind: how.kind, attachment });
  }
  return steps;
}

/** Zalo API calls the steps make: a text is one send, an image or a file an upload and a send. */
export function zaloCallsOf(steps: readonly ZaloSendStep[]): number {
  return steps.reduce((calls, step) => calls + (step.kind === 'text' ? 1 : step.kind === 'unsupported' ? 0 : 2), 0);
}
