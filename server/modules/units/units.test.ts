import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Unit } from '../../../contracts/units.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { importUnits } from './units.service.js';

const cli = { actorId: null, actorName: 'test', ip: null };

describe('units', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await createTestEnv();
  });
  afterEach(async () => env.close());

  async function publicUnits(query = ''): Promise<Unit[]> {
    const res = await env.app.inject({ url: `/api/v1/public/units${query}` });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Unit[] }>().items;
  }

  it('seeds Hà Tĩnh city with its 10 wards and 5 communes, each an official account', async () => {
    const units = await publicUnits();
    const accounts = units.filter((u) => u.hasAccount);
    expect(accounts).toHaveLength(15);
    expect(accounts.filter((u) => u.kind === 'ward')).toHaveLength(10);
    expect(accounts.filter((u) => u.kind === 'commune')).toHaveLength(5);
    const city = units.find((u) => u.kind === 'city');
    expect(city?.displayName).toBe('Công an TP Hà Tĩnh');
    expect(accounts.every((u) => u.parentId === city?.id)).toBe(true);
    expect(units.find((u) => u.slug === 'ha-huy-tap')?.displayName).toBe('CAP Hà Huy Tập');
    expect(units.find((u) => u.slug === 'thach-binh')?.displayName).toBe('CAX Thạch Bình');
    const thachTrung = units.find((u) => u.slug === 'thach-trung');
    expect(units.filter((u) => u.parentId === thachTrung?.id && u.kind === 'residential_group')).toHaveLength(13);
    const thachHung = units.find((u) => u.slug === 'thach-hung');
    expect(units.filter((u) => u.parentId === thachHung?.id).map((u) => u.name)).toEqual(
      expect.arrayContaining(['Bình', 'Hòa', 'Kinh Nam', 'Thúy Hội', 'Tiến Hưng', 'Trung Hưng']),
    );
    // Unknown facts are left empty, not invented.
    expect(accounts.every((u) => u.phone === null && u.address === null)).toBe(true);
  });

  it('filters by kind and serves one unit by slug', async () => {
    expect(await publicUnits('?kind=commune')).toHaveLength(5);
    const res = await env.app.inject({ url: '/api/v1/public/units/thach-ha' });
    expect(res.json<Unit>()).toMatchObject({ slug: 'thach-ha', kind: 'commune', displayName: 'CAX Thạch Hạ' });
    expect((await env.app.inject({ url: '/api/v1/public/units/khong-co' })).statusCode).toBe(404);
    expect((await env.app.inject({ url: '/api/v1/public/units?kind=planet' })).statusCode).toBe(400);
  });

  it('rejects an import with a broken tree and changes nothing', async () => {
    const before = await publicUnits();
    const bad = {
      parent: 'ha-tinh',
      units: [
        {
          slug: 'tp-hong-linh',
          kind: 'city',
          name: 'Thị xã Hồng Lĩnh',
          children: [
            { slug: 'bac-hong', kind: 'ward', name: 'Phường Bắc Hồng' },
            {
              slug: 'xom-lac',
              kind: 'residential_group',
              name: 'Xóm lạc',
              children: [{ slug: 'x', kind: 'ward', name: 'X' }],
            },
          ],
        },
      ],
    };
    await expect(importUnits(env.ctx, cli, bad)).rejects.toMatchObject({ code: 'invalid_unit_tree' });
    const dup = {
      parent: 'ha-tinh',
      units: [
        { slug: 'tp-hong-linh', kind: 'city', name: 'A', children: [{ slug: 'bac-ha', kind: 'ward', name: 'B' }] },
      ],
    };
    await expect(importUnits(env.ctx, cli, dup)).rejects.toMatchObject({ code: 'invalid_unit_tree' });
    await expect(importUnits(env.ctx, cli, { units: [] })).rejects.toMatchObject({ code: 'invalid_unit_tree' });
    expect(await publicUnits()).toEqual(before);
  });

  it('imports another city and re-imports without overwriting what officers entered', async () => {
    const file = {
      parent: 'ha-tinh',
      units: [
        {
          slug: 'tx-hong-linh',
          kind: 'city',
          name: 'Thị xã Hồng Lĩnh',
          children: [{ slug: 'bac-hong', kind: 'ward', name: 'Phường Bắc Hồng', hotline: '0239 111' }],
        },
      ],
    };
    expect(await importUnits(env.ctx, cli, file)).toEqual({ created: 2, filled: 0, unchanged: 0 });
    expect((await publicUnits()).find((u) => u.slug === 'bac-hong')?.displayName).toBe('CAP Bắc Hồng');
    await env.ctx.database.transaction((trx) =>
      trx.updateTable('units').set({ hotline: '0239 999' }).where('slug', '=', 'bac-hong').execute(),
    );
    expect(await importUnits(env.ctx, cli, file)).toEqual({ created: 0, filled: 0, unchanged: 2 });
    expect((await publicUnits()).find((u) => u.slug === 'bac-hong')?.hotline).toBe('0239 999');
  });

  it('merges a ward into another: the old slug redirects, groups and officers move', async () => {
    const admin = await createOfficer(env, 'admin');
    const cookie = await signIn(env, admin);
    const officer = await createOfficer(env, 'officer', 'thach-trung');
    const from = await unitBySlug(env, 'thach-trung');
    const into = await unitBySlug(env, 'thach-ha');
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${from.id}/merge`,
      headers: { cookie },
      payload: { intoUnitId: into.id },
    });
    expect(res.statusCode).toBe(200);
    const redirect = await env.app.inject({ url: '/api/v1/public/units/thach-trung' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/api/v1/public/units/thach-ha');
    const units = await publicUnits();
    expect(units.find((u) => u.slug === 'thach-trung')).toBeUndefined();
    expect(units.filter((u) => u.parentId === into.id)).toHaveLength(13);
    const staff = await env.app.inject({ url: `/api/v1/console/units/${into.id}/officers`, headers: { cookie } });
    expect(staff.json<{ items: { id: string }[] }>().items.map((o) => o.id)).toContain(officer.id);
    const again = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${from.id}/merge`,
      headers: { cookie },
      payload: { intoUnitId: into.id },
    });
    expect(again.statusCode).toBe(400);
  });

  it('lets the owner edit the profile and refuses officers and bad values', async () => {
    const unit = await unitBySlug(env, 'ha-huy-tap');
    const owner = await signIn(env, await createOfficer(env, 'owner', 'ha-huy-tap'));
    const officer = await signIn(env, await createOfficer(env, 'officer', 'ha-huy-tap'));
    const url = `/api/v1/console/units/${unit.id}`;
    const ok = await env.app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: owner },
      payload: { address: '86 Hà Huy Tập', openingHours: '7:30–17:00, T2–T6' },
    });
    expect(ok.json<Unit>()).toMatchObject({ address: '86 Hà Huy Tập', openingHours: '7:30–17:00, T2–T6' });
    const denied = await env.app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: officer },
      payload: { address: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await env.app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: owner },
      payload: { phone: 'call me', latitude: 200 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const pub = await env.app.inject({ url: '/api/v1/public/units/ha-huy-tap' });
    expect(pub.json<Unit>().address).toBe('86 Hà Huy Tập');
  });
});
