import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZaloConsole, ZaloTestResult } from '../../../contracts/zalo.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { FakeZalo } from '../../test/fake-zalo.js';
import { ZALO_OAUTH_TTL_MS } from './zalo-console.service.js';

// The console's Zalo page against a fake Zalo over real HTTP: connect through the consent page
// (PKCE, single-use state), paste tokens, send a test message, disconnect; owners only.

describe('console: Zalo OA connection', { timeout: 120_000 }, () => {
  let env: TestEnv;
  let fake: FakeZalo;
  let owner: string;
  let officer: string;
  let otherOwner: string;
  let secondOwner: string;
  let unitId: string;
  const base = () => `/api/v1/console/units/${unitId}/zalo`;

  beforeAll(async () => {
    fake = await FakeZalo.start();
    env = await createTestEnv({ env: { ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url } });
    unitId = (await unitBySlug(env, 'thach-trung')).id;
    owner = await signIn(env, await createOfficer(env, 'owner', 'thach-trung'));
    secondOwner = await signIn(env, await createOfficer(env, 'owner', 'thach-trung'));
    officer = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    otherOwner = await signIn(env, await createOfficer(env, 'owner', 'dai-nai'));
  });
  afterAll(async () => {
    await env.close();
    await fake.close();
  });

  const call = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    env.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const credentials = () => ({ appId: fake.oa.appId, appSecret: fake.oa.appSecret, oaSecretKey: fake.oa.oaSecretKey });

  /** Starts a connect and follows the fake consent page; the callback path and query Zalo sends back. */
  async function consent(cookie = owner): Promise<string> {
    const started = await call(cookie, 'POST', `${base()}/oauth/start`, credentials());
    expect(started.statusCode, started.body).toBe(200);
    const { consentUrl } = started.json<{ consentUrl: string }>();
    expect(consentUrl.startsWith(`${fake.url}/v4/oa/permission?`)).toBe(true);
    const url = new URL(consentUrl);
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:3000/console/zalo/callback');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const back = await fetch(consentUrl, { redirect: 'manual' });
    const location = new URL(back.headers.get('location') ?? '');
    return location.pathname + location.search;
  }

  it('shows nothing connected yet, with the webhook and callback URLs to register', async () => {
    const res = await call(owner, 'GET', base());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ZaloConsole>()).toEqual({
      connection: null,
      webhookUrl: 'http://localhost:3000/webhooks/zalo',
      callbackUrl: 'http://localhost:3000/console/zalo/callback',
    });
  });

  it('refuses officers (403) and owners of another unit (404)', async () => {
    expect((await call(officer, 'GET', base())).statusCode).toBe(403);
    expect((await call(officer, 'POST', `${base()}/oauth/start`, credentials())).statusCode).toBe(403);
    expect((await call(otherOwner, 'GET', base())).statusCode).toBe(404);
    const res = await call(otherOwner, 'POST', `${base()}/test`, { zaloUserId: '1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('connects through the consent page: state checked, code exchanged with PKCE, audited', async () => {
    const callback = await consent();
    const done = await call(owner, 'GET', callback);
    expect(done.statusCode, done.body).toBe(303);
    expect(done.headers.location).toBe(`/console/units/${unitId}/zalo?zalo=connected`);
    const seen = (await call(owner, 'GET', base())).json<ZaloConsole>();
    expect(seen.connection).toMatchObject({ oaId: fake.oa.oaId, appId: fake.oa.appId, lastError: null });
    expect(seen.connection?.accessTokenExpiresAt).not.toBeNull();
    const body = JSON.stringify(seen);
    for (const secret of Object.values(credentials()).slice(1)) expect(body).not.toContain(secret);
    const token = fake.requests.find((r) => r.endpoint === 'token');
    expect(new URLSearchParams(token?.body.toString()).get('code_verifier')).toMatch(/^[\w-]{43}$/);
    const actions = await env.ctx.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('unitId', '=', unitId)
      .where('action', 'like', 'zalo.%')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['zalo.oauth_start', 'zalo.connect']);
    // The same callback again (a replay, a reload) finds nothing waiting.
    const replay = await call(owner, 'GET', callback);
    expect(replay.headers.location).toBe('/console?zalo=invalid_state');
  });

  it('refuses a forged state, another officer’s state and an expired one', async () => {
    const forged = await call(owner, 'GET', '/console/zalo/callback?code=abc&oa_id=1&state=forged');
    expect(forged.headers.location).toBe('/console?zalo=invalid_state');
    const callback = await consent();
    const stolen = await call(secondOwner, 'GET', callback);
    expect(stolen.headers.location).toBe(`/console/units/${unitId}/zalo?zalo=wrong_officer`);
    env.clock.advance(ZALO_OAUTH_TTL_MS);
    const late = await call(owner, 'GET', callback);
    expect(late.headers.location).toBe(`/console/units/${unitId}/zalo?zalo=expired_state`);
    expect(await env.ctx.database.db.selectFrom('zaloOauthPending').selectAll().execute()).toEqual([]);
  });

  it('tells a refused code exchange apart, with Zalo’s code', async () => {
    const callback = await consent();
    const res = await call(owner, 'GET', callback.replace(/code=[^&]+/, 'code=not-a-code'));
    expect(res.headers.location).toBe(`/console/units/${unitId}/zalo?zalo=exchange_failed&zaloCode=-14019`);
  });

  it('relays a callback that arrived without the session cookie, then asks to sign in', async () => {
    const res = await env.app.inject({ url: '/console/zalo/callback?code=a&oa_id=1&state=s' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('url=/console/zalo/callback?code=a&amp;oa_id=1&amp;state=s&amp;relay=1');
    const again = await env.app.inject({ url: '/console/zalo/callback?code=a&oa_id=1&state=s&relay=1' });
    expect(again.headers.location).toBe('/console/login');
  });

  it('sends a test message and shows Zalo’s refusal readably', async () => {
    const ok = await call(owner, 'POST', `${base()}/test`, { zaloUserId: '7677597454271532329' });
    expect(ok.json<ZaloTestResult>()).toMatchObject({ sent: true, error: null });
    expect(fake.sent.at(-1)).toMatchObject({ oaId: fake.oa.oaId, recipientId: '7677597454271532329' });
    fake.refuseUser('1111', -230);
    const refused = await call(owner, 'POST', `${base()}/test`, { zaloUserId: '1111', text: 'Chào' });
    expect(refused.json<ZaloTestResult>()).toEqual({
      sent: false,
      messageId: null,
      error: { code: 'zalo:-230', zaloCode: -230, message: 'User has not interacted with the OA in the past 7 days' },
    });
    const seen = (await call(owner, 'GET', base())).json<ZaloConsole>();
    expect(seen.connection?.lastError).toContain('zalo:-230');
  });

  it('refreshes a refused token once and still sends the test message', async () => {
    const before = fake.refreshCount();
    const last = fake.requests.filter((r) => r.endpoint === 'cs').at(-1);
    fake.expireAccessToken(String(last?.headers.access_token));
    const res = await call(owner, 'POST', `${base()}/test`, { zaloUserId: '2222' });
    expect(res.json<ZaloTestResult>()).toMatchObject({ sent: true });
    expect(fake.refreshCount()).toBe(before + 1);
  });

  it('connects with pasted tokens, then disconnects', async () => {
    const pair = fake.issueTokens();
    const pasted = {
      oaId: fake.oa.oaId,
      appId: fake.oa.appId,
      appSecret: fake.oa.appSecret,
      oaSecretKey: fake.oa.oaSecretKey,
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
    };
    expect((await call(officer, 'POST', `${base()}/tokens`, pasted)).statusCode).toBe(403);
    const res = await call(owner, 'POST', `${base()}/tokens`, pasted);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ accessTokenExpiresAt: string | null }>().accessTokenExpiresAt).toBeNull();
    expect(res.body).not.toContain(pair.accessToken);
    const bad = await call(owner, 'POST', `${base()}/tokens`, { ...pasted, oaId: 'OA' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ detail: string }>().detail).toContain('oaId');
    expect((await call(officer, 'DELETE', base())).statusCode).toBe(403);
    expect((await call(owner, 'DELETE', base())).statusCode).toBe(204);
    expect((await call(owner, 'GET', base())).json<ZaloConsole>().connection).toBeNull();
    const test = await call(owner, 'POST', `${base()}/test`, { zaloUserId: '1' });
    expect(test.statusCode).toBe(409);
  });
});
