import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../../contracts/broadcasts.js';
import type { InvitationKit, InvitationScans } from '../../../contracts/invitations.js';
import { call, CONSOLE, createGroup, unitDesk, type UnitDesk } from '../../test/broadcasts.js';
import { createOfficer, createTestEnv, signIn, type TestEnv } from '../../test/helper.js';

// The printable invitation kit: a scan link per unit and per residential group, its QR code of the
// absolute URL, scans counted per link (a few per address) and redirected to the unit's page with
// the group offered; printing is audited and seen only by officers who see the unit.

const BASE_URL = 'https://ketnoi.congan-hatinh.example';

describe('invitation kits', () => {
  let env: TestEnv;
  let desk: UnitDesk;
  let groupA: Group;
  let groupB: Group;

  const kit = async (body: { groupId?: string }, cookie = desk.officer) => {
    const res = await call(env, cookie, 'POST', `${CONSOLE}/units/${desk.unitId}/invitation-kits`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<InvitationKit>();
  };
  const scan = (path: string, remoteAddress = '203.0.113.7') => env.app.inject({ url: path, remoteAddress });
  const scans = async () =>
    (await call(env, desk.owner, 'GET', `${CONSOLE}/units/${desk.unitId}/invitation-scans`)).json<InvitationScans>()
      .items;

  beforeAll(async () => {
    env = await createTestEnv({ env: { BASE_URL } });
    desk = await unitDesk(env, 'thach-trung');
    groupA = await createGroup(env, desk, 'Xóm Trung Phú');
    groupB = await createGroup(env, desk, 'Xóm Trung Lộc');
    await call(env, desk.owner, 'PATCH', `${CONSOLE}/units/${desk.unitId}`, { phone: '0239 3855 123', hotline: '113' });
  });
  afterAll(async () => env.close());

  it("makes one link per group and one for the unit, with the QR code of the absolute URL and the unit's numbers", async () => {
    const a = await kit({ groupId: groupA.id });
    expect(a.url).toMatch(new RegExp(`^${BASE_URL}/q/[A-Za-z0-9_-]{16}$`));
    expect(a).toMatchObject({
      unit: { id: desk.unitId, slug: 'thach-trung', phone: '0239 3855 123', hotline: '113' },
      group: { id: groupA.id, name: 'Xóm Trung Phú', kind: 'to_dan_pho' },
      scans: 0,
    });
    const svg = Buffer.from(a.qrCode.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString();
    expect(svg).toBe(await QRCode.toString(a.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));

    expect((await kit({ groupId: groupA.id })).url).toBe(a.url); // printed again: the same link
    const b = await kit({ groupId: groupB.id });
    const unitWide = await kit({});
    expect(new Set([a.url, b.url, unitWide.url]).size).toBe(3);
    expect(unitWide.group).toBeNull();

    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .select(['action', 'targetId'])
      .where('action', '=', 'invitation.kit')
      .execute();
    expect(audit).toHaveLength(4);
    expect(audit[0]?.targetId).toBe(a.linkId);
  });

  it("counts scans per group and redirects to the unit's page with the group offered", async () => {
    const a = new URL((await kit({ groupId: groupA.id })).url);
    const unitWide = new URL((await kit({})).url);
    const first = await scan(a.pathname);
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe(`/u/thach-trung?nhom=${groupA.id}`);
    await scan(a.pathname, '198.51.100.1');
    expect((await scan(unitWide.pathname)).headers.location).toBe('/u/thach-trung');

    const counted = await scans();
    expect(counted.find((s) => s.groupId === groupA.id)).toMatchObject({ scans: 2, scans30Days: 2 });
    expect(counted.find((s) => s.groupId === null)).toMatchObject({ scans: 1 });
    expect(counted.find((s) => s.groupId === groupB.id)).toMatchObject({ scans: 0, lastScanDay: null });
    expect((await kit({ groupId: groupA.id })).scans).toBe(2);
  });

  it('counts a few scans per address and link, and redirects every one', async () => {
    const b = new URL((await kit({ groupId: groupB.id })).url);
    for (let i = 0; i < 5; i++) expect((await scan(b.pathname, '192.0.2.9')).statusCode).toBe(302);
    expect((await scans()).find((s) => s.groupId === groupB.id)?.scans).toBe(3);
    // Later, the same address counts again; the 30-day figure forgets old days.
    env.clock.advance(31 * 86_400_000);
    await scan(b.pathname, '192.0.2.9');
    const owner = await signIn(env, await createOfficer(env, 'owner', 'thach-trung'));
    const res = await call(env, owner, 'GET', `${CONSOLE}/units/${desk.unitId}/invitation-scans`);
    expect(res.json<InvitationScans>().items.find((s) => s.groupId === groupB.id)).toMatchObject({
      scans: 4,
      scans30Days: 1,
    });
    desk = { ...desk, owner, officer: owner };
  });

  it('answers 404 to an unknown token and stores no scan', async () => {
    const before = await env.ctx.database.db.selectFrom('invitationScans').selectAll().execute();
    for (const path of ['/q/nope', '/q/AAAAAAAAAAAAAAAA']) expect((await scan(path)).statusCode).toBe(404);
    expect(await env.ctx.database.db.selectFrom('invitationScans').selectAll().execute()).toEqual(before);
  });

  it("refuses another unit's officer (404), another unit's group (404) and a non-account unit (400)", async () => {
    const outsider = await signIn(env, await createOfficer(env, 'owner', 'dai-nai'));
    const url = `${CONSOLE}/units/${desk.unitId}/invitation-kits`;
    expect((await call(env, outsider, 'POST', url, {})).statusCode).toBe(404);
    expect((await call(env, outsider, 'GET', `${CONSOLE}/units/${desk.unitId}/invitation-scans`)).statusCode).toBe(404);
    const daiNai = await unitDesk(env, 'dai-nai');
    const theirs = await createGroup(env, daiNai, 'Tổ 1');
    const res = await call(env, desk.officer, 'POST', url, { groupId: theirs.id });
    expect(res.statusCode).toBe(404);
    expect((await call(env, desk.officer, 'POST', url, { groupId: 'x', extra: 1 })).statusCode).toBe(400);
    const supervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tp-ha-tinh'));
    const city = await env.ctx.database.db
      .selectFrom('units')
      .select('id')
      .where('slug', '=', 'tp-ha-tinh')
      .executeTakeFirstOrThrow();
    const notAccount = await call(env, supervisor, 'POST', `${CONSOLE}/units/${city.id}/invitation-kits`, {});
    expect(notAccount.statusCode).toBe(400);
    expect((await call(env, supervisor, 'POST', url, { groupId: groupA.id })).statusCode).toBe(200);
  });
});
