import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../test/cli.js';
import { createTestEnv, type TestEnv } from '../test/helper.js';

describe('ketnoi CLI', () => {
  let env: TestEnv;
  let ketnoi: ReturnType<typeof cliRunner>;

  beforeAll(async () => {
    env = await createTestEnv();
    ketnoi = cliRunner(env);
  });
  afterAll(async () => env.close());

  it('prints help', () => {
    const r = ketnoi(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'admin', 'units', 'audit']) expect(r.out).toContain(cmd);
  });

  it('creates an owner from a password on stdin and prints the TOTP provisioning URI', () => {
    const r = ketnoi(
      ['admin', 'create', '--username', 'truong.ca', '--role', 'owner', '--unit', 'thach-hung', '--password-stdin'],
      'mat khau rat dai\n',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
  });

  it('refuses a short password, an unknown unit and a role that does not fit', () => {
    expect(
      ketnoi(
        ['admin', 'create', '--username', 'a.b', '--role', 'officer', '--unit', 'thach-hung', '--password-stdin'],
        'short',
      ).code,
    ).toBe(1);
    const unknown = ketnoi(
      ['admin', 'create', '--username', 'a.b', '--role', 'officer', '--unit', 'nowhere', '--password-stdin'],
      'long enough password',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('not found');
    expect(
      ketnoi(
        ['admin', 'create', '--username', 'a.b', '--role', 'owner', '--unit', 'ha-tinh', '--password-stdin'],
        'long enough password',
      ).code,
    ).toBe(1);
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
    const r = ketnoi(['units', 'import', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('must be a province');
    expect(await count()).toBe(before);
    const ok = ketnoi(['units', 'import', good]);
    expect(ok.out).toContain('2 created');
    expect(await count()).toBe(before + 2);
  });

  it('verifies the audit chain and reports the first broken link', async () => {
    const ok = ketnoi(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/intact: \d+ entries/);
    await env.ctx.database.transaction((trx) =>
      sql`update audit_log set action = 'nothing.happened' where seq = 2`.execute(trx),
    );
    const broken = ketnoi(['audit', 'verify']);
    expect(broken.code).toBe(2);
    expect(broken.out).toContain('BROKEN at entry 2');
  });
});
