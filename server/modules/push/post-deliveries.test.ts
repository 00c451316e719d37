import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushAdapter } from '../../channels/channel-adapter.js';
import { topicOf, webPushAdapter } from '../../channels/webpush/webpush-adapter.js';
import type { PostDeliveryRow } from '../../db/schema/index.js';
import { DeliveryDispatcher } from '../../jobs/dispatcher.js';
import { newId } from '../../lib/ids.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { FakePushService, subscribeBrowser, type FakeBrowser } from '../../test/push-service.js';
import { enqueuePostDeliveries, postDeliveryQueue } from './post-deliveries.repository.js';
import {
  postDeliveries,
  postDeliveryDispatcher,
  postDeliveryKey,
  type PostDeliverySource,
  type PostNotification,
} from './post-delivery-source.js';
import { webPushSubscriptions } from './push-subscriptions.store.js';

// The broadcast queue end to end: enqueue in a transaction, claim, send through the web push
// channel to a local HTTPS push service, record. The broadcasts module's port is a test double.

describe('post deliveries', () => {
  let env: TestEnv;
  let pushService: FakePushService;
  const unitId = 'unit-thach-trung';

  /** The broadcasts module's port: posts by id; a post missing from the map is retracted. */
  function postsSource(posts: Record<string, PostNotification>): PostDeliverySource {
    return {
      notificationsFor: (rows) =>
        Promise.resolve(
          new Map(rows.flatMap((r) => (posts[r.postId] ? [[r.id, posts[r.postId] as PostNotification] as const] : []))),
        ),
    };
  }

  function dispatcher(source: PostDeliverySource, queue = postDeliveryQueue) {
    const adapter = webPushAdapter(env.ctx, webPushSubscriptions(env.ctx), { agent: pushService.agent });
    return new DeliveryDispatcher(env.ctx, queue, [adapter], postDeliveries(env.ctx, source), {
      leaseMs: 30_000,
      concurrency: 4,
      random: () => 0.5,
    });
  }

  async function publish(postId: string, residentIds: string[]): Promise<void> {
    await env.ctx.database.transaction((trx) =>
      enqueuePostDeliveries(trx, {
        unitId,
        postId,
        recipients: trx.selectFrom('residents').select('id as residentId').where('id', 'in', residentIds),
        channel: 'webpush',
        now: env.clock.now(),
      }),
    );
  }

  async function deliveriesOf(postId: string): Promise<PostDeliveryRow[]> {
    return env.ctx.database.db
      .selectFrom('postDeliveries')
      .selectAll()
      .where('postId', '=', postId)
      .orderBy('id')
      .execute();
  }

  async function subscribed(count: number): Promise<{ residentId: string; browser: FakeBrowser }[]> {
    const out = [];
    for (let i = 0; i < count; i++) {
      const browser = pushService.browser();
      out.push({ ...(await subscribeBrowser(env, browser)), browser });
    }
    return out;
  }

  beforeAll(async () => {
    pushService = await FakePushService.start();
    env = await createTestEnv({ seed: false, env: { WEBPUSH_ENDPOINT_HOSTS: '127.0.0.1' } });
  });
  afterAll(async () => {
    await env.close();
    await pushService.close();
  });

  it('enqueues one row per subscribed recipient, and enqueueing again adds none', async () => {
    const residents = await subscribed(3);
    const ids = residents.map((r) => r.residentId);
    const unsubscribed = newId();
    await env.ctx.database.transaction((trx) =>
      trx
        .insertInto('residents')
        .values({ id: unsubscribed, tokenHash: null, displayName: null, phone: null, createdAt: 0, updatedAt: 0 })
        .execute(),
    );
    const postId = newId();
    await publish(postId, [...ids, unsubscribed]);
    await publish(postId, [...ids, unsubscribed]);
    // Recipients may also be SQL text naming resident_id (and may repeat a resident, e.g. two groups).
    await env.ctx.database.transaction((trx) =>
      enqueuePostDeliveries(trx, {
        unitId,
        postId,
        recipients: sql<{
          residentId: string;
        }>`select resident_id from push_subscriptions union all select resident_id from push_subscriptions`,
        channel: 'webpush',
        now: env.clock.now(),
      }),
    );
    const rows = await deliveriesOf(postId);
    expect(rows.map((r) => r.residentId).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 0 && r.unitId === unitId)).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    for (const r of rows) expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await env.ctx.database.transaction((trx) => trx.deleteFrom('postDeliveries').execute());
  });

  it('delivers a published post to every subscribed follower through the push service', async () => {
    const residents = await subscribed(5);
    const postId = newId();
    await publish(
      postId,
      residents.map((r) => r.residentId),
    );
    const before = pushService.received.length;
    const d = dispatcher(
      postsSource({
        [postId]: { title: 'Truy tìm người mất tích', body: 'Cháu Lê Văn A, 9 tuổi…', url: `/tin-tuc/${postId}` },
      }),
    );

    expect(await d.runOnce()).toBe(5);
    expect(pushService.received).toHaveLength(before + 5);
    for (const { browser } of residents) {
      const [request] = pushService.requestsTo(browser);
      expect(JSON.parse(browser.decrypt(request?.body ?? Buffer.alloc(0)))).toMatchObject({
        title: 'Truy tìm người mất tích',
        url: `/tin-tuc/${postId}`,
        tag: `post-${postId}`,
      });
    }
    const rows = await deliveriesOf(postId);
    expect(rows.map((r) => [r.status, r.attempts, r.sentAt, r.claimedUntil])).toEqual(
      Array(5).fill(['sent', 1, env.clock.now(), null]),
    );
    env.clock.advance(60_000);
    expect(await d.runOnce()).toBe(0);
    expect(pushService.received).toHaveLength(before + 5);
  });

  it('after a crash between sending and marking, re-sends once the lease ends, with the same key, in the same row', async () => {
    const [resident] = await subscribed(1);
    if (!resident) throw new Error('no resident');
    const postId = newId();
    await publish(postId, [resident.residentId]);
    const source = postsSource({
      [postId]: { title: 'Cảnh báo', body: 'Lừa đảo qua mạng', url: `/tin-tuc/${postId}` },
    });
    // The process dies after the push service took the message, before the outcome is committed.
    const crashing = { ...postDeliveryQueue, markSent: () => Promise.reject(new Error('SIGKILL')) };

    await expect(dispatcher(source, crashing).runOnce()).rejects.toThrow('SIGKILL');
    expect(pushService.requestsTo(resident.browser)).toHaveLength(1);
    const [claimed] = await deliveriesOf(postId);
    expect(claimed).toMatchObject({ status: 'pending', attempts: 1, claimedUntil: env.clock.now() + 30_000 });

    // A restarted worker leaves the row alone while the dead one's lease lasts…
    const restarted = dispatcher(source);
    env.clock.advance(29_000);
    expect(await restarted.runOnce()).toBe(0);
    // …then sends it again with the same key (the push service's Topic, the notification's tag).
    env.clock.advance(2_000);
    expect(await restarted.runOnce()).toBe(1);
    const requests = pushService.requestsTo(resident.browser);
    expect(requests).toHaveLength(2);
    const key = postDeliveryKey({ postId, residentId: resident.residentId, channel: 'webpush' });
    expect(requests.map((r) => r.headers.topic)).toEqual([topicOf(key), topicOf(key)]);
    expect(requests.map((r) => (JSON.parse(resident.browser.decrypt(r.body)) as { tag: string }).tag)).toEqual([
      `post-${postId}`,
      `post-${postId}`,
    ]);
    const rows = await deliveriesOf(postId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: claimed?.id, status: 'sent', attempts: 2 });
  });

  it('fails the delivery and forgets the subscription when the browser has unsubscribed (410)', async () => {
    const [resident] = await subscribed(1);
    if (!resident) throw new Error('no resident');
    const postId = newId();
    await publish(postId, [resident.residentId]);
    pushService.answer(resident.browser, { status: 410 });
    await dispatcher(postsSource({ [postId]: { title: 'T', body: 'B', url: '/' } })).runOnce();
    expect((await deliveriesOf(postId))[0]).toMatchObject({ status: 'failed', lastError: 'push subscription gone' });
    const left = await env.ctx.database.db
      .selectFrom('pushSubscriptions')
      .select('id')
      .where('residentId', '=', resident.residentId)
      .execute();
    expect(left).toEqual([]);
  });

  it('retries a busy push service with back-off, and sends nothing for a retracted post', async () => {
    const [busy, other] = await subscribed(2);
    if (!busy || !other) throw new Error('no residents');
    const live = newId();
    const retracted = newId();
    await publish(live, [busy.residentId]);
    await publish(retracted, [other.residentId]);
    pushService.answer(busy.browser, { status: 503, headers: { 'retry-after': '10' } });
    const d = dispatcher(postsSource({ [live]: { title: 'T', body: 'B', url: '/' } }));

    expect(await d.runOnce()).toBe(2);
    expect((await deliveriesOf(live))[0]).toMatchObject({
      status: 'pending',
      nextAttemptAt: env.clock.now() + 10_000,
      lastError: 'retry after 10000 ms',
    });
    expect((await deliveriesOf(retracted))[0]).toMatchObject({ status: 'failed', lastError: 'message not found' });
    expect(pushService.requestsTo(other.browser)).toEqual([]);
    env.clock.advance(10_000);
    expect(await d.runOnce()).toBe(1);
    expect((await deliveriesOf(live))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('two workers claiming at once never take the same row', async () => {
    const residents = await subscribed(12);
    const postId = newId();
    await publish(
      postId,
      residents.map((r) => r.residentId),
    );
    const sent: string[] = [];
    const counting: PushAdapter = {
      channel: 'webpush',
      ratePerSecond: 1000,
      send: (n) => {
        sent.push(n.residentId);
        return Promise.resolve({ kind: 'sent', channelMessageId: n.idempotencyKey });
      },
    };
    const source = postDeliveries(env.ctx, postsSource({ [postId]: { title: 'T', body: 'B', url: '/' } }));
    const workers = [1, 2].map(
      () => new DeliveryDispatcher(env.ctx, postDeliveryQueue, [counting], source, { batch: 5 }),
    );
    let handled = 0;
    for (let pass = 0; pass < 3; pass++) {
      const counts = await Promise.all(workers.map((w) => w.runOnce()));
      handled += counts.reduce((a, b) => a + b, 0);
    }
    expect(handled).toBe(12);
    expect([...sent].sort()).toEqual(residents.map((r) => r.residentId).sort());
    expect((await deliveriesOf(postId)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('counts outcomes and the queue depth in /metrics', async () => {
    const residents = await subscribed(2);
    const postId = newId();
    await publish(
      postId,
      residents.map((r) => r.residentId),
    );
    const metrics = async () =>
      (await env.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).body
        .split('\n')
        .filter((l) => l.startsWith('ketnoi_deliver'));
    expect(await metrics()).toContain('ketnoi_delivery_queue_depth{queue="post_deliveries",channel="webpush"} 2');
    await postDeliveryDispatcher(
      env.ctx,
      [webPushAdapter(env.ctx, webPushSubscriptions(env.ctx), { agent: pushService.agent })],
      postsSource({ [postId]: { title: 'T', body: 'B', url: '/' } }),
    ).runOnce();
    const lines = await metrics();
    expect(
      lines.some((l) =>
        /^ketnoi_deliveries_total\{queue="post_deliveries",channel="webpush",outcome="sent"\} \d+$/.test(l),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith('ketnoi_delivery_queue_depth{queue="post_deliveries"'))).toBe(false);
  });
});
