import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentTotp } from '../../lib/totp.js';
import { createOfficer, createTestEnv, nextTotp, type TestEnv, type TestOfficer } from '../../test/helper.js';
import { throttleKeys } from './login-throttle.js';

// Sign-in under attack: counters that do not lose concurrent updates, a TOTP code that works once
// however the requests race, and throttling that slows guessing without locking the owner out or
// telling which usernames exist.
describe('sign-in under attack', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await createTestEnv();
  });
  afterEach(async () => env.close());

  let address = 0;
  /** A fresh client address (an attacker with many addresses uses one per request). */
  const newAddress = () => `198.51.100.${++address}`;

  const login = (payload: Record<string, unknown>, ip = '203.0.113.1', cookie?: string) =>
    env.app.inject({
      method: 'POST',
      url: '/api/v1/console/session',
      payload,
      remoteAddress: ip,
      ...(cookie ? { headers: { cookie } } : {}),
    });
  const wrong = (o: { username: string }) => ({ username: o.username, password: 'not the password' });
  const right = (o: TestOfficer) => ({ username: o.username, password: o.password, totp: nextTotp(env, o) });

  /** Fails from fresh addresses, waiting out every answer that asks to wait, until `failures` were checked. */
  async function failFromManyAddresses(o: { username: string }, failures: number): Promise<void> {
    for (let checked = 0; checked < failures;) {
      const r = await login(wrong(o), newAddress());
      if (r.statusCode === 401) checked++;
      else if (r.statusCode === 429) env.clock.advance(Number(r.headers['retry-after']) * 1000);
      else throw new Error(`unexpected ${r.statusCode} ${r.body}`);
    }
  }

  /** What the account-wide counter holds for a username. */
  const accountCount = async (username: string) =>
    (
      await env.ctx.database.db
        .selectFrom('loginThrottle')
        .select('failures')
        .where('key', '=', throttleKeys(env.ctx.key, username, 'any').account)
        .executeTakeFirst()
    )?.failures;

  const sessionsOf = async (officerId: string) =>
    (await env.ctx.database.db.selectFrom('sessions').select('id').where('officerId', '=', officerId).execute()).length;

  it('counts every one of 8 concurrent wrong passwords for one account', async () => {
    const officer = await createOfficer(env, 'officer', 'nam-ha');
    const answers = await Promise.all(Array.from({ length: 8 }, () => login(wrong(officer), newAddress())));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(401));
    expect(await accountCount(officer.username)).toBe(8);
    // Two more make ten: the account is now slowed down for every address without a known browser.
    await failFromManyAddresses(officer, 2);
    const next = await login(right(officer), newAddress());
    expect(next.statusCode, next.body).toBe(429);
    expect(next.json()).toMatchObject({ code: 'login_throttled' });
  });

  it('checks only 5 of 8 concurrent wrong passwords from one address and refuses the rest', async () => {
    const officer = await createOfficer(env, 'officer', 'nam-ha');
    const answers = await Promise.all(Array.from({ length: 8 }, () => login(wrong(officer))));
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('counts every one of 8 concurrent wrong TOTP codes', async () => {
    const owner = await createOfficer(env, 'owner', 'nam-ha');
    const valid = currentTotp(owner.totpSecret ?? '', env.clock.now());
    const bad = valid === '000000' ? '111111' : '000000';
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        login({ username: owner.username, password: owner.password, totp: bad }, newAddress()),
      ),
    );
    expect(answers.map((r) => r.json<{ code: string }>().code)).toEqual(Array(8).fill('invalid_totp'));
    expect(await accountCount(owner.username)).toBe(8);
    await failFromManyAddresses(owner, 2);
    // Even the right code (not advancing the clock past the wait) is refused now.
    const next = await login({ username: owner.username, password: owner.password, totp: valid }, newAddress());
    expect(next.statusCode, next.body).toBe(429);
  });

  it('accepts one TOTP code once when 4 sign-ins race with it', async () => {
    const owner = await createOfficer(env, 'owner', 'nam-ha');
    const payload = right(owner);
    const answers = await Promise.all(Array.from({ length: 4 }, () => login(payload)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401]);
    expect(answers.filter((r) => r.statusCode === 401).map((r) => r.json<{ code: string }>().code)).toEqual(
      Array(3).fill('invalid_totp'),
    );
    expect(await sessionsOf(owner.id)).toBe(1);
  });

  it('never locks an admin out: after a wait of at most a minute the right password and code get in', async () => {
    const admin = await createOfficer(env, 'admin');
    await failFromManyAddresses(admin, 40);
    // The attacker's own address backs off far longer than the account-wide wait.
    const attacker = '192.0.2.66';
    let waited = 0;
    for (let checked = 0; checked < 12;) {
      const r = await login(wrong(admin), attacker);
      if (r.statusCode === 401) checked++;
      else {
        waited = Number(r.headers['retry-after']);
        env.clock.advance(waited * 1000);
      }
    }
    expect((await login(right(admin), attacker)).statusCode).toBe(429);
    expect(waited).toBeGreaterThan(60);

    const first = await login(right(admin), '203.0.113.7');
    if (first.statusCode === 429) {
      const wait = Number(first.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      env.clock.advance(wait * 1000);
      const second = await login(right(admin), '203.0.113.7');
      expect(second.statusCode, second.body).toBe(200);
    } else {
      expect(first.statusCode, first.body).toBe(200);
    }
  });

  it('lets a browser that signed in before in at once, however many addresses fail meanwhile', async () => {
    const owner = await createOfficer(env, 'owner', 'nam-ha');
    const first = await login(right(owner));
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((c) => c.name === 'kn_device');
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/console/session' });
    await failFromManyAddresses(owner, 30);
    expect((await login(right(owner), newAddress())).statusCode).toBe(429);
    // From yet another address (a phone changing networks), with the browser's cookie.
    const again = await login(right(owner), newAddress(), `kn_device=${device?.value}`);
    expect(again.statusCode, again.body).toBe(200);
    // The cookie is bound to its username: it does not help against another account.
    const other = await createOfficer(env, 'owner', 'nam-ha');
    await failFromManyAddresses(other, 30);
    expect((await login(right(other), newAddress(), `kn_device=${device?.value}`)).statusCode).toBe(429);
  });

  it('answers unknown and known usernames the same way, throttling included', async () => {
    const officer = await createOfficer(env, 'officer', 'nam-ha');
    const shape = (r: LightMyRequestResponse) => ({
      status: r.statusCode,
      body: r.body,
      retryAfter: r.headers['retry-after'],
      headers: Object.keys(r.headers)
        .filter((h) => h !== 'date')
        .sort()
        .map((h) => (h.startsWith('x-ratelimit-reset') ? h : `${h}: ${String(r.headers[h])}`)),
    });
    const known: ReturnType<typeof shape>[] = [];
    const unknown: ReturnType<typeof shape>[] = [];
    for (let i = 0; i < 14; i++) {
      const a = await login(wrong(officer), '203.0.113.10');
      const b = await login({ username: 'khong.ton.tai', password: 'not the password' }, '203.0.113.11');
      known.push(shape(a));
      unknown.push(shape(b));
      if (a.statusCode === 429) env.clock.advance(Number(a.headers['retry-after']) * 1000);
    }
    expect(known.map((k) => k.status)).toContain(429);
    expect(unknown).toEqual(known);
  });

  it('deletes throttle rows nobody touched for two days when someone signs in', async () => {
    const rows = async () => (await env.ctx.database.db.selectFrom('loginThrottle').select('key').execute()).length;
    await login({ username: 'ai.do', password: 'not the password' }, newAddress());
    expect(await rows()).toBe(2);
    env.clock.advance(2 * 24 * 3600_000 + 1);
    const officer = await createOfficer(env, 'officer', 'nam-ha');
    await login({ username: 'ai.khac', password: 'not the password' }, newAddress());
    expect((await login(right(officer))).statusCode).toBe(200);
    // Left: the recent failure's two rows and the account row of the officer who signed in.
    expect(await rows()).toBe(3);
  });
});
