import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../lib/errors.js';
import { attachmentBytes } from '../attachments/attachments.service.js';
import { ZALO_TEXTS } from './texts.js';
import { findByUser } from './zalo-connections.repository.js';
import { endInFlight, startInFlight, waitForEchoes } from './zalo-in-flight.js';
import { budgetSteps, pauseAfterRateLimit } from './zalo-send-budget.js';
import { recordSentPieces, saveStepsDone, stepsDone } from './zalo-users.repository.js';
import type { ChannelAdapter, OutboundMessage, SendResult } from '../../channels/channel-adapter.js';
import { planZaloSends } from '../../channels/zalo/outbound-plan.js';
import { sendResultForZaloError, sendZaloSteps, type ZaloStepsResult } from '../../channels/zalo/send-steps.js';
import { ZaloApiError } from '../../channels/zalo/zalo-error.js';

// The Zalo channel's sends from the chat outbox: cs messages to the resident's Zalo user, with the
// unit's OA token. A long message is several pieces; the pieces done are saved on the outbox row
// after every attempt, so a retry starts after them, and each piece's Zalo id is recorded so the
// webhook's echo of it is known as ours. A refused token is refreshed once and the rest retried once.
// Before its first call a send takes the calls it needs from the OA's budget shared by all
// processes (zalo-send-budget.ts), or is deferred untried; -32 pauses the OA for every process.

/** Sends per second from this process's outbox, whatever the OA (each OA's own budget is shared). */
const ZALO_RATE_PER_SECOND = 20;

/** The -227 refusal (banned, or inactive over 45 days) reads to officers like the closed window. */
const WINDOW_LIKE_CODES: ReadonlySet<number> = new Set([-227]);

function outcomeOf(error: ZaloApiError): SendResult {
  if (error.errorClass === 'window_closed' || (error.zaloCode !== null && WINDOW_LIKE_CODES.has(error.zaloCode))) {
    return { kind: 'outside-window', reason: ZALO_TEXTS.windowClosed };
  }
  return sendResultForZaloError(error);
}

/** The Zalo ChannelAdapter registered with the outbox dispatcher for channel `zalo`. */
export function zaloAdapter(ctx: AppContext): ChannelAdapter {
  return {
    channel: 'zalo',
    ratePerSecond: ZALO_RATE_PER_SECOND,
    async send(message: OutboundMessage): Promise<SendResult> {
      if (!message.channelUserId) return { kind: 'permanent-failure', error: 'no Zalo user for this resident' };
      // The OA the resident wrote to: after a merge, a unit may answer through a predecessor's.
      const connection = await findByUser(ctx.database.db, message.unitId, message.channelUserId);
      if (!connection) return { kind: 'permanent-failure', error: 'the unit has no Zalo OA connected' };
      const steps = planZaloSends(message, 'buttons');
      // A failure to read is a failed step (the pieces before it stay recorded as sent): a file
      // that is gone is never coming back, storage trouble may pass.
      const readAttachment = async (attachment: { id: string }) => {
        try {
          const { data, mimeType, name } = await attachmentBytes(ctx, message.unitId, attachment.id);
          return { bytes: data, mimeType, fileName: name };
        } catch (err) {
          const gone = err instanceof NotFoundError;
          throw new ZaloApiError('attachment_unreadable', null, `attachment ${attachment.id} could not be read`, {
            cause: err,
            errorClass: gone ? 'not_allowed' : 'retry',
          });
        }
      };
      const key = message.idempotencyKey;
      // An attempt a crash cut short: Zalo may have taken some of its pieces. Their echoes confirm
      // them (zalo-in-flight.ts); wait for those before sending what is left.
      const echoWaitMs = await waitForEchoes(ctx.database, key, ctx.clock.now(), ctx.config.zalo.echoWaitMs);
      if (echoWaitMs > 0) return { kind: 'deferred', ms: echoWaitMs };
      let from = await stepsDone(ctx.database.db, key);
      const waitMs = await budgetSteps(ctx, connection.oaId, steps.slice(from));
      if (waitMs > 0) return { kind: 'deferred', ms: waitMs };
      const attempt = async (accessToken: string): Promise<ZaloStepsResult> => {
        const recipientId = message.channelUserId ?? '';
        await ctx.database.transaction((trx) =>
          startInFlight(trx, {
            idempotencyKey: key,
            oaId: connection.oaId,
            zaloUserId: recipientId,
            messageId: message.messageId,
            fromStep: from,
            steps,
            startedAt: ctx.clock.now(),
          }),
        );
        const result = await sendZaloSteps(ctx.zalo, {
          accessToken,
          recipientId,
          target: 'cs',
          steps,
          from,
          readAttachment,
        });
        const now = ctx.clock.now();
        from = await ctx.database.transaction(async (trx) => {
          await recordSentPieces(trx, connection.oaId, message.messageId, result.messageIds, now);
          // An echo may have confirmed a piece this attempt saw fail (a timeout Zalo did take).
          const done = Math.max(result.done, await stepsDone(trx, key));
          await saveStepsDone(trx, key, done);
          await endInFlight(trx, key);
          return done;
        });
        return result;
      };
      const accessToken = await ctx.zaloTokens.getAccessToken(connection.unitId);
      let result = await attempt(accessToken);
      if (result.kind === 'failed' && result.error.errorClass === 'token') {
        result = await attempt(await ctx.zaloTokens.forceRefresh(connection.unitId, accessToken));
      }
      if (result.kind === 'failed') {
        if (result.error.errorClass === 'rate_limited') await pauseAfterRateLimit(ctx, connection.oaId);
        return outcomeOf(result.error);
      }
      for (const { attachment, reason } of result.skipped) {
        ctx.log.warn({ unitId: message.unitId, attachmentId: attachment.id, reason }, 'attachment not sent to Zalo');
      }
      // Zalo took every piece: as delivered as we can know (officers' streams hear of it).
      return {
        kind: 'sent',
        channelMessageId: result.messageIds.at(-1) ?? message.messageId,
        deliveredAt: ctx.clock.now(),
      };
    },
  };
}
