import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { auditHash, ChainVerifier, GENESIS_HASH } from './audit-chain.js';
import { verifyAuditChain } from './audit.service.js';

describe('audit chain (pure)', () => {
  const row = (seq: number, prev: string) => {
    const f = {
      seq,
      id: `id${seq}`,
      at: 1000 + seq,
      actorId: 'a',
      actorName: 'alice',
      unitId: 'u',
      action: 'x',
      targetType: null,
      targetId: null,
      ip: null,
      details: null,
    };
    return { ...f, prevHash: prev, hash: auditHash(prev, f) };
  };

  it('accepts an intact chain and rejects a changed row', () => {
    const r1 = row(1, GENESIS_HASH);
    const r2 = row(2, r1.hash);
    const v = new ChainVerifier();
    expect(v.next(r1)).toBeNull();
    expect(v.next(r2)).toBeNull();
    expect(v.finish({ seq: 2, hash: r2.hash })).toEqual({ ok: true, checked: 2 });

    const tampered = new ChainVerifier();
    expect(tampered.next({ ...r1, actorName: 'mallory' })).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('notices rows removed from the end', () => {
    const r1 = row(1, GENESIS_HASH);
    const r2 = row(2, r1.hash);
    const v = new ChainVerifier();
    v.next(r1);
    expect(v.finish({ seq: 2, hash: r2.hash })).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe('audit log (database)', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await createTestEnv();
  });
  afterEach(async () => env.close());

  it('records each console change in the same transaction and reports the first tampered row', async () => {
    const owner = await createOfficer(env, 'owner', 'thach-trung');
    const cookie = await signIn(env, owner);
    const unit = await unitBySlug(env, 'thach-trung');
    const patch = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/console/units/${unit.id}`,
      headers: { cookie },
      payload: { hotline: '0239 3855 123' },
    });
    expect(patch.statusCode).toBe(200);

    const list = await env.app.inject({ url: `/api/v1/console/units/${unit.id}/audit`, headers: { cookie } });
    const items = list.json<{ items: { action: string; actorName: string; details: unknown }[] }>().items;
    expect(items[0]).toMatchObject({
      action: 'unit.update',
      actorName: owner.username,
      details: { changes: { hotline: { from: null, to: '0239 3855 123' } } },
    });

    const intact = await verifyAuditChain(env.ctx.database.db);
    expect(intact.ok).toBe(true);
    const total = intact.checked;
    expect(total).toBeGreaterThanOrEqual(4); // seed import, officer create, sign-in, profile edit

    await env.ctx.database.transaction((trx) =>
      sql`update audit_log set actor_name = 'someone else' where seq = 2`.execute(trx),
    );
    expect(await verifyAuditChain(env.ctx.database.db)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
