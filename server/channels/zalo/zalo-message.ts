// One Zalo message as this project sends it, and its JSON in Zalo's `message` field (§4 of the
// platform brief). Images and files are sent by what an upload returned (or an image by URL).

/** A button under a text. `query`: tapping sends `payload` back to the OA as the resident's text. */
export type ZaloButton =
  | { type: 'query'; title: string; payload: string }
  | { type: 'url'; title: string; url: string }
  | { type: 'phone'; title: string; phone: string };

export type ZaloMessage =
  | { kind: 'text'; text: string; buttons?: ZaloButton[]; quoteMessageId?: string }
  | { kind: 'image'; attachmentId: string; caption?: string }
  | { kind: 'image'; url: string; caption?: string }
  | { kind: 'file'; token: string };

/**
 * Zalo's shape of one button. The button types are documented by a Zalo partner ([M]); `show`
 * rather than `hide` so the resident's choice stays visible in the chat, as a typed answer would.
 */
export function zaloButton(button: ZaloButton): Record<string, unknown> {
  switch (button.type) {
    case 'query':
      return { title: button.title, type: 'oa.query.show', payload: button.payload };
    case 'url':
      return { title: button.title, type: 'oa.open.url', payload: { url: button.url } };
    case 'phone':
      return { title: button.title, type: 'oa.open.phone', payload: { phone_code: button.phone } };
  }
}

/**
 * Where buttons go in a text message. The container is the least certain part of the brief (§4.7,
 * §13.7): a template attachment holding only `buttons`. Change it here if a real OA refuses it.
 */
export function buttonsAttachment(buttons: ZaloButton[]): Record<string, unknown> {
  return { type: 'template', payload: { buttons: buttons.map(zaloButton) } };
}

/** The `message` object of a cs or group message for one of ours. */
export function zaloMessageBody(message: ZaloMessage): Record<string, unknown> {
  switch (message.kind) {
    case 'text': {
      const body: Record<string, unknown> = { text: message.text };
      if (message.quoteMessageId) body.quote_message_id = message.quoteMessageId;
      if (message.buttons?.length) body.attachment = buttonsAttachment(message.buttons);
      return body;
    }
    case 'image': {
      const element =
        'attachmentId' in message
          ? { media_type: 'image', attachment_id: message.attachmentId }
          : { media_type: 'image', url: message.url };
      return {
        ...(message.caption ? { text: message.caption } : {}),
        attachment: { type: 'template', payload: { template_type: 'media', elements: [element] } },
      };
    }
    case 'file':
      return { attachment: { type: 'file', payload: { token: message.token } } };
  }
}
