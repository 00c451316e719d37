import type { ChannelAdapter, OutboundMessage } from '../channels/channel-adapter.js';
import type { AppContext } from '../context.js';
import type { OutboxRow } from '../db/schema/index.js';
import { DeliveryDispatcher, type DeliverySource, type DispatcherOptions } from './dispatcher.js';
import { outboxQueue } from './outbox.repository.js';

/** What the chat outbox needs of the module that queued its messages (conversations). */
export type OutboxSource = DeliverySource<OutboxRow, OutboundMessage>;

/** Sends the chat outbox's messages through their channel adapters (web, Zalo). */
export class OutboxDispatcher extends DeliveryDispatcher<OutboxRow, OutboundMessage> {
  constructor(ctx: AppContext, adapters: ChannelAdapter[], source: OutboxSource, options: DispatcherOptions = {}) {
    super(ctx, outboxQueue, adapters, source, options);
  }
}
