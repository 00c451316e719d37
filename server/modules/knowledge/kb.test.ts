import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ProcedureEntry,
  ProcedureGuide,
  ProcedureSummary,
  ProcedureVersion,
  UnitProcedureNote,
} from '../../../contracts/knowledge.js';
import { PROCEDURE_IDS } from '../../../contracts/assistant.js';
import { contentOf } from './kb-diff.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';

describe('knowledge base', () => {
  let env: TestEnv;
  let admin: string;
  let owner: string;
  let officer: string;
  let otherOwner: string;
  let unit: { id: string };

  beforeAll(async () => {
    env = await createTestEnv();
    admin = await signIn(env, await createOfficer(env, 'admin'));
    owner = await signIn(env, await createOfficer(env, 'owner', 'tran-phu'));
    officer = await signIn(env, await createOfficer(env, 'officer', 'tran-phu'));
    otherOwner = await signIn(env, await createOfficer(env, 'owner', 'dai-nai'));
    unit = await unitBySlug(env, 'tran-phu');
  });
  afterAll(async () => env.close());

  /** The entry as stored (what an admin edits). */
  async function stored(id: string): Promise<ProcedureEntry> {
    const res = await env.app.inject({ url: `/api/v1/console/kb/procedures/${id}`, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    return res.json<ProcedureEntry>();
  }
  async function entry(id: string): Promise<ProcedureEntry> {
    const res = await env.app.inject({ url: `/api/v1/public/procedures/${id}` });
    expect(res.statusCode).toBe(200);
    return res.json<ProcedureGuide>();
  }
  function put(id: string, cookie: string, body: object) {
    return env.app.inject({
      method: 'PUT',
      url: `/api/v1/console/kb/procedures/${id}`,
      headers: { cookie },
      payload: body,
    });
  }

  it('seeds 28 procedures, one primary entry per assistant procedure id', async () => {
    const res = await env.app.inject({ url: '/api/v1/public/procedures' });
    const items = res.json<{ items: ProcedureSummary[] }>().items;
    expect(items).toHaveLength(28);
    const primaries = items.filter((i) => i.taxonomyId !== null);
    expect(new Set(primaries.map((p) => p.taxonomyId)).size).toBe(PROCEDURE_IDS.length);
    expect(primaries).toHaveLength(PROCEDURE_IDS.length);
    expect(primaries.find((p) => p.taxonomyId === 'can_cuoc')?.id).toBe('cap-the-can-cuoc-lan-dau');
    expect(primaries.find((p) => p.taxonomyId === 'giay_phep_lai_xe')?.id).toBe('doi-cap-lai-giay-phep-lai-xe');
    expect(items.find((i) => i.id === 'cap-doi-the-can-cuoc')).toMatchObject({
      verified: false,
      lastChecked: '2026-11-27',
      nameVi: 'Cấp đổi thẻ căn cước',
    });
  });

  it('serves a guide page with the fees in force on the day and 404 for unknown ids or units', async () => {
    const dec = await env.app.inject({ url: '/api/v1/public/procedures/cap-doi-the-can-cuoc?date=2026-12-31' });
    const guide = dec.json<ProcedureGuide>();
    expect(guide.feeToday.date).toBe('2026-12-31');
    expect(guide.feeToday.rules.filter((r) => r.amountVnd > 0).map((r) => r.amountVnd)).toEqual([15_000, 25_000]);
    expect(guide.unitNote).toBeNull();
    const jan = await env.app.inject({ url: '/api/v1/public/procedures/cap-doi-the-can-cuoc?date=2027-01-01' });
    expect(
      jan
        .json<ProcedureGuide>()
        .feeToday.rules.filter((r) => r.amountVnd > 0)
        .map((r) => r.amountVnd),
    ).toEqual([30_000, 50_000]);
    expect((await env.app.inject({ url: '/api/v1/public/procedures/khong-co' })).statusCode).toBe(404);
    expect((await env.app.inject({ url: '/api/v1/public/procedures/tach-ho?unitSlug=khong-co' })).statusCode).toBe(404);
    expect((await env.app.inject({ url: '/api/v1/public/procedures/tach-ho?date=31-12-2026' })).statusCode).toBe(400);
  });

  it('shows residents official sources and no research notes; officers read the entry as stored', async () => {
    const guide = (await entry('cap-doi-the-can-cuoc')) as ProcedureGuide;
    expect(guide.sources.length).toBeGreaterThan(0);
    expect(guide.sources.length).toBeLessThanOrEqual(3);
    expect(guide.sources.every((s) => /^https:\/\/[^/]*(gov\.vn|chinhphu\.vn)(\/|$)/.test(s))).toBe(true);
    expect(JSON.stringify(guide)).not.toMatch(/bản đọc|bên thứ ba|Ghi chú nội bộ|chưa xác minh|Phú Thọ|github/i);
    // The fee read only through a third party is left out of the guide's rules.
    expect(guide.fee.rules.some((r) => r.label.includes('sắp xếp đơn vị hành chính'))).toBe(false);
    expect(guide.notes).toContain('cấp lại');

    const url = '/api/v1/console/kb/procedures/cap-doi-the-can-cuoc';
    expect((await env.app.inject({ url })).statusCode).toBe(401);
    const stored = await env.app.inject({ url, headers: { cookie: officer } });
    expect(stored.statusCode).toBe(200);
    const full = stored.json<ProcedureEntry>();
    expect(full.notes).toContain('Ghi chú nội bộ:');
    expect(full.sources.some((s) => s.includes('github.com'))).toBe(true);
    expect(full.fee.rules.some((r) => r.legalBasis?.includes('bản đọc'))).toBe(true);
    expect((await env.app.inject({ url: `${url}-x`, headers: { cookie: officer } })).statusCode).toBe(404);
  });

  it('versions an admin edit with a field diff and an audit row, and refuses a stale version with 409', async () => {
    const before = await stored('tach-ho');
    expect(before.version).toBe(1);
    const content = { ...contentOf(before), processingTime: '05 ngày làm việc.', lastChecked: '2026-12-01' };
    const ok = await put('tach-ho', admin, { ...content, expectedVersion: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<ProcedureEntry>()).toMatchObject({ version: 2, processingTime: '05 ngày làm việc.' });
    expect(ok.json<ProcedureEntry>().updatedBy).toMatch(/^admin/);

    const stale = await put('tach-ho', admin, { ...content, notes: 'x', expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict' });
    expect((await stored('tach-ho')).notes).toBe(before.notes);

    const versions = await env.app.inject({
      url: '/api/v1/console/kb/procedures/tach-ho/versions',
      headers: { cookie: officer },
    });
    const items = versions.json<{ items: ProcedureVersion[] }>().items;
    expect(items.map((v) => v.version)).toEqual([2, 1]);
    expect(items[0]?.diff).toEqual([
      { field: 'processingTime', from: before.processingTime, to: '05 ngày làm việc.' },
      { field: 'lastChecked', from: '2026-11-27', to: '2026-12-01' },
    ]);
    expect(items[0]?.changedBy).toMatch(/^admin/);

    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'kb.procedure.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ unitId: null, targetId: 'tach-ho' });
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({ version: 2, fields: ['processingTime', 'lastChecked'] });
  });

  it('diffs nested fee rules and rejects invalid content', async () => {
    const before = await stored('tach-ho');
    const rules = before.fee.rules.map((r) => (r.channel === 'in_person' ? { ...r, amountVnd: 12_000 } : r));
    const res = await put('tach-ho', admin, {
      ...contentOf(before),
      fee: { ...before.fee, rules },
      expectedVersion: before.version,
    });
    expect(res.statusCode).toBe(200);
    const versions = await env.app.inject({
      url: '/api/v1/console/kb/procedures/tach-ho/versions',
      headers: { cookie: admin },
    });
    expect(versions.json<{ items: ProcedureVersion[] }>().items[0]?.diff.map((d) => d.field)).toEqual(['fee.rules']);
    const bad = await put('tach-ho', admin, {
      ...contentOf(before),
      fee: { summary: 'x', rules: [{ label: 'x', amountVnd: -1, channel: 'any' }] },
      expectedVersion: 3,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses edits of shared content by anyone but admins', async () => {
    const before = await stored('xoa-dang-ky-tam-tru');
    for (const cookie of [owner, officer]) {
      const res = await put('xoa-dang-ky-tam-tru', cookie, { ...contentOf(before), notes: 'sửa', expectedVersion: 1 });
      expect(res.statusCode).toBe(403);
    }
    expect((await entry('xoa-dang-ky-tam-tru')).version).toBe(1);
    expect((await put('khong-co', admin, { ...contentOf(before), expectedVersion: 1 })).statusCode).toBe(404);
  });

  it("lets the unit's owner keep local notes, shown on the guide; officers of the unit and other units may not edit", async () => {
    const url = `/api/v1/console/units/${unit.id}/procedure-notes/dang-ky-tam-tru`;
    const set = await env.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: owner },
      payload: { note: 'Thứ Bảy tiếp dân buổi sáng.' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json<UnitProcedureNote>()).toMatchObject({ unitId: unit.id, note: 'Thứ Bảy tiếp dân buổi sáng.' });
    for (const [cookie, status] of [
      [officer, 403],
      [otherOwner, 404],
    ] as const) {
      const res = await env.app.inject({ method: 'PUT', url, headers: { cookie }, payload: { note: 'x' } });
      expect(res.statusCode).toBe(status);
    }
    const list = await env.app.inject({
      url: `/api/v1/console/units/${unit.id}/procedure-notes`,
      headers: { cookie: officer },
    });
    expect(list.json<{ items: UnitProcedureNote[] }>().items.map((n) => n.note)).toEqual([
      'Thứ Bảy tiếp dân buổi sáng.',
    ]);
    const guide = await env.app.inject({ url: '/api/v1/public/procedures/dang-ky-tam-tru?unitSlug=tran-phu' });
    expect(guide.json<ProcedureGuide>().unitNote?.note).toBe('Thứ Bảy tiếp dân buổi sáng.');
    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'kb.note.update')
      .execute();
    expect(audit.map((a) => a.unitId)).toEqual([unit.id]);

    const cleared = await env.app.inject({ method: 'PUT', url, headers: { cookie: admin }, payload: { note: '  ' } });
    expect(cleared.statusCode).toBe(200);
    const again = await env.app.inject({ url: '/api/v1/public/procedures/dang-ky-tam-tru?unitSlug=tran-phu' });
    expect(again.json<ProcedureGuide>().unitNote).toBeNull();
    const missing = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/console/units/${unit.id}/procedure-notes/khong-co`,
      headers: { cookie: owner },
      payload: { note: 'x' },
    });
    expect(missing.statusCode).toBe(404);
  });
});
