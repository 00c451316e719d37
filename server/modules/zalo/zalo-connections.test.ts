import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { createTestEnv, unitBySlug, type TestEnv } from '../../test/helper.js';
import { testOa } from '../../test/zalo-webhooks.js';
import { connectZalo, disconnectZalo, listZaloStatuses, zaloStatus } from './zalo-connections.service.js';

const shell = { actorId: null, actorName: 'cli:tester', ip: null };

describe('Zalo OA connections', () => {
  let env: TestEnv;
  let unitId = '';
  const oa = testOa();
  const secrets = [oa.appSecret, oa.oaSecretKey, oa.accessToken, oa.refreshToken];

  beforeAll(async () => {
    env = await createTestEnv();
    unitId = (await unitBySlug(env, 'thach-trung')).id;
  });
  afterAll(async () => env.close());

  /** Every row of the connections and audit tables, as text. */
  const tablesAsText = async () => {
    const db = env.ctx.database.db;
    const rows = [
      ...(await db.selectFrom('zaloConnections').selectAll().execute()),
      ...(await db.selectFrom('auditLog').selectAll().execute()),
    ];
    return JSON.stringify(rows);
  };

  it('stores the secrets sealed: neither the tables nor the database files hold them', async () => {
    const { status, replaced } = await connectZalo(env.ctx, shell, unitId, oa);
    expect(replaced).toBe(false);
    const text = await tablesAsText();
    expect(text).toContain(oa.oaId);
    for (const secret of secrets) expect(text).not.toContain(secret);
    const db = env.ctx.config.database;
    if (db.kind === 'sqlite') {
      const files = [db.file, `${db.file}-wal`].filter((f) => fs.existsSync(f));
      expect(files.length).toBeGreaterThan(0);
      const bytes = Buffer.concat(files.map((f) => fs.readFileSync(f)));
      expect(bytes.includes(Buffer.from(oa.oaId))).toBe(true);
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
    expect(status).toMatchObject({ unitId, oaId: oa.oaId, appId: oa.appId, connectedBy: 'cli:tester' });
    expect(JSON.stringify(status)).not.toMatch(/secret|token-/i);
  });

  it('shows what is safe: ids, expiry, last event and error, the webhook URL; never a secret', async () => {
    const status = await zaloStatus(env.ctx, unitId);
    expect(status).toEqual({
      unitId,
      unitSlug: 'thach-trung',
      oaId: oa.oaId,
      appId: oa.appId,
      accessTokenExpiresAt: new Date(env.clock.now() + 90_000_000).toISOString(),
      lastRefreshedAt: null,
      lastEventAt: null,
      lastError: null,
      lastErrorAt: null,
      connectedBy: 'cli:tester',
      connectedAt: new Date(env.clock.now()).toISOString(),
      webhookUrl: `${env.ctx.config.http.baseUrl}/webhooks/zalo`,
    });
    expect(await listZaloStatuses(env.ctx)).toEqual([status]);
  });

  it('audits connecting with the OA and app ids only', async () => {
    const entries = await env.ctx.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'zalo.connect')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ unitId, actorName: 'cli:tester', targetType: 'unit', targetId: unitId });
    expect(JSON.parse(entries[0]?.details ?? '{}')).toEqual({ oaId: oa.oaId, appId: oa.appId, replaced: false });
  });

  it('replaces the tokens on a second connect, and refuses an OA another unit holds', async () => {
    const fresh = { ...oa, accessToken: 'access-again', refreshToken: 'refresh-again' };
    const before = await env.ctx.database.db.selectFrom('zaloConnections').selectAll().executeTakeFirstOrThrow();
    expect((await connectZalo(env.ctx, shell, unitId, fresh)).replaced).toBe(true);
    const after = await env.ctx.database.db.selectFrom('zaloConnections').selectAll().executeTakeFirstOrThrow();
    expect(after.tokenVersion).toBe(before.tokenVersion + 1);
    expect(after.accessTokenSealed).not.toBe(before.accessTokenSealed);
    const other = (await unitBySlug(env, 'dai-nai')).id;
    await expect(connectZalo(env.ctx, shell, other, testOa({ oaId: oa.oaId }))).rejects.toBeInstanceOf(ConflictError);
    expect(await zaloStatus(env.ctx, other)).toBeNull();
  });

  it('disconnects with an audit entry, removing the secrets', async () => {
    expect(await disconnectZalo(env.ctx, shell, unitId)).toEqual({ oaId: oa.oaId });
    expect(await zaloStatus(env.ctx, unitId)).toBeNull();
    expect(await env.ctx.database.db.selectFrom('zaloConnections').selectAll().execute()).toEqual([]);
    const entry = await env.ctx.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'zalo.disconnect')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ unitId, actorName: 'cli:tester' });
    await expect(disconnectZalo(env.ctx, shell, unitId)).rejects.toBeInstanceOf(NotFoundError);
  });
});
