import type { Attachment } from '../../../contracts/conversations.js';
import type { SendResult } from '../channel-adapter.js';
import type { ZaloSendStep } from './outbound-plan.js';
import type { ZaloUpload } from './upload-media.js';
import type { ZaloClient } from './zalo-client.js';
import { ZaloApiError } from './zalo-error.js';
import type { ZaloMessage } from './zalo-message.js';

// Runs the steps of one outgoing message (planZaloSends) on Zalo: uploads, then sends, one step at a
// time. A long answer is several Zalo messages, so a failure can come after some were sent; the
// result says how many steps are done, and a retry passes that as `from` so nothing goes twice.

/** Zalo's limits are per minute (§7): after -32, wait about that long. */
export const ZALO_RATE_LIMIT_RETRY_MS = 60_000;

export interface ZaloStepsInput {
  accessToken: string;
  /** user_id for cs messages, group_id for a group. */
  recipientId: string;
  target: 'cs' | 'group';
  steps: ZaloSendStep[];
  /** Steps already done by an earlier attempt (its `done`). */
  from?: number;
  /** The bytes of an attachment to upload (from the attachments' storage). */
  readAttachment(attachment: Attachment): Promise<ZaloUpload>;
}

export type ZaloStepsResult =
  /** messageIds: Zalo's ids of the messages this call sent, in order; skipped: what Zalo cannot carry. */
  | { kind: 'sent'; done: number; messageIds: string[]; skipped: { attachment: Attachment; reason: string }[] }
  /** Steps before `done` are sent (earlier attempts' and this one's); the step at `done` failed. */
  | { kind: 'failed'; done: number; messageIds: string[]; error: ZaloApiError };

/** Sends the steps from `from` on, stopping at the first failure; never throws a ZaloApiError. */
export async function sendZaloSteps(client: ZaloClient, input: ZaloStepsInput): Promise<ZaloStepsResult> {
  const messageIds: string[] = [];
  const skipped: { attachment: Attachment; reason: string }[] = [];
  const send = async (message: ZaloMessage) => {
    const sent =
      input.target === 'cs'
        ? await client.sendCsMessage(input.accessToken, input.recipientId, message)
        : await client.sendGroupMessage(input.accessToken, input.recipientId, message);
    messageIds.push(sent.messageId);
  };
  let done = input.from ?? 0;
  for (const step of input.steps.slice(done)) {
    try {
      switch (step.kind) {
        case 'text': {
          const message = step.buttons.length
            ? { kind: 'text' as const, text: step.text, buttons: step.buttons }
            : { kind: 'text' as const, text: step.text };
          await send(message);
          break;
        }
        case 'image': {
          const { attachmentId } = await client.uploadImage(
            input.accessToken,
            await input.readAttachment(step.attachment),
          );
          await send({ kind: 'image', attachmentId });
          break;
        }
        case 'file': {
          const { token } = await client.uploadFile(input.accessToken, await input.readAttachment(step.attachment));
          await send({ kind: 'file', token });
          break;
        }
        case 'unsupported':
          skipped.push({ attachment: step.attachment, reason: step.reason });
          break;
      }
    } catch (err) {
      if (!(err instanceof ZaloApiError)) throw err;
      return { kind: 'failed', done, messageIds, error: err };
    }
    done++;
  }
  return { kind: 'sent', done, messageIds, skipped };
}

/**
 * What the delivery dispatcher records for a Zalo failure, once a token error has had its one
 * refresh and retry: -230/-232 close the window (not retried), permanent refusals fail, -32 waits
 * a minute, the rest retry with the dispatcher's back-off.
 */
export function sendResultForZaloError(error: ZaloApiError): SendResult {
  switch (error.errorClass) {
    case 'window_closed':
      return { kind: 'outside-window' };
    case 'not_allowed':
    case 'group_expired':
      return { kind: 'permanent-failure', error: `${error.code}: ${error.message}` };
    case 'rate_limited':
      return { kind: 'retry-after', ms: ZALO_RATE_LIMIT_RETRY_MS };
    case 'token':
    case 'retry':
      return { kind: 'retry-after', ms: 0 };
  }
}
