import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importUnits } from '../modules/units/units.service.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../test/helper.js';

// Walks every console route with officers of another unit: none may read or change
// anything of Thạch Trung. A new console route is covered automatically; routes that
// take no unit must be listed here on purpose.
const ROUTES_WITHOUT_UNIT = new Set([
  'POST /api/v1/console/session',
  'DELETE /api/v1/console/session',
  'GET /api/v1/console/me',
  'GET /api/v1/console/units',
  'GET /api/v1/console/invites/:token',
  'POST /api/v1/console/invites/:token/accept',
  // Shared knowledge base: readable by every officer, editable by admins only (kb.test.ts).
  'GET /api/v1/console/kb/procedures/:id/versions',
  'PUT /api/v1/console/kb/procedures/:id',
]);

const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/console/units/:unitId': { address: 'Tampered' },
  'POST /api/v1/console/units/:unitId/merge': { intoUnitId: 'UNIT_B' },
  'POST /api/v1/console/units/:unitId/invites': { role: 'officer', displayName: 'Kẻ lạ' },
  'PATCH /api/v1/console/units/:unitId/officers/:officerId': { disabled: true },
  'PUT /api/v1/console/units/:unitId/procedure-notes/:procedureId': { note: 'Tampered' },
};

describe('tenancy: officers of another unit', () => {
  const routes: { method: string; url: string }[] = [];
  let env: TestEnv;
  let target: { id: string };
  let other: { id: string };
  let targetOfficerId: string;
  const outsiders: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnv({ onRoute: (r) => routes.push(r) });
    target = await unitBySlug(env, 'thach-trung');
    other = await unitBySlug(env, 'dai-nai');
    targetOfficerId = (await createOfficer(env, 'officer', 'thach-trung')).id;
    outsiders.officer = await signIn(env, await createOfficer(env, 'officer', 'dai-nai'));
    outsiders.owner = await signIn(env, await createOfficer(env, 'owner', 'dai-nai'));
    // A supervisor of a different city.
    await importUnits(
      env.ctx,
      { actorId: null, actorName: 'test', ip: null },
      { parent: 'ha-tinh', units: [{ slug: 'tx-ky-anh', kind: 'city', name: 'Thị xã Kỳ Anh' }] },
    );
    outsiders.supervisorOfAnotherCity = await signIn(env, await createOfficer(env, 'supervisor', 'tx-ky-anh'));
  });
  afterAll(async () => env.close());

  it('covers every console route', () => {
    const console = routes.filter((r) => r.url.startsWith('/api/v1/console') && r.method !== 'HEAD');
    expect(console.length).toBeGreaterThan(8);
    for (const r of console) {
      const key = `${r.method} ${r.url}`;
      if (!ROUTES_WITHOUT_UNIT.has(key)) expect(r.url, key).toContain(':unitId');
    }
  });

  it.each(['officer', 'owner', 'supervisorOfAnotherCity'])(
    '%s gets 403/404 on every unit route of another unit and changes nothing',
    async (who) => {
      const before = await env.ctx.database.db
        .selectFrom('units')
        .selectAll()
        .where('id', '=', target.id)
        .executeTakeFirst();
      const unitRoutes = routes.filter(
        (r) => r.url.startsWith('/api/v1/console') && r.url.includes(':unitId') && r.method !== 'HEAD',
      );
      for (const r of unitRoutes) {
        const key = `${r.method} ${r.url}`;
        const url = r.url.replace(':unitId', target.id).replace(':officerId', targetOfficerId);
        const body = BODIES[key]
          ? (JSON.parse(JSON.stringify(BODIES[key]).replace('UNIT_B', other.id)) as object)
          : undefined;
        const res = await env.app.inject({
          method: r.method as 'GET',
          url,
          headers: { cookie: outsiders[who] ?? '' },
          ...(body ? { payload: body } : {}),
        });
        expect([403, 404], `${who}: ${key} answered ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      }
      const after = await env.ctx.database.db
        .selectFrom('units')
        .selectAll()
        .where('id', '=', target.id)
        .executeTakeFirst();
      expect(after).toEqual(before);
      const officer = await env.ctx.database.db
        .selectFrom('officers')
        .select('disabledAt')
        .where('id', '=', targetOfficerId)
        .executeTakeFirst();
      expect(officer?.disabledAt).toBeNull();
    },
  );

  it('without a session every console route but sign-in and invites answers 401', async () => {
    const open = new Set([
      'POST /api/v1/console/session',
      'GET /api/v1/console/invites/:token',
      'POST /api/v1/console/invites/:token/accept',
    ]);
    for (const r of routes.filter((x) => x.url.startsWith('/api/v1/console') && x.method !== 'HEAD')) {
      if (open.has(`${r.method} ${r.url}`)) continue;
      const res = await env.app.inject({
        method: r.method as 'GET',
        url: r.url.replace(':unitId', target.id).replace(':officerId', targetOfficerId),
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('the console unit list shows only the actor’s own units', async () => {
    const res = await env.app.inject({ url: '/api/v1/console/units', headers: { cookie: outsiders.owner ?? '' } });
    expect(res.json<{ items: { slug: string }[] }>().items.map((u) => u.slug)).toEqual(['dai-nai']);
  });
});
