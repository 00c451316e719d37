import type { AppContext } from '../../context.js';
import type { ChannelAdapter, OutboundMessage, SendResult } from '../channel-adapter.js';

/**
 * The project's own portal. The message and its realtime event are committed together, so SSE
 * streams already show it: sending only reports it delivered, and the dispatcher records that with
 * the outcome (idempotent: a retry changes nothing).
 */
export function webAdapter(ctx: AppContext): ChannelAdapter {
  return {
    channel: 'web',
    // Nothing leaves the process: the limit only keeps a backlog from starving other work.
    ratePerSecond: 5000,
    send(message: OutboundMessage): Promise<SendResult> {
      return Promise.resolve({ kind: 'sent', channelMessageId: message.messageId, deliveredAt: ctx.clock.now() });
    },
  };
}
