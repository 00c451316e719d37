import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InviteInfo, Me } from '../../../contracts/accounts.js';
import { currentTotp } from '../../lib/totp.js';
import { createOfficer, createTestEnv, nextTotp, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { issueSetupLinkIfNoAdmin } from './accounts.service.js';

describe('sign-in', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await createTestEnv();
  });
  afterEach(async () => env.close());

  const login = (payload: Record<string, unknown>) =>
    env.app.inject({ method: 'POST', url: '/api/v1/console/session', payload });

  it('asks owners for a TOTP code after the password, then opens a session', async () => {
    const owner = await createOfficer(env, 'owner', 'thach-binh');
    const first = await login({ username: owner.username, password: owner.password });
    expect(first.statusCode).toBe(401);
    expect(first.json()).toMatchObject({ code: 'totp_required' });
    const ok = await login({ username: owner.username, password: owner.password, totp: nextTotp(env, owner) });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'kn_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await env.app.inject({ url: '/api/v1/console/me', headers: { cookie: `kn_session=${cookie?.value}` } });
    expect(me.json<Me>()).toMatchObject({
      officer: { username: owner.username, totpEnabled: true },
      roles: [{ role: 'owner', unitName: 'CAX Thạch Bình' }],
    });
  });

  it('refuses a replayed TOTP code', async () => {
    const owner = await createOfficer(env, 'owner', 'thach-binh');
    const code = nextTotp(env, owner);
    expect((await login({ username: owner.username, password: owner.password, totp: code })).statusCode).toBe(200);
    const replay = await login({ username: owner.username, password: owner.password, totp: code });
    expect(replay.json()).toMatchObject({ code: 'invalid_totp' });
  });

  it('lets plain officers in with a password only', async () => {
    const officer = await createOfficer(env, 'officer', 'thach-binh');
    expect((await login({ username: officer.username, password: officer.password })).statusCode).toBe(200);
  });

  it('makes one address wait after 5 wrong passwords, then lets the right one in', async () => {
    const officer = await createOfficer(env, 'officer', 'nam-ha');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await login({ username: officer.username, password: 'wrong password' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const waiting = await login({ username: officer.username, password: officer.password });
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json()).toMatchObject({ code: 'login_throttled' });
    expect(waiting.headers['retry-after']).toBe('15');
    expect(waiting.headers['content-type']).toContain('application/problem+json');
    env.clock.advance(15_000);
    expect((await login({ username: officer.username, password: officer.password })).statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const strict = await createTestEnv({ seed: false, env: { LOGIN_RATE_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (
            await strict.app.inject({
              method: 'POST',
              url: '/api/v1/console/session',
              payload: { username: 'nobody', password: 'x' },
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await strict.close();
    }
  });

  it('signs out: the cookie stops working', async () => {
    const officer = await createOfficer(env, 'officer', 'nam-ha');
    const cookie = await signIn(env, officer);
    expect(
      (await env.app.inject({ method: 'DELETE', url: '/api/v1/console/session', headers: { cookie } })).statusCode,
    ).toBe(200);
    expect((await env.app.inject({ url: '/api/v1/console/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('expires idle sessions', async () => {
    const cookie = await signIn(env, await createOfficer(env, 'officer', 'nam-ha'));
    env.clock.advance(13 * 3600_000);
    expect((await env.app.inject({ url: '/api/v1/console/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('invites and officer management', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await createTestEnv();
  });
  afterEach(async () => env.close());

  async function accept(url: string, username: string, withTotp = true) {
    const token = url.split('/').pop() ?? '';
    const info = await env.app.inject({ url: `/api/v1/console/invites/${token}` });
    expect(info.statusCode).toBe(200);
    const invite = info.json<InviteInfo>();
    env.clock.advance(30_000);
    const totp = withTotp && invite.totpSecret ? currentTotp(invite.totpSecret, env.clock.now()) : undefined;
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/invites/${token}/accept`,
      payload: { username, password: 'a long enough password', ...(totp ? { totp } : {}) },
    });
    return { invite, res, totpSecret: invite.totpSecret };
  }

  it('creates the first admin from the one-time setup link, with 2FA', async () => {
    const url = await issueSetupLinkIfNoAdmin(env.ctx);
    expect(url).toMatch(/\/console\/invite\/[\w-]{40,}$/);
    const noCode = await accept(url ?? '', 'chief', false);
    expect(noCode.invite).toMatchObject({ role: 'admin', totpRequired: true });
    expect(noCode.res.json()).toMatchObject({ code: 'totp_required' });
    const { res, totpSecret } = await accept(url ?? '', 'chief');
    expect(res.statusCode).toBe(201);
    expect(await issueSetupLinkIfNoAdmin(env.ctx)).toBeNull();
    // The link is single-use.
    expect((await env.app.inject({ url: `/api/v1/console/invites/${url?.split('/').pop()}` })).statusCode).toBe(410);
    env.clock.advance(30_000);
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/v1/console/session',
      payload: {
        username: 'chief',
        password: 'a long enough password',
        totp: currentTotp(totpSecret ?? '', env.clock.now()),
      },
    });
    expect(login.statusCode).toBe(200);
  });

  it('lets an owner invite an officer, who then signs in; the owner can disable them', async () => {
    const unit = await unitBySlug(env, 'van-yen');
    const owner = await signIn(env, await createOfficer(env, 'owner', 'van-yen'));
    const invite = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${unit.id}/invites`,
      headers: { cookie: owner },
      payload: { role: 'officer', displayName: 'Nguyễn Văn An' },
    });
    expect(invite.statusCode).toBe(201);
    const { res } = await accept(invite.json<{ url: string }>().url, 'an.nv');
    expect(res.statusCode).toBe(201);
    const officers = await env.app.inject({
      url: `/api/v1/console/units/${unit.id}/officers`,
      headers: { cookie: owner },
    });
    const an = officers
      .json<{ items: { id: string; username: string; displayName: string }[] }>()
      .items.find((o) => o.username === 'an.nv');
    expect(an?.displayName).toBe('Nguyễn Văn An');
    const anCookie = await signIn(env, {
      id: an?.id ?? '',
      username: 'an.nv',
      password: 'a long enough password',
      totpSecret: null,
    });

    const disable = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/console/units/${unit.id}/officers/${an?.id}`,
      headers: { cookie: owner },
      payload: { disabled: true },
    });
    expect(disable.json()).toMatchObject({ disabled: true });
    expect((await env.app.inject({ url: '/api/v1/console/me', headers: { cookie: anCookie } })).statusCode).toBe(401);
    const relogin = await env.app.inject({
      method: 'POST',
      url: '/api/v1/console/session',
      payload: { username: 'an.nv', password: 'a long enough password' },
    });
    expect(relogin.json()).toMatchObject({ code: 'account_disabled' });
  });

  it('refuses what owners may not hand out, and taken usernames', async () => {
    const unit = await unitBySlug(env, 'van-yen');
    const ownerOfficer = await createOfficer(env, 'owner', 'van-yen');
    const owner = await signIn(env, ownerOfficer);
    const asOwner = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${unit.id}/invites`,
      headers: { cookie: owner },
      payload: { role: 'owner', displayName: 'Phó trưởng' },
    });
    expect(asOwner.statusCode).toBe(403);
    const invite = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${unit.id}/invites`,
      headers: { cookie: owner },
      payload: { role: 'officer', displayName: 'Lê Thị Bình' },
    });
    const { res } = await accept(invite.json<{ url: string }>().url, ownerOfficer.username);
    expect(res.statusCode).toBe(409);
    const self = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/console/units/${unit.id}/officers/${ownerOfficer.id}`,
      headers: { cookie: owner },
      payload: { disabled: true },
    });
    expect(self.statusCode).toBe(403);
  });
});
