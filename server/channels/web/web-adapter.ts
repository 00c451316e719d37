import type { AppContext } from '../../context.js';
import { markDelivered } from '../../modules/conversations/conversations.repository.js';
import type { ChannelAdapter, OutboundMessage, SendResult } from '../channel-adapter.js';

/**
 * The project's own portal. The message and its realtime event are committed together, so SSE
 * streams already show it; "sending" records the delivery (idempotent: a retry changes nothing).
 */
export function webAdapter(ctx: AppContext): ChannelAdapter {
  return {
    channel: 'web',
    ratePerSecond: 1000,
    async send(message: OutboundMessage): Promise<SendResult> {
      await ctx.database.transaction((trx) => markDelivered(trx, message.unitId, message.messageId, ctx.clock.now()));
      return { kind: 'sent', channelMessageId: message.messageId };
    },
  };
}
