import { createHash, randomBytes, randomInt } from 'node:crypto';

// Zalo's webhook deliveries as the tests send them: events shaped per §6.5 of the platform brief
// (ids as 19-digit strings, timestamps as epoch-ms strings) and signed per §6.2 with the tests' own
// code: X-ZEvent-Signature: mac=<hex sha256(app_id + raw body + body.timestamp + OA secret key)>.

export type ZaloWebhookEvent = Record<string, unknown> & { event_name: string; app_id: string; timestamp: string };

/** A 19-digit id as Zalo writes it: beyond Number.MAX_SAFE_INTEGER, so rounding would show. */
export function zaloId(): string {
  return `${randomInt(1, 10)}${Array.from({ length: 18 }, () => randomInt(0, 10)).join('')}`;
}

/** A message id like Zalo's (20 hex characters). */
export function zaloMessageId(): string {
  return randomBytes(10).toString('hex');
}

/** The signature header's value for a raw body (the fake's own implementation of §6.2). */
export function zaloSignature(rawBody: string, timestamp: string, appId: string, oaSecretKey: string): string {
  return `mac=${createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecretKey}`).digest('hex')}`;
}

export interface WebhookSendOptions {
  appId: string;
  oaSecretKey: string;
  /** Replaces the computed header (a forged or tampered delivery); null sends none. */
  signature?: string | null;
  /** Sends these bytes instead of JSON.stringify(event) (e.g. ids as bare numbers); signed as sent. */
  rawBody?: string;
}

/** POSTs one signed event to a webhook URL as Zalo would; the receiver's status and body. */
export async function sendWebhook(
  url: string,
  event: ZaloWebhookEvent,
  options: WebhookSendOptions,
): Promise<{ status: number; body: string }> {
  const rawBody = options.rawBody ?? JSON.stringify(event);
  const signature =
    options.signature === undefined
      ? zaloSignature(rawBody, event.timestamp, options.appId, options.oaSecretKey)
      : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-zevent-signature'] = signature;
  const res = await fetch(url, { method: 'POST', headers, body: rawBody });
  return { status: res.status, body: await res.text() };
}

/** Who a user event is between, and when. */
export interface EventParties {
  appId: string;
  oaId: string;
  userId: string;
  /** Epoch ms; now when absent. */
  at?: number;
  /** Zalo's message id; a fresh one when absent (pass the same one to act out a re-delivery). */
  msgId?: string;
}

function envelope(eventName: string, p: EventParties, fromOa: boolean, message: Record<string, unknown>) {
  return {
    app_id: p.appId,
    user_id_by_app: zaloId(),
    event_name: eventName,
    timestamp: String(p.at ?? Date.now()),
    sender: { id: fromOa ? p.oaId : p.userId },
    recipient: { id: fromOa ? p.userId : p.oaId },
    message: { msg_id: p.msgId ?? zaloMessageId(), ...message },
  };
}

function attachmentEvent(
  eventName: string,
  p: EventParties,
  type: string,
  payload: Record<string, unknown>,
  text?: string,
) {
  return envelope(eventName, p, false, { ...(text ? { text } : {}), attachments: [{ type, payload }] });
}

/** Builders of the events the channel handles (§6.4, §6.5). */
export const zaloEvents = {
  userSendText: (p: EventParties & { text: string }): ZaloWebhookEvent =>
    envelope('user_send_text', p, false, { text: p.text }),
  userSendImage: (p: EventParties & { url: string; caption?: string }): ZaloWebhookEvent =>
    attachmentEvent('user_send_image', p, 'image', { url: p.url, thumbnail: p.url }, p.caption),
  userSendFile: (p: EventParties & { url: string; name: string; size: number; ext: string }): ZaloWebhookEvent =>
    attachmentEvent('user_send_file', p, 'file', {
      url: p.url,
      name: p.name,
      size: String(p.size),
      type: p.ext,
      checksum: createHash('md5').update(p.url).digest('hex'),
    }),
  userSendAudio: (p: EventParties & { url: string }): ZaloWebhookEvent =>
    attachmentEvent('user_send_audio', p, 'audio', { url: p.url }),
  userSendLocation: (p: EventParties & { latitude: number; longitude: number }): ZaloWebhookEvent =>
    attachmentEvent('user_send_location', p, 'location', {
      coordinates: { latitude: String(p.latitude), longitude: String(p.longitude) },
    }),
  userSendSticker: (p: EventParties & { stickerId: string; url: string }): ZaloWebhookEvent =>
    attachmentEvent('user_send_sticker', p, 'sticker', { id: p.stickerId, url: p.url }),
  /** The echo of a text the OA sent (through the API or typed in Zalo's OA manager). */
  oaSendText: (p: EventParties & { text: string; adminId?: string }): ZaloWebhookEvent => {
    const event = envelope('oa_send_text', p, true, { text: p.text });
    return p.adminId ? { ...event, sender: { id: p.oaId, admin_id: p.adminId } } : event;
  },
  follow: (p: Omit<EventParties, 'msgId'> & { source?: string }): ZaloWebhookEvent => followEvent('follow', p),
  unfollow: (p: Omit<EventParties, 'msgId'>): ZaloWebhookEvent => followEvent('unfollow', p),
  /** The answer to a request for the user's info (the flat, older shape). */
  userSubmitInfo: (
    p: Omit<EventParties, 'msgId'> & { name: string; phone: string; address?: string },
  ): ZaloWebhookEvent => ({
    app_id: p.appId,
    event_name: 'user_submit_info',
    timestamp: String(p.at ?? Date.now()),
    sender: { id: p.userId },
    recipient: { id: p.oaId },
    user_id_by_app: zaloId(),
    info: { name: p.name, phone: p.phone, address: p.address ?? '', city: '', district: '', ward: '' },
  }),
};

function followEvent(name: 'follow' | 'unfollow', p: Omit<EventParties, 'msgId'> & { source?: string }) {
  return {
    oa_id: p.oaId,
    follower: { id: p.userId },
    user_id_by_app: zaloId(),
    event_name: name,
    source: p.source ?? 'oa_profile',
    app_id: p.appId,
    timestamp: String(p.at ?? Date.now()),
  };
}
