import { ZaloApiError } from './zalo-error.js';
import { idOf } from './zalo-json.js';
import { ZALO_MAX_TEXT_CHARS } from './split-text.js';
import { zaloMessageBody, type ZaloMessage } from './zalo-message.js';
import { oaPostJson, type ZaloTransport } from './zalo-request.js';

// A message Zalo would refuse is not sent: the caller splits texts (splitText) and drops buttons for groups.
function refuse(message: string): ZaloApiError {
  return new ZaloApiError('bad_request', null, message, { errorClass: 'not_allowed' });
}

function checkSendable(message: ZaloMessage): void {
  const text = message.kind === 'text' ? message.text : message.kind === 'image' ? message.caption : undefined;
  if (text !== undefined && text.length > ZALO_MAX_TEXT_CHARS) {
    throw refuse(`Zalo takes at most ${ZALO_MAX_TEXT_CHARS} characters a message: split the text first`);
  }
  if (message.kind === 'text' && !message.text.trim()) throw refuse('Zalo takes no empty text');
}

function messageIdOf(data: Record<string, unknown>): string {
  const id = idOf(data.message_id);
  if (!id) throw new ZaloApiError('bad_response', null, 'Zalo accepted the message without a message_id');
  return id;
}

/** Sends a consultation (cs) message to a resident who wrote within 7 days; Zalo's message id. */
export async function sendCsMessage(
  t: ZaloTransport,
  accessToken: string,
  userId: string,
  message: ZaloMessage,
): Promise<{ messageId: string }> {
  checkSendable(message);
  const data = await oaPostJson(t, accessToken, '/v3.0/oa/message/cs', {
    recipient: { user_id: userId },
    message: zaloMessageBody(message),
  });
  return { messageId: messageIdOf(data) };
}

/** Sends a message to a Zalo group (GMF) the OA is in; Zalo's message id. Groups take no buttons. */
export async function sendGroupMessage(
  t: ZaloTransport,
  accessToken: string,
  groupId: string,
  message: ZaloMessage,
): Promise<{ messageId: string }> {
  checkSendable(message);
  if (message.kind === 'text' && message.buttons?.length) {
    throw refuse('Zalo groups take no buttons: send numbered lines instead');
  }
  const data = await oaPostJson(t, accessToken, '/v3.0/oa/group/message', {
    recipient: { group_id: groupId },
    message: zaloMessageBody(message),
  });
  return { messageId: messageIdOf(data) };
}
