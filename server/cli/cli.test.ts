import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runTsx } from '../test/cli.js';
import { createTestEnv, type TestEnv } from '../test/helper.js';

// Runs the real `ketnoi` entry (TypeScript sources through tsx) against the test database. Each
// test starts up to three Node processes that load the server through tsx: a few seconds each on an
// idle machine, over ten on a loaded one, hence the longer timeout.
describe('ketnoi CLI', { timeout: 120_000 }, () => {
  let env: TestEnv;
  let cliEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = await createTestEnv();
    const db = env.ctx.config.database;
    cliEnv = {
      PATH: process.env.PATH,
      DATA_DIR: env.dataDir,
      PASSWORD_COST: '10',
      DATABASE_URL: db.kind === 'sqlite' ? `sqlite:${db.file}` : db.url,
    };
  });
  afterAll(async () => env.close());

  let signal: AbortSignal;
  beforeEach((test) => {
    signal = test.signal;
  });

  const ketnoi = (args: string[], input?: string) =>
    runTsx(['server/cli/index.ts', ...args], { env: cliEnv, input, signal });

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
