import { z } from 'zod';
import { ZALO_TEXTS } from './texts.js';

// What the inbound job reads of a stored event (zalo-platform.md §6.4, §6.5). Ids are text: the
// body was parsed with parseJsonKeepingBigIntegers, so a bare 19-digit number arrives as its digits.

const idText = z.union([
  z.string().regex(/^[0-9A-Za-z_-]{1,100}$/),
  z
    .number()
    .int()
    .nonnegative()
    .refine((n) => Number.isSafeInteger(n))
    .transform(String),
]);

const attachmentSchema = z.looseObject({
  type: z.string().max(50),
  payload: z
    .looseObject({
      url: z.string().max(2000).optional(),
      name: z.string().max(500).optional(),
      coordinates: z
        .looseObject({ latitude: z.coerce.number().min(-90).max(90), longitude: z.coerce.number().min(-180).max(180) })
        .optional(),
    })
    .optional(),
});

export const zaloInboundEventSchema = z.looseObject({
  event_name: z.string().max(100),
  sender: z.looseObject({ id: idText.optional() }).optional(),
  recipient: z.looseObject({ id: idText.optional() }).optional(),
  follower: z.looseObject({ id: idText.optional() }).optional(),
  message: z
    .looseObject({
      msg_id: idText.optional(),
      text: z.string().max(10_000).optional(),
      attachments: z.array(attachmentSchema).max(20).optional(),
    })
    .optional(),
  info: z.looseObject({ name: z.string().max(200).optional(), phone: z.string().max(50).optional() }).optional(),
});
export type ZaloInboundEvent = z.infer<typeof zaloInboundEventSchema>;

/** A user's message as we store it: its text (a stand-in for media), a location, whether it is a stand-in. */
export interface ZaloMessageContent {
  text: string;
  location?: { latitude: number; longitude: number };
  placeholder: boolean;
}

const PLACEHOLDERS: Record<string, string> = {
  image: ZALO_TEXTS.image,
  file: ZALO_TEXTS.file,
  audio: ZALO_TEXTS.audio,
  sticker: ZALO_TEXTS.sticker,
  gif: ZALO_TEXTS.gif,
  location: ZALO_TEXTS.location,
};

/**
 * The content of a user_send_* (or oa_send_*) event. Media are not fetched yet: they are stored as a
 * stand-in with the caption and the file's name, so officers see that something came.
 */
export function messageContent(event: ZaloInboundEvent): ZaloMessageContent {
  const message = event.message;
  const text = message?.text?.trim() ?? '';
  if (event.event_name.endsWith('_send_text')) return { text, placeholder: false };
  const attachment = message?.attachments?.[0];
  const kind = attachment?.type ?? event.event_name.replace(/^(user|oa)_send_/, '');
  const coordinates = attachment?.payload?.coordinates;
  if (kind === 'location' && coordinates) {
    return { text: ZALO_TEXTS.location, location: coordinates, placeholder: true };
  }
  const standIn = PLACEHOLDERS[kind] ?? ZALO_TEXTS.other;
  const name = attachment?.payload?.name;
  // A caption is the resident's own words: the assistant reads it (for danger above all).
  return { text: [standIn, name, text].filter(Boolean).join(' '), placeholder: !text };
}

// No extension: the type is sniffed from the bytes (a name's extension must agree with them).
const MEDIA_NAMES: Record<string, string> = { image: 'zalo-image', gif: 'zalo-image', audio: 'zalo-audio' };

/** The media a user_send_* event carries (its URL and a file name), or null (text, sticker, location, link). */
export function mediaOf(event: ZaloInboundEvent): { url: string; name: string } | null {
  const attachment = event.message?.attachments?.[0];
  const url = attachment?.payload?.url;
  if (!attachment || !url) return null;
  if (attachment.type === 'file') return { url, name: attachment.payload?.name ?? 'zalo-file' };
  const name = MEDIA_NAMES[attachment.type];
  return name ? { url, name } : null;
}
