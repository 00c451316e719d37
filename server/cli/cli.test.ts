import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { currentTotp } from '../lib/totp.js';
import { cliRunner } from '../test/cli.js';
import { createOfficer, createTestEnv, signIn, type TestEnv } from '../test/helper.js';

describe('ketnoi CLI', { timeout: 120_000 }, () => {
  let env: TestEnv;
  let ketnoi: ReturnType<typeof cliRunner>;
  let signal: AbortSignal;
  beforeEach((test) => {
    signal = test.signal;
  });

  beforeAll(async () => {
    env = await createTestEnv();
    ketnoi = cliRunner(env, () => signal);
  });
  afterAll(async () => env.close());

  it('prints help', async () => {
    const r = await ketnoi(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'admin', 'units', 'audit']) expect(r.out).toContain(cmd);
  });

  it('creates an owner from a password on stdin and prints the TOTP provisioning URI', async () => {
    const r = await ketnoi(
      ['admin', 'create', '--username', 'truong.ca', '--role', 'owner', '--unit', 'thach-hung', '--password-stdin'],
      'mat khau rat dai\n',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
  });

  it('refuses a short password, an unknown unit and a role that does not fit', async () => {
    expect(
      (
        await ketnoi(
          ['admin', 'create', '--username', 'a.b', '--role', 'officer', '--unit', 'thach-hung', '--password-stdin'],
          'short',
        )
      ).code,
    ).toBe(1);
    const unknown = await ketnoi(
      ['admin', 'create', '--username', 'a.b', '--role', 'officer', '--unit', 'nowhere', '--password-stdin'],
      'long enough password',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('not found');
    expect(
      (
        await ketnoi(
          ['admin', 'create', '--username', 'a.b', '--role', 'owner', '--unit', 'ha-tinh', '--password-stdin'],
          'long enough password',
        )
      ).code,
    ).toBe(1);
  });

  const login = (payload: Record<string, unknown>) =>
    env.app.inject({ method: 'POST', url: '/api/v1/console/session', payload });
  const isLive = async (cookie: string) =>
    (await env.app.inject({ url: '/api/v1/console/me', headers: { cookie } })).statusCode === 200;
  const auditOf = (action: string, targetId: string) =>
    env.ctx.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', action)
      .where('targetId', '=', targetId)
      .execute();

  it("resets an officer's password from stdin, ending their sessions, audited as the shell user", async () => {
    const officer = await createOfficer(env, 'officer', 'thach-hung');
    const session = await signIn(env, officer);
    expect(
      (await ketnoi(['admin', 'reset-password', '--username', officer.username, '--password-stdin'], 'short')).code,
    ).toBe(1);
    const r = await ketnoi(
      ['admin', 'reset-password', '--username', officer.username, '--password-stdin'],
      'mot mat khau moi dai\n',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 session(s) ended');
    expect(await isLive(session)).toBe(false);
    expect((await login({ username: officer.username, password: officer.password })).statusCode).toBe(401);
    expect((await login({ username: officer.username, password: 'mot mat khau moi dai' })).statusCode).toBe(200);
    expect(await auditOf('officer.password_reset', officer.id)).toMatchObject([
      { actorId: null, actorName: expect.stringMatching(/^cli:/) as unknown },
    ]);
    const unknown = await ketnoi(
      ['admin', 'reset-password', '--username', 'khong.co', '--password-stdin'],
      'long password',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('not found');
  });

  it("resets an officer's 2FA and prints the new provisioning URI; the old codes stop working", async () => {
    const owner = await createOfficer(env, 'owner', 'thach-hung');
    const session = await signIn(env, owner);
    const r = await ketnoi(['admin', 'reset-2fa', '--username', owner.username]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const secret = /otpauth:\/\/totp\/.*secret=([A-Z2-7]+)/.exec(r.out)?.[1] ?? '';
    expect(secret).not.toBe('');
    expect(await isLive(session)).toBe(false);
    env.clock.advance(60_000);
    const now = env.clock.now();
    const oldCode = currentTotp(owner.totpSecret ?? '', now);
    const newCode = currentTotp(secret, now);
    if (oldCode !== newCode) {
      const old = await login({ username: owner.username, password: owner.password, totp: oldCode });
      expect(old.json()).toMatchObject({ code: 'invalid_totp' });
    }
    expect((await login({ username: owner.username, password: owner.password, totp: newCode })).statusCode).toBe(200);
    expect(await auditOf('officer.totp_reset', owner.id)).toHaveLength(1);
  });

  it('imports a unit file and rejects a broken one without changes', async () => {
    const good = path.join(env.dataDir, 'good.json');
    fs.writeFileSync(
      good,
      JSON.stringify({
        parent: 'ha-tinh',
        units: [
          {
            slug: 'huyen-thach-ha',
            kind: 'city',
            name: 'Huyện Thạch Hà',
            children: [{ slug: 'thach-dai', kind: 'commune', name: 'Xã Thạch Đài' }],
          },
        ],
      }),
    );
    const bad = path.join(env.dataDir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ units: [{ slug: 'orphan-ward', kind: 'ward', name: 'Phường mồ côi' }] }));
    const count = async () =>
      Number(
        (
          await env.ctx.database.db
            .selectFrom('units')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const r = await ketnoi(['units', 'import', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('must be a province');
    expect(await count()).toBe(before);
    const ok = await ketnoi(['units', 'import', good]);
    expect(ok.out).toContain('2 created');
    expect(await count()).toBe(before + 2);
  });

  it('verifies the audit chain and reports the first broken link', async () => {
    const ok = await ketnoi(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/intact: \d+ entries/);
    await env.ctx.database.transaction((trx) =>
      sql`update audit_log set action = 'nothing.happened' where seq = 2`.execute(trx),
    );
    const broken = await ketnoi(['audit', 'verify']);
    expect(broken.code).toBe(2);
    expect(broken.out).toContain('BROKEN at entry 2');
  });
});
