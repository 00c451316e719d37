import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { connectTestOa, testOa } from '../../test/zalo-webhooks.js';
import { claimRefresh, storeTokens } from './zalo-connections.repository.js';
import { openZaloSecret, sealZaloSecret } from './zalo-secrets.js';
import {
  REFRESH_MARGIN_MS,
  ZaloTokenManager,
  ZaloTokenRefreshError,
  type RefreshZaloTokens,
} from './zalo-token-manager.js';

/** Zalo's OAuth as the token manager sees it: single-use refresh tokens that rotate on every refresh. */
class FakeOAuth {
  calls = 0;
  #serial = 0;
  /** When set, each refresh waits for it before answering (to hold a refresh in flight). */
  gate: Promise<void> | null = null;

  constructor(
    private readonly appSecret: string,
    public refreshToken: string,
  ) {}

  readonly refresh: RefreshZaloTokens = async (input) => {
    this.calls++;
    if (this.gate) await this.gate;
    if (input.appSecret !== this.appSecret || input.refreshToken !== this.refreshToken) {
      throw new Error('Zalo OAuth error -14014: Invalid refresh token');
    }
    this.#serial++;
    this.refreshToken = `refresh-${this.#serial}`;
    return { accessToken: `access-${this.#serial}`, refreshToken: this.refreshToken, expiresInSeconds: 90_000 };
  };
}

/** A database handle whose transactions are counted, resolving `reached(n)` once n have started. */
function counted(database: Database, counter: { n: number; waiters: { at: number; resolve: () => void }[] }): Database {
  return {
    ...database,
    transaction: (fn) => {
      counter.n++;
      for (const w of counter.waiters.filter((x) => x.at <= counter.n)) w.resolve();
      return database.transaction(fn);
    },
  };
}

describe('ZaloTokenManager', () => {
  let env: TestEnv;
  let unitId = '';
  let oauth: FakeOAuth;
  let manager: ZaloTokenManager;
  const oa = testOa({ expiresIn: 90_000 });

  beforeAll(async () => {
    env = await createTestEnv();
    unitId = await connectTestOa(env, 'thach-trung', oa);
    oauth = new FakeOAuth(oa.appSecret, oa.refreshToken);
    manager = new ZaloTokenManager({ ...env.ctx, refresh: oauth.refresh });
  });
  afterAll(async () => env.close());

  const stored = async () => {
    const row = await env.ctx.database.db
      .selectFrom('zaloConnections')
      .selectAll()
      .where('unitId', '=', unitId)
      .executeTakeFirstOrThrow();
    return {
      accessToken: openZaloSecret(env.ctx.key, row.accessTokenSealed),
      refreshToken: openZaloSecret(env.ctx.key, row.refreshTokenSealed),
      row,
    };
  };

  it('hands out the stored token while it has more than ten minutes left', async () => {
    env.clock.advance(90_000_000 - REFRESH_MARGIN_MS - 60_000);
    expect(await manager.getAccessToken(unitId)).toBe(oa.accessToken);
    expect(oauth.calls).toBe(0);
  });

  it('refreshes before expiry and has the new pair stored when it hands the token out', async () => {
    env.clock.advance(2 * 60_000);
    const token = await manager.getAccessToken(unitId);
    expect(token).toBe('access-1');
    expect(oauth.calls).toBe(1);
    const now = await stored();
    expect(now).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expect(now.row.accessTokenExpiresAt).toBe(env.clock.now() + 90_000_000);
    expect(now.row.tokenVersion).toBe(2);
    expect(await manager.getAccessToken(unitId)).toBe('access-1');
    expect(oauth.calls).toBe(1);
  });

  it('refreshes once for concurrent callers refused the same token, and not again for a late one', async () => {
    const before = oauth.calls;
    const tokens = await Promise.all(Array.from({ length: 5 }, () => manager.forceRefresh(unitId, 'access-1')));
    expect(new Set(tokens)).toEqual(new Set(['access-2']));
    expect(oauth.calls).toBe(before + 1);
    // A caller that was refused access-1 only now finds the new token without refreshing again.
    expect(await manager.forceRefresh(unitId, 'access-1')).toBe('access-2');
    expect(oauth.calls).toBe(before + 1);
  });

  it('keeps the pair and records the reason (no secret) when Zalo refuses the refresh', async () => {
    const before = await stored();
    oauth.refreshToken = 'something-else';
    await expect(manager.forceRefresh(unitId, 'access-2')).rejects.toBeInstanceOf(ZaloTokenRefreshError);
    const after = await stored();
    expect(after.accessToken).toBe(before.accessToken);
    expect(after.row.tokenVersion).toBe(before.row.tokenVersion);
    expect(after.row.refreshClaimedUntil).toBeNull();
    expect(after.row.lastError).toContain('-14014');
    expect(after.row.lastError).not.toContain(before.refreshToken);
    oauth.refreshToken = before.refreshToken;
  });

  // Two writers in one process cannot stand for two SQLite processes (each blocks the other's event
  // loop while it waits for the file lock); there the lease is tested below with the other
  // process's steps written directly.
  it.runIf(process.env.TEST_DATABASE_URL)('two processes never refresh the same token twice', async () => {
    const { accessToken: stale } = await stored();
    const second: Database = await openDatabase(env.ctx.config);
    try {
      const counter = { n: 0, waiters: [] as { at: number; resolve: () => void }[] };
      const otherStarted = new Promise<void>((resolve) => counter.waiters.push({ at: 2, resolve }));
      const processA = new ZaloTokenManager({
        ...env.ctx,
        database: counted(env.ctx.database, counter),
        refresh: oauth.refresh,
      });
      const processB = new ZaloTokenManager({ ...env.ctx, database: counted(second, counter), refresh: oauth.refresh });
      // The first refresh is held until the other process has asked too (on PostgreSQL: is
      // waiting for the row's lock), so the two really overlap.
      let release = () => {};
      oauth.gate = new Promise<void>((resolve) => (release = resolve));
      const calls = oauth.calls;
      const racing = Promise.all([processA.forceRefresh(unitId, stale), processB.forceRefresh(unitId, stale)]);
      await otherStarted;
      if (env.ctx.database.dialect === 'postgres') await lockWaiterSeen(env);
      release();
      const [a, b] = await racing;
      expect(oauth.calls).toBe(calls + 1);
      expect(a).toBe(b);
      expect(a).not.toBe(stale);
      expect((await stored()).accessToken).toBe(a);
    } finally {
      oauth.gate = null;
      await second.close();
    }
  });
});

describe.skipIf(process.env.TEST_DATABASE_URL)('ZaloTokenManager on SQLite: the refresh lease', () => {
  let env: TestEnv;
  let unitId = '';
  const oa = testOa();

  beforeAll(async () => {
    env = await createTestEnv();
    unitId = await connectTestOa(env, 'thach-trung', oa);
  });
  afterAll(async () => env.close());

  const row = () =>
    env.ctx.database.db
      .selectFrom('zaloConnections')
      .selectAll()
      .where('unitId', '=', unitId)
      .executeTakeFirstOrThrow();

  it('waits for the process holding the lease and uses the pair it stored', async () => {
    const oauth = new FakeOAuth(oa.appSecret, oa.refreshToken);
    const counter = { n: 0, waiters: [] as { at: number; resolve: () => void }[] };
    const claimTried = new Promise<void>((resolve) => counter.waiters.push({ at: 1, resolve }));
    const manager = new ZaloTokenManager({
      ...env.ctx,
      database: counted(env.ctx.database, counter),
      refresh: oauth.refresh,
    });
    const before = await row();
    // Another process took the lease on this version and is talking to Zalo.
    await env.ctx.database.transaction((trx) =>
      claimRefresh(trx, before.id, before.tokenVersion, env.clock.now() + 60_000, env.clock.now()),
    );
    const waiting = manager.forceRefresh(unitId, oa.accessToken);
    await claimTried;
    // … and stores the pair it got.
    await env.ctx.database.transaction((trx) =>
      storeTokens(
        trx,
        before.id,
        before.tokenVersion,
        {
          accessTokenSealed: sealZaloSecret(env.ctx.key, 'access-other'),
          refreshTokenSealed: sealZaloSecret(env.ctx.key, 'refresh-other'),
          accessTokenExpiresAt: env.clock.now() + 90_000_000,
        },
        env.clock.now(),
      ),
    );
    expect(await waiting).toBe('access-other');
    expect(oauth.calls).toBe(0);
  });

  it('takes over a lease its holder let lapse (a crashed process)', async () => {
    const current = await row();
    const oauth = new FakeOAuth(oa.appSecret, openZaloSecret(env.ctx.key, current.refreshTokenSealed));
    const manager = new ZaloTokenManager({ ...env.ctx, refresh: oauth.refresh });
    await env.ctx.database.transaction((trx) =>
      claimRefresh(trx, current.id, current.tokenVersion, env.clock.now() + 60_000, env.clock.now()),
    );
    env.clock.advance(60_001);
    expect(await manager.forceRefresh(unitId, 'access-other')).toBe('access-1');
    expect(oauth.calls).toBe(1);
    expect((await row()).refreshClaimedUntil).toBeNull();
  });
});

/** Resolves once a session of the test database waits for a row lock. */
async function lockWaiterSeen(env: TestEnv): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(env.ctx.database.db);
    if (Number(rows[0]?.n) > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
