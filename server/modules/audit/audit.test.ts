import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../contracts/audit.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import {
  auditChainKey,
  ChainVerifier,
  GENESIS_HASH,
  keyedSealer,
  legacySeal,
  type AuditFields,
  type Sealer,
} from './audit-chain.js';
import { appendAudit, verifyAuditChain } from './audit.service.js';

describe('audit chain (pure)', () => {
  const installationKey = crypto.randomBytes(32);
  const keyed = keyedSealer(auditChainKey(installationKey));

  const fields = (seq: number): AuditFields => ({
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
  });
  /** Rows 1..n sealed with `seal`, each linked to the one before. */
  const chain = (n: number, seal: Sealer = keyed) => {
    const rows = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq += 1) {
      const f = fields(seq);
      rows.push({ ...f, prevHash: prev, hash: seal(prev, f) });
      prev = rows[rows.length - 1]?.hash ?? prev;
    }
    return rows;
  };
  const check = (rows: ReturnType<typeof chain>, verifier = new ChainVerifier(keyed)) => {
    for (const r of rows) {
      const failure = verifier.next(r);
      if (failure) return failure;
    }
    const last = rows.at(-1);
    return verifier.finish({ seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH });
  };

  it('accepts an intact keyed chain and rejects a changed row', () => {
    const rows = chain(3);
    expect(check(rows)).toEqual({ ok: true, checked: 3 });
    expect(check([rows[0]!, { ...rows[1]!, actorName: 'mallory' }, rows[2]!])).toMatchObject({
      ok: false,
      brokenAt: 2,
    });
  });

  it('rejects rows hashed without the key or with another key, as the first broken row', () => {
    const genuine = chain(4);
    for (const forge of [legacySeal, keyedSealer(auditChainKey(crypto.randomBytes(32)))]) {
      const forged = chain(4, forge);
      // Keep rows 1-2 genuine and re-link the forged rest to them, as an attacker would.
      const rest = forged.slice(2).map((r) => ({ ...r }));
      let prev = genuine[1]!.hash;
      for (const r of rest) {
        r.prevHash = prev;
        r.hash = forge(prev, r);
        prev = r.hash;
      }
      expect(check([genuine[0]!, genuine[1]!, ...rest])).toMatchObject({ ok: false, brokenAt: 3 });
    }
  });

  it('derives the chain key from the installation key, never using it directly', () => {
    const direct = crypto.createHmac('sha256', installationKey).update('x').digest('hex');
    const derived = crypto.createHmac('sha256', auditChainKey(installationKey)).update('x').digest('hex');
    expect(derived).not.toBe(direct);
    expect(auditChainKey(installationKey)).toEqual(auditChainKey(Buffer.from(installationKey)));
  });

  it('notices rows removed from the end', () => {
    const rows = chain(2);
    const v = new ChainVerifier(keyed);
    v.next(rows[0]!);
    expect(v.finish({ seq: 2, hash: rows[1]!.hash })).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('fails when an anchored entry has another hash or the chain no longer reaches the anchor', () => {
    const rows = chain(4);
    expect(check(rows, new ChainVerifier(keyed, [{ seq: 3, hash: rows[2]!.hash }]))).toMatchObject({ ok: true });
    expect(check(rows, new ChainVerifier(keyed, [{ seq: 3, hash: 'f'.repeat(64) }]))).toMatchObject({
      ok: false,
      brokenAt: 3,
    });
    const shorter = rows.slice(0, 2);
    expect(check(shorter, new ChainVerifier(keyed, [{ seq: 3, hash: rows[2]!.hash }]))).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('entries were removed') as unknown,
    });
  });
});

describe('audit log (database)', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await createTestEnv();
  });
  afterEach(async () => env.close());

  async function listAudit(cookie: string, unitId: string): Promise<AuditEntry[]> {
    const res = await env.app.inject({ url: `/api/v1/console/units/${unitId}/audit`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: AuditEntry[] }>().items;
  }

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

    const items = await listAudit(cookie, unit.id);
    expect(items[0]).toMatchObject({
      action: 'unit.update',
      actorName: owner.username,
      details: { changes: { hotline: { from: null, to: '0239 3855 123' } } },
    });

    const intact = await verifyAuditChain(env.ctx);
    expect(intact.result.ok).toBe(true);
    expect(intact.scheme).toBe('hmac-sha256-v1');
    expect(intact.result.checked).toBeGreaterThanOrEqual(4); // seed import, officer create, sign-in, profile edit

    await env.ctx.database.transaction((trx) =>
      sql`update audit_log set actor_name = 'someone else' where seq = 2`.execute(trx),
    );
    expect((await verifyAuditChain(env.ctx)).result).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('names the acting officer, the unit and the officer or invitee an entry is about', async () => {
    const owner = await createOfficer(env, 'owner', 'thach-trung');
    const officer = await createOfficer(env, 'officer', 'thach-trung');
    const rename = (id: string, displayName: string) =>
      env.ctx.database.transaction((trx) =>
        trx.updateTable('officers').set({ displayName }).where('id', '=', id).execute(),
      );
    await rename(owner.id, 'Trần Văn Trưởng');
    await rename(officer.id, 'Lê Thị Cán Bộ');
    const cookie = await signIn(env, owner);
    const unit = await unitBySlug(env, 'thach-trung');
    const disable = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/console/units/${unit.id}/officers/${officer.id}`,
      headers: { cookie },
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    const invite = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${unit.id}/invites`,
      headers: { cookie },
      payload: { role: 'officer', displayName: 'Nguyễn Văn Mới' },
    });
    expect(invite.statusCode).toBe(201);

    const items = await listAudit(cookie, unit.id);
    const byAction = (action: string) => items.find((e) => e.action === action);
    expect(byAction('officer.disable')).toMatchObject({
      actorId: owner.id,
      actorName: owner.username,
      actorDisplayName: 'Trần Văn Trưởng',
      unitName: 'CAX Thạch Trung',
      targetId: officer.id,
      targetName: 'Lê Thị Cán Bộ',
    });
    expect(byAction('invite.create')).toMatchObject({ targetType: 'invite', targetName: 'Nguyễn Văn Mới' });
    expect(byAction('officer.create')).toMatchObject({
      actorDisplayName: null,
      unitName: 'CAX Thạch Trung',
      targetName: 'Lê Thị Cán Bộ',
    });
  });

  it('verifies while entries are appended during the walk', async () => {
    await createOfficer(env, 'officer', 'thach-trung');
    let appended = false;
    const result = await verifyAuditChain(env.ctx, {
      onProgress: async () => {
        if (appended) return;
        appended = true;
        await env.ctx.database.transaction((trx) =>
          appendAudit(
            env.ctx,
            trx,
            { actorId: null, actorName: 'test', ip: null },
            { unitId: null, action: 'kb.seed' },
            1,
          ),
        );
      },
    });
    expect(appended).toBe(true);
    expect(result.result).toMatchObject({ ok: true });
    expect(result.head.seq).toBe(result.result.checked);
  });

  it('reports an entry added past the head without moving it', async () => {
    const head = await env.ctx.database.db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow();
    await env.ctx.database.transaction((trx) =>
      sql`insert into audit_log (seq, id, at, action, prev_hash, hash)
          values (${head.seq + 1}, 'forged', 1, 'kb.seed', ${head.hash}, ${'a'.repeat(64)})`.execute(trx),
    );
    expect((await verifyAuditChain(env.ctx)).result).toMatchObject({ ok: false, brokenAt: head.seq + 1 });
  });
});
