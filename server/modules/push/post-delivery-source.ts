import type { PushAdapter, PushNotification } from '../../channels/channel-adapter.js';
import type { AppContext } from '../../context.js';
import type { PostDeliveryRow } from '../../db/schema/index.js';
import { DeliveryDispatcher, type DeliverySource, type DispatcherOptions } from '../../jobs/dispatcher.js';
import { postDeliveryQueue } from './post-deliveries.repository.js';

/** What a notification about a post says. */
export interface PostNotification {
  title: string;
  body: string;
  /** Path in the portal the notification opens, e.g. the post's page. */
  url: string;
}

/**
 * The port the broadcasts module implements: the notification for each claimed delivery, by
 * delivery id. A post that is no longer published (retracted, expired, gone) maps to nothing, and
 * its deliveries fail instead of being sent.
 */
export interface PostDeliverySource {
  notificationsFor(rows: PostDeliveryRow[]): Promise<Map<string, PostNotification>>;
}

/** Stable per row: a re-send after a crash carries the same key. */
export function postDeliveryKey(row: Pick<PostDeliveryRow, 'postId' | 'residentId' | 'channel'>): string {
  return `post:${row.postId}:${row.residentId}:${row.channel}`;
}

/** Turns the broadcasts module's port into the dispatcher's: push notifications with their keys and tags. */
export function postDeliveries(
  ctx: AppContext,
  source: PostDeliverySource,
): DeliverySource<PostDeliveryRow, PushNotification> {
  return {
    async messagesFor(rows) {
      const found = await source.notificationsFor(rows);
      const out = new Map<string, PushNotification>();
      for (const row of rows) {
        const n = found.get(row.id);
        if (!n) continue;
        out.set(row.id, {
          idempotencyKey: postDeliveryKey(row),
          unitId: row.unitId,
          postId: row.postId,
          residentId: row.residentId,
          title: n.title,
          body: n.body,
          url: n.url,
          tag: `post-${row.postId}`,
        });
      }
      return out;
    },
    // The row's status is the record: nothing else to update.
    delivered: () => Promise.resolve(),
    failed(_trx, row, reason) {
      // Expected often (a browser unsubscribed, a post retracted): not a warning.
      ctx.log.debug(
        { postId: row.postId, residentId: row.residentId, channel: row.channel, reason },
        'post not delivered',
      );
      return Promise.resolve();
    },
  };
}

/** The dispatcher of post deliveries over the push channels' adapters. */
export function postDeliveryDispatcher(
  ctx: AppContext,
  adapters: PushAdapter[],
  source: PostDeliverySource,
  options: DispatcherOptions = {},
): DeliveryDispatcher<PostDeliveryRow, PushNotification> {
  return new DeliveryDispatcher(ctx, postDeliveryQueue, adapters, postDeliveries(ctx, source), options);
}
