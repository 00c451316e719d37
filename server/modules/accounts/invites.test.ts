import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PendingInvite } from '../../../contracts/accounts.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv, type TestOfficer } from '../../test/helper.js';

describe('pending invites', () => {
  let env: TestEnv;
  let unit: { id: string };
  let ownerOfficer: TestOfficer;
  let owner: string;
  let admin: string;
  beforeEach(async () => {
    env = await createTestEnv();
    unit = await unitBySlug(env, 'van-yen');
    ownerOfficer = await createOfficer(env, 'owner', 'van-yen');
    owner = await signIn(env, ownerOfficer);
    admin = await signIn(env, await createOfficer(env, 'admin'));
  });
  afterEach(async () => env.close());

  async function invite(cookie: string, role: string, displayName: string) {
    const r = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/units/${unit.id}/invites`,
      headers: { cookie },
      payload: { role, displayName },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; url: string }>();
  }
  const list = (cookie: string) =>
    env.app.inject({ url: `/api/v1/console/units/${unit.id}/invites`, headers: { cookie } });
  const withdraw = (cookie: string, id: string) =>
    env.app.inject({ method: 'DELETE', url: `/api/v1/console/units/${unit.id}/invites/${id}`, headers: { cookie } });
  const tokenOf = (url: string) => url.split('/').pop() ?? '';

  it('lists the pending invites of a unit and lets its owner withdraw one; the link then answers like a used one', async () => {
    const an = await invite(owner, 'officer', 'Nguyễn Văn An');
    const binh = await invite(owner, 'officer', 'Lê Thị Bình');
    const listed = await list(owner);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: PendingInvite[] }>().items).toMatchObject([
      { id: binh.id, role: 'officer', displayName: 'Lê Thị Bình', canWithdraw: true },
      { id: an.id, role: 'officer', displayName: 'Nguyễn Văn An', canWithdraw: true },
    ]);

    expect((await withdraw(owner, an.id)).statusCode).toBe(200);
    expect((await list(owner)).json<{ items: PendingInvite[] }>().items.map((i) => i.id)).toEqual([binh.id]);

    const opened = await env.app.inject({ url: `/api/v1/console/invites/${tokenOf(an.url)}` });
    expect(opened.statusCode).toBe(410);
    expect(opened.json()).toMatchObject({ code: 'invite_invalid' });
    const accepted = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/invites/${tokenOf(an.url)}/accept`,
      payload: { username: 'an.nv', password: 'a long enough password' },
    });
    expect(accepted.statusCode).toBe(410);
    expect(accepted.json()).toMatchObject({ code: 'invite_invalid' });
    expect((await withdraw(owner, an.id)).statusCode).toBe(410);

    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'invite.withdraw')
      .execute();
    expect(audit).toMatchObject([{ unitId: unit.id, targetId: an.id }]);
  });

  it('does not list used or expired invites', async () => {
    const used = await invite(owner, 'officer', 'Đã nhận');
    const accepted = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/invites/${tokenOf(used.url)}/accept`,
      payload: { username: 'da.nhan', password: 'a long enough password' },
    });
    expect(accepted.statusCode).toBe(201);
    expect((await withdraw(owner, used.id)).statusCode).toBe(410);
    await invite(owner, 'officer', 'Sẽ hết hạn');
    env.clock.advance(73 * 3600_000);
    owner = await signIn(env, ownerOfficer);
    expect((await list(owner)).json<{ items: PendingInvite[] }>().items).toEqual([]);
  });

  it('lets only whoever may give the role withdraw it: the owner not an owner invite, the admin any', async () => {
    const deputy = await invite(admin, 'owner', 'Phó trưởng');
    const items = (await list(owner)).json<{ items: PendingInvite[] }>().items;
    expect(items).toMatchObject([{ id: deputy.id, canWithdraw: false }]);
    expect((await withdraw(owner, deputy.id)).statusCode).toBe(403);
    expect((await withdraw(admin, deputy.id)).statusCode).toBe(200);
  });

  it('keeps pending invites from plain officers and supervisors', async () => {
    await invite(owner, 'officer', 'Nguyễn Văn An');
    const officer = await signIn(env, await createOfficer(env, 'officer', 'van-yen'));
    const supervisor = await signIn(env, await createOfficer(env, 'supervisor', 'ha-tinh'));
    expect((await list(officer)).statusCode).toBe(403);
    expect((await list(supervisor)).statusCode).toBe(403);
  });
});
