import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResetLinkInfo } from '../../../contracts/accounts.js';
import { currentTotp } from '../../lib/totp.js';
import {
  createOfficer,
  createTestEnv,
  nextTotp,
  signIn,
  unitBySlug,
  type TestEnv,
  type TestOfficer,
} from '../../test/helper.js';

describe('password and 2FA reset links', () => {
  let env: TestEnv;
  let unit: { id: string };
  let owner: string;
  beforeEach(async () => {
    env = await createTestEnv();
    unit = await unitBySlug(env, 'van-yen');
    owner = await signIn(env, await createOfficer(env, 'owner', 'van-yen'));
  });
  afterEach(async () => env.close());

  async function issue(cookie: string, officerId: string, kind: string) {
    return env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${unit.id}/officers/${officerId}/reset-links`,
      headers: { cookie },
      payload: { kind },
    });
  }
  async function issued(cookie: string, officerId: string, kind: string): Promise<string> {
    const r = await issue(cookie, officerId, kind);
    expect(r.statusCode, r.body).toBe(201);
    const url = r.json<{ url: string }>().url;
    expect(url).toMatch(/\/console\/reset\/[\w-]{40,}$/);
    return url.split('/').pop() ?? '';
  }
  const open = (token: string) => env.app.inject({ url: `/api/v1/console/reset-links/${token}` });
  const use = (token: string, payload: Record<string, unknown>) =>
    env.app.inject({ method: 'POST', url: `/api/v1/console/reset-links/${token}`, payload });
  const login = (payload: Record<string, unknown>) =>
    env.app.inject({ method: 'POST', url: '/api/v1/console/session', payload });
  const isLive = async (cookie: string) =>
    (await env.app.inject({ url: '/api/v1/console/me', headers: { cookie } })).statusCode === 200;
  const auditOf = (action: string) =>
    env.ctx.database.db.selectFrom('auditLog').selectAll().where('action', '=', action).execute();

  it('lets an owner send an officer a link to set a new password, which the owner never sees', async () => {
    const officer = await createOfficer(env, 'officer', 'van-yen');
    const phone = await signIn(env, officer);
    const laptop = await signIn(env, officer);
    const res = await issue(owner, officer.id, 'password');
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toMatch(/password"?\s*:\s*"[^"]/i);
    const token = res.json<{ url: string }>().url.split('/').pop() ?? '';
    // Issuing the link already signs the officer out everywhere.
    expect(await isLive(phone)).toBe(false);
    expect(await isLive(laptop)).toBe(false);
    expect((await open(token)).json<ResetLinkInfo>()).toMatchObject({
      kind: 'password',
      username: officer.username,
      currentPasswordRequired: false,
      currentTotpRequired: false,
      totpSecret: null,
    });

    const again = await signIn(env, officer);
    const done = await use(token, { newPassword: 'a brand new password' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ username: officer.username });
    expect(await isLive(again)).toBe(false);
    expect((await login({ username: officer.username, password: officer.password })).statusCode).toBe(401);
    expect((await login({ username: officer.username, password: 'a brand new password' })).statusCode).toBe(200);
    // Single use.
    expect((await open(token)).statusCode).toBe(410);
    expect((await use(token, { newPassword: 'yet another password' })).json()).toMatchObject({
      code: 'reset_link_invalid',
    });

    expect(await auditOf('officer.reset_link')).toMatchObject([
      { unitId: unit.id, targetId: officer.id, details: expect.stringContaining('"revokedSessions":2') as unknown },
    ]);
    expect(await auditOf('officer.password_reset')).toMatchObject([
      { unitId: unit.id, targetId: officer.id, actorId: officer.id },
    ]);
  });

  it('asks for the current code when the password of an account with 2FA is reset', async () => {
    const admin = await signIn(env, await createOfficer(env, 'admin'));
    const deputy = await createOfficer(env, 'owner', 'van-yen');
    const token = await issued(admin, deputy.id, 'password');
    expect((await open(token)).json<ResetLinkInfo>()).toMatchObject({ currentTotpRequired: true });
    expect((await use(token, { newPassword: 'a brand new password' })).json()).toMatchObject({
      code: 'totp_required',
    });
    const code = nextTotp(env, deputy) ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await use(token, { newPassword: 'a brand new password', totp: wrong })).json()).toMatchObject({
      code: 'invalid_totp',
    });
    expect((await use(token, { newPassword: 'a brand new password', totp: code })).statusCode).toBe(200);
    // The code was used up by the reset.
    expect(
      (await login({ username: deputy.username, password: 'a brand new password', totp: code })).json(),
    ).toMatchObject({ code: 'invalid_totp' });
  });

  it('lets an officer enrol a new 2FA secret with their current password, proving it with a code', async () => {
    const admin = await signIn(env, await createOfficer(env, 'admin'));
    const deputy = await createOfficer(env, 'owner', 'van-yen');
    const token = await issued(admin, deputy.id, 'totp');
    const info = (await open(token)).json<ResetLinkInfo>();
    expect(info).toMatchObject({ kind: 'totp', currentPasswordRequired: true, currentTotpRequired: false });
    expect(info.totpUri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    const secret = info.totpSecret ?? '';
    expect(secret).not.toBe(deputy.totpSecret);
    env.clock.advance(30_000);
    const code = currentTotp(secret, env.clock.now());
    expect((await use(token, { currentPassword: 'not my password', totp: code })).json()).toMatchObject({
      code: 'wrong_password',
    });
    const done = await use(token, { currentPassword: deputy.password, totp: code });
    expect(done.statusCode, done.body).toBe(200);
    env.clock.advance(30_000);
    const oldCode = currentTotp(deputy.totpSecret ?? '', env.clock.now());
    const newCode = currentTotp(secret, env.clock.now());
    expect((await login({ username: deputy.username, password: deputy.password, totp: oldCode })).statusCode).toBe(
      oldCode === newCode ? 200 : 401,
    );
    env.clock.advance(30_000);
    const next = currentTotp(secret, env.clock.now());
    expect((await login({ username: deputy.username, password: deputy.password, totp: next })).statusCode).toBe(200);
    expect(await auditOf('officer.totp_reset')).toHaveLength(1);
  });

  it('resets both factors with no proof, for an officer who lost both', async () => {
    const officer = await createOfficer(env, 'officer', 'van-yen');
    const token = await issued(owner, officer.id, 'both');
    const info = (await open(token)).json<ResetLinkInfo>();
    expect(info).toMatchObject({ currentPasswordRequired: false, currentTotpRequired: false });
    env.clock.advance(30_000);
    const code = currentTotp(info.totpSecret ?? '', env.clock.now());
    expect((await use(token, { newPassword: 'a brand new password', totp: code })).statusCode).toBe(200);
    env.clock.advance(30_000);
    const next = currentTotp(info.totpSecret ?? '', env.clock.now());
    expect((await login({ username: officer.username, password: 'a brand new password', totp: next })).statusCode).toBe(
      200,
    );
  });

  it('ends a link after 5 wrong current passwords, and replaces an older link with a newer one', async () => {
    const officer = await createOfficer(env, 'officer', 'van-yen');
    const first = await issued(owner, officer.id, 'totp');
    const second = await issued(owner, officer.id, 'totp');
    expect((await open(first)).statusCode).toBe(410);
    const code = currentTotp((await open(second)).json<ResetLinkInfo>().totpSecret ?? '', env.clock.now());
    for (let i = 0; i < 5; i++) {
      expect((await use(second, { currentPassword: `guess number ${i}`, totp: code })).json()).toMatchObject({
        code: 'wrong_password',
      });
    }
    expect((await use(second, { currentPassword: officer.password, totp: code })).statusCode).toBe(410);
  });

  it('lets owners reset only the plain officers of their unit, never themselves or other owners', async () => {
    const ownerOfficer = await createOfficer(env, 'owner', 'van-yen');
    const ownerCookie = await signIn(env, ownerOfficer);
    const otherOwner = await createOfficer(env, 'owner', 'van-yen');
    expect((await issue(ownerCookie, otherOwner.id, 'password')).statusCode).toBe(403);
    expect((await issue(ownerCookie, ownerOfficer.id, 'password')).statusCode).toBe(403);
    const elsewhere: TestOfficer = await createOfficer(env, 'officer', 'nam-ha');
    expect((await issue(ownerCookie, elsewhere.id, 'password')).statusCode).toBe(404);
    const colleague = await createOfficer(env, 'officer', 'van-yen');
    const plain = await signIn(env, await createOfficer(env, 'officer', 'van-yen'));
    expect((await issue(plain, colleague.id, 'password')).statusCode).toBe(403);
    expect((await issue(ownerCookie, colleague.id, 'sideways')).statusCode).toBe(400);
  });
});
