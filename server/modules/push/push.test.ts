import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { FakePushService, subscribeBrowser } from '../../test/push-service.js';
import { MAX_SUBSCRIPTIONS_PER_RESIDENT } from './push.service.js';

const URL = '/api/v1/public/push/subscriptions';

describe('push subscriptions API', () => {
  let env: TestEnv;
  let pushService: FakePushService;

  async function rows(residentId?: string) {
    return env.ctx.database.db
      .selectFrom('pushSubscriptions')
      .selectAll()
      .$if(residentId !== undefined, (q) => q.where('residentId', '=', residentId ?? ''))
      .execute();
  }

  beforeAll(async () => {
    pushService = await FakePushService.start();
    env = await createTestEnv({ seed: false, env: { WEBPUSH_ENDPOINT_HOSTS: '127.0.0.1,*.push.example' } });
  });
  afterAll(async () => {
    await env.close();
    await pushService.close();
  });

  it("gives the browser the server's VAPID public key", async () => {
    const res = await env.app.inject({ url: '/api/v1/public/push/key' });
    expect(res.statusCode).toBe(200);
    const { publicKey } = res.json<{ publicKey: string }>();
    expect(publicKey).toBe(env.ctx.vapid.publicKey);
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
  });

  it('registers a subscription, creating the resident cookie when there is none', async () => {
    const browser = pushService.browser();
    const res = await env.app.inject({ method: 'POST', url: URL, payload: browser.subscription });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      endpoint: browser.subscription.endpoint,
      createdAt: new Date(env.clock.now()).toISOString(),
    });
    expect(res.cookies.find((c) => c.name === 'kn_resident')?.httpOnly).toBe(true);
    expect(await rows()).toContainEqual(
      expect.objectContaining({ endpoint: browser.subscription.endpoint, ...browser.subscription.keys }),
    );
  });

  it('is idempotent for the same endpoint, and re-binds it to the resident who posts it', async () => {
    const browser = pushService.browser();
    const first = await subscribeBrowser(env, browser);
    await subscribeBrowser(env, browser, first.cookie);
    expect((await rows()).filter((r) => r.endpoint === browser.subscription.endpoint)).toHaveLength(1);
    // The same browser after its cookie was cleared: a new resident, new keys.
    const renewed = { ...browser.subscription, keys: pushService.browser().subscription.keys };
    const res = await env.app.inject({ method: 'POST', url: URL, payload: { ...renewed, expirationTime: null } });
    expect(res.statusCode).toBe(201);
    const bound = (await rows()).filter((r) => r.endpoint === browser.subscription.endpoint);
    expect(bound).toHaveLength(1);
    expect(bound[0]?.residentId).not.toBe(first.residentId);
    expect(bound[0]?.p256dh).toBe(renewed.keys.p256dh);
  });

  it('refuses what is not a browser push subscription, and stores nothing', async () => {
    const { keys, endpoint } = pushService.browser().subscription;
    const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
    const before = await rows();
    const cases: [unknown, string][] = [
      [{ endpoint: endpoint.replace('https:', 'http:'), keys }, 'validation_failed'],
      [{ endpoint: `${endpoint}/${'a'.repeat(1100)}`, keys }, 'validation_failed'],
      [{ endpoint: 'https://', keys }, 'validation_failed'],
      [{ endpoint, keys: { ...keys, auth: 'short' } }, 'validation_failed'],
      [{ endpoint, keys: { ...keys, p256dh: `${keys.p256dh.slice(1)}+` } }, 'validation_failed'],
      [{ endpoint, keys, admin: true }, 'validation_failed'],
      [{ endpoint, keys: { ...keys, p256dh: notOnCurve } }, 'invalid_push_key'],
      [{ endpoint: 'https://10.0.0.1/push/x', keys }, 'push_service_not_allowed'],
      [{ endpoint: 'https://push.example.evil.test/x', keys }, 'push_service_not_allowed'],
    ];
    for (const [payload, code] of cases) {
      const res = await env.app.inject({ method: 'POST', url: URL, payload: payload as object });
      expect([res.statusCode, res.json<{ code: string }>().code], JSON.stringify(payload).slice(0, 120)).toEqual([
        400,
        code,
      ]);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await rows()).toEqual(before);
    const allowed = await env.app.inject({
      method: 'POST',
      url: URL,
      payload: { endpoint: 'https://fcm.push.example/send/abc', keys },
    });
    expect(allowed.statusCode).toBe(201);
  });

  it('keeps the newest subscriptions of a resident', async () => {
    const first = pushService.browser();
    const { cookie, residentId } = await subscribeBrowser(env, first);
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_RESIDENT; i++) {
      env.clock.advance(1000);
      await subscribeBrowser(env, pushService.browser(), cookie);
    }
    const kept = await rows(residentId);
    expect(kept).toHaveLength(MAX_SUBSCRIPTIONS_PER_RESIDENT);
    expect(kept.map((r) => r.endpoint)).not.toContain(first.subscription.endpoint);
  });

  it("unsubscribes only the resident's own endpoint", async () => {
    const mine = pushService.browser();
    const theirs = pushService.browser();
    const me = await subscribeBrowser(env, mine);
    await subscribeBrowser(env, theirs);
    const remove = (endpoint: string, cookie?: string) =>
      env.app.inject({ method: 'DELETE', url: URL, headers: cookie ? { cookie } : {}, payload: { endpoint } });

    expect((await remove(theirs.subscription.endpoint, me.cookie)).json()).toEqual({ ok: true });
    expect((await rows()).map((r) => r.endpoint)).toContain(theirs.subscription.endpoint);
    expect((await remove(mine.subscription.endpoint)).statusCode).toBe(404);
    expect((await remove(mine.subscription.endpoint, me.cookie)).statusCode).toBe(200);
    expect(await rows(me.residentId)).toEqual([]);
  });

  it('rate-limits registrations per address like every public write', async () => {
    const limited = await createTestEnv({
      seed: false,
      env: { WEBPUSH_ENDPOINT_HOSTS: '127.0.0.1', PUBLIC_WRITE_RATE_PER_MINUTE: '2' },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const endpoint = `${pushService.origin}/push/${crypto.randomUUID()}`;
        const payload = { ...pushService.browser().subscription, endpoint };
        statuses.push((await limited.app.inject({ method: 'POST', url: URL, payload })).statusCode);
      }
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      await limited.close();
    }
  });
});
