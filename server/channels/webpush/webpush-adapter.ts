import { createHash } from 'node:crypto';
import type https from 'node:https';
import type { AppContext } from '../../context.js';
import type { PushAdapter, PushNotification, SendResult } from '../channel-adapter.js';
import { classifyPushResponse, type EndpointResult } from './push-response.js';
import type { WebPushSubscription, WebPushSubscriptions } from './subscriptions.js';

export interface WebPushAdapterOptions {
  /** TLS agent for the push services (tests: one that trusts the local push service's certificate). */
  agent?: https.Agent;
  /** Per push request: a batch's sends must end well within the dispatcher's lease. */
  timeoutMs?: number;
}

// What a notification shows is short; the payload must stay under the push services' 4 KB.
const MAX_TITLE_CHARS = 120;
const MAX_BODY_CHARS = 240;

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The JSON the service worker reads (public/sw.js). */
export function notificationPayload(n: PushNotification): { title: string; body: string; url: string; tag: string } {
  return { title: clip(n.title, MAX_TITLE_CHARS), body: clip(n.body, MAX_BODY_CHARS), url: n.url, tag: n.tag };
}

/**
 * The Topic header (RFC 8030, at most 32 base64url characters): a push service keeps one
 * undelivered message per topic, so a re-send after a crash replaces the first instead of adding one.
 */
export function topicOf(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 32);
}

/**
 * Web push (RFC 8030/8291/8292) through the `web-push` library: one notification goes to every
 * subscription of the resident, encrypted to each browser's keys and signed with the server's
 * VAPID key. Sent when at least one endpoint accepts it; 404/410 removes a subscription; 429 and
 * 5xx retry after the push service's Retry-After.
 */
export function webPushAdapter(
  ctx: AppContext,
  subscriptions: WebPushSubscriptions,
  options: WebPushAdapterOptions = {},
): PushAdapter {
  const { ttlSeconds, ratePerSecond } = ctx.config.push;
  return {
    channel: 'webpush',
    ratePerSecond,
    async send(notification: PushNotification): Promise<SendResult> {
      const subs = await subscriptions.of(notification.residentId);
      if (!subs.length) return { kind: 'permanent-failure', error: 'no push subscription' };
      // Loaded at the first notification: a server that never sends one never pays for it.
      const { default: webpush } = await import('web-push');
      const payload = JSON.stringify(notificationPayload(notification));
      const requestOptions = {
        vapidDetails: ctx.vapid,
        TTL: ttlSeconds,
        urgency: 'normal' as const,
        topic: topicOf(notification.idempotencyKey),
        timeout: options.timeoutMs ?? 5_000,
        ...(options.agent ? { agent: options.agent } : {}),
      };
      const sendTo = async (sub: WebPushSubscription): Promise<EndpointResult> => {
        const target = { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } };
        try {
          const res = await webpush.sendNotification(target, payload, requestOptions);
          return classifyPushResponse(res.statusCode, res.headers, res.body, ctx.clock.now());
        } catch (err) {
          if (err instanceof webpush.WebPushError) {
            return classifyPushResponse(err.statusCode, err.headers, err.body, ctx.clock.now());
          }
          // Unreachable, timed out, TLS refused: the push service may be back soon.
          return { kind: 'retry', ms: 0 };
        }
      };
      const results = await Promise.all(subs.map(sendTo));
      const ids = (kind: EndpointResult['kind']) => subs.filter((_, i) => results[i]?.kind === kind).map((s) => s.id);
      try {
        await subscriptions.record({
          succeeded: ids('accepted'),
          failed: [...ids('retry'), ...ids('refused')],
          gone: ids('gone'),
          at: ctx.clock.now(),
        });
      } catch (err) {
        // The notification went out (or not) all the same; a retry must not send it twice.
        ctx.reportError('webpush.record', err, { residentId: notification.residentId });
      }
      return outcome(notification, results);
    },
  };
}

/** One result for the resident: sent if any endpoint took it, else retry if any may, else failed. */
function outcome(notification: PushNotification, results: EndpointResult[]): SendResult {
  let retryMs: number | null = null;
  let refusal: string | null = null;
  for (const r of results) {
    switch (r.kind) {
      case 'accepted':
        return { kind: 'sent', channelMessageId: r.location ?? notification.idempotencyKey };
      case 'retry':
        retryMs = Math.max(retryMs ?? 0, r.ms);
        break;
      case 'refused':
        refusal ??= r.error;
        break;
      case 'gone':
        break;
    }
  }
  if (retryMs !== null) return { kind: 'retry-after', ms: retryMs };
  return { kind: 'permanent-failure', error: refusal ?? 'push subscription gone' };
}
