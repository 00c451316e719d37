import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPushSubscriptions } from '../../modules/push/push-subscriptions.store.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { FakePushService, subscribeBrowser, verifyVapid } from '../../test/push-service.js';
import type { PushAdapter, PushNotification } from '../channel-adapter.js';
import { retryAfterMs } from './push-response.js';
import { topicOf, webPushAdapter } from './webpush-adapter.js';

// The web push channel against a push service over real HTTPS on 127.0.0.1, trusted through the
// adapter's agent only: what leaves the server is decrypted with the fake browser's own keys.

describe('web push channel', () => {
  let env: TestEnv;
  let pushService: FakePushService;
  let adapter: PushAdapter;

  function notification(residentId: string, title = 'Cảnh báo lừa đảo qua điện thoại'): PushNotification {
    return {
      idempotencyKey: `post:p-1:${residentId}:webpush`,
      unitId: 'u-1',
      postId: 'p-1',
      residentId,
      title,
      body: 'Công an phường Thạch Trung cảnh báo: không chuyển tiền cho người tự xưng là công an.',
      url: '/tin-tuc/p-1',
      tag: 'post-p-1',
    };
  }

  async function subscriptionsOf(residentId: string) {
    return env.ctx.database.db
      .selectFrom('pushSubscriptions')
      .selectAll()
      .where('residentId', '=', residentId)
      .execute();
  }

  beforeAll(async () => {
    pushService = await FakePushService.start();
    env = await createTestEnv({ seed: false, env: { WEBPUSH_ENDPOINT_HOSTS: '127.0.0.1', WEBPUSH_TTL_HOURS: '6' } });
    adapter = webPushAdapter(env.ctx, webPushSubscriptions(env.ctx), { agent: pushService.agent });
  });
  afterAll(async () => {
    await env.close();
    await pushService.close();
  });

  it('sends an encrypted, VAPID-signed notification to every browser of the resident', async () => {
    const phone = pushService.browser();
    const laptop = pushService.browser();
    const { cookie, residentId } = await subscribeBrowser(env, phone);
    await subscribeBrowser(env, laptop, cookie);
    const before = pushService.received.length;

    const n = notification(residentId);
    const result = await adapter.send(n);

    expect(result).toMatchObject({ kind: 'sent' });
    expect(result.kind === 'sent' && result.channelMessageId).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/messages\//);
    expect(pushService.received).toHaveLength(before + 2);
    for (const browser of [phone, laptop]) {
      const [request] = pushService.requestsTo(browser);
      expect(request?.headers).toMatchObject({
        ttl: String(6 * 3600),
        urgency: 'normal',
        topic: topicOf(n.idempotencyKey),
        'content-encoding': 'aes128gcm',
      });
      const { publicKey, claims } = verifyVapid(request?.headers.authorization);
      expect(publicKey).toBe(env.ctx.vapid.publicKey);
      expect(claims).toMatchObject({ aud: pushService.origin, sub: env.ctx.config.push.subject });
      expect(claims.exp * 1000).toBeGreaterThan(Date.now());
      expect(JSON.parse(browser.decrypt(request?.body ?? Buffer.alloc(0)))).toEqual({
        title: n.title,
        body: n.body,
        url: '/tin-tuc/p-1',
        tag: 'post-p-1',
      });
    }
    expect((await subscriptionsOf(residentId)).map((s) => s.lastSuccessAt)).toEqual([env.clock.now(), env.clock.now()]);
  });

  it('removes a subscription whose push service answers 410 or 404, and fails when none is left', async () => {
    const gone = pushService.browser();
    const unknown = pushService.browser();
    const { cookie, residentId } = await subscribeBrowser(env, gone);
    await subscribeBrowser(env, unknown, cookie);
    pushService.answer(gone, { status: 410 });
    pushService.answer(unknown, { status: 404 });

    expect(await adapter.send(notification(residentId))).toEqual({
      kind: 'permanent-failure',
      error: 'push subscription gone',
    });
    expect(await subscriptionsOf(residentId)).toEqual([]);
    expect(await adapter.send(notification(residentId))).toEqual({
      kind: 'permanent-failure',
      error: 'no push subscription',
    });
  });

  it("retries after the push service's Retry-After on 429 and 5xx, keeping the subscription", async () => {
    const busy = pushService.browser();
    const { residentId } = await subscribeBrowser(env, busy);
    pushService.answer(busy, { status: 429, headers: { 'retry-after': '120' } }, { status: 503 });

    expect(await adapter.send(notification(residentId))).toEqual({ kind: 'retry-after', ms: 120_000 });
    expect(await adapter.send(notification(residentId))).toEqual({ kind: 'retry-after', ms: 0 });
    const [sub] = await subscriptionsOf(residentId);
    expect(sub?.failedAt).toBe(env.clock.now());
    expect(await adapter.send(notification(residentId))).toMatchObject({ kind: 'sent' });
  });

  it('counts as sent when one browser takes it while another is down', async () => {
    const ok = pushService.browser();
    const down = pushService.browser();
    const { cookie, residentId } = await subscribeBrowser(env, ok);
    await subscribeBrowser(env, down, cookie);
    pushService.answer(down, { status: 500 });
    expect(await adapter.send(notification(residentId))).toMatchObject({ kind: 'sent' });
    expect(await subscriptionsOf(residentId)).toHaveLength(2);
  });

  it('fails for good on a refusal that would repeat (400: bad token or payload)', async () => {
    const browser = pushService.browser();
    const { residentId } = await subscribeBrowser(env, browser);
    pushService.answer(browser, { status: 400 });
    expect(await adapter.send(notification(residentId))).toEqual({
      kind: 'permanent-failure',
      error: 'push service answered 400',
    });
  });

  it('shortens long titles and bodies so the payload stays small', async () => {
    const browser = pushService.browser();
    const { residentId } = await subscribeBrowser(env, browser);
    await adapter.send({ ...notification(residentId, 'Đ'.repeat(500)), body: 'ơ'.repeat(5000) });
    const [request] = pushService.requestsTo(browser);
    const payload = JSON.parse(browser.decrypt(request?.body ?? Buffer.alloc(0))) as { title: string; body: string };
    expect([...payload.title]).toHaveLength(120);
    expect([...payload.body]).toHaveLength(240);
    expect(payload.body.endsWith('…')).toBe(true);
  });

  it('reads Retry-After as seconds or as a date, within an hour', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 01 Mar 2026 00:02:00 GMT', now)).toBe(120_000);
    expect(retryAfterMs('999999', now)).toBe(3600_000);
    expect(retryAfterMs('soon', now)).toBe(0);
    expect(retryAfterMs(undefined, now)).toBe(0);
  });
});
