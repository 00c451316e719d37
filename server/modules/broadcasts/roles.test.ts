import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePost, Group, GroupMember } from '../../../contracts/broadcasts.js';
import { importUnits } from '../units/units.service.js';
import {
  call,
  CONSOLE,
  createGroup,
  draft,
  joinGroup,
  publish,
  step,
  unitDesk,
  type UnitDesk,
} from '../../test/broadcasts.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';

describe('who may do what with posts and groups', () => {
  let env: TestEnv;
  let desk: UnitDesk;
  let other: UnitDesk;
  let secondOfficer: string;
  let citySupervisor: string;
  let otherCitySupervisor: string;

  beforeAll(async () => {
    env = await createTestEnv();
    desk = await unitDesk(env, 'thach-trung');
    other = await unitDesk(env, 'dai-nai');
    secondOfficer = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    citySupervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tp-ha-tinh'));
    await importUnits(
      env.ctx,
      { actorId: null, actorName: 'test', ip: null },
      { parent: 'ha-tinh', units: [{ slug: 'tx-ky-anh', kind: 'city', name: 'Thị xã Kỳ Anh' }] },
    );
    otherCitySupervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tx-ky-anh'));
  });
  afterAll(async () => env.close());

  const codeOf = (res: { statusCode: number; json: <T>() => T }) => [res.statusCode, res.json<{ code: string }>().code];

  it('an officer drafts and submits, but cannot approve, reject or retract (403)', async () => {
    const post = await draft(env, desk);
    expect(codeOf(await step(env, desk.officer, post.id, 'approve'))).toEqual([403, 'forbidden']);
    await step(env, desk.officer, post.id, 'submit');
    expect(codeOf(await step(env, desk.officer, post.id, 'approve'))).toEqual([403, 'forbidden']);
    expect(codeOf(await step(env, desk.officer, post.id, 'reject', 'Không'))).toEqual([403, 'forbidden']);
    const published = await publish(env, desk);
    expect(codeOf(await step(env, desk.officer, published.id, 'retract', 'Không'))).toEqual([403, 'forbidden']);
    const correction = await call(env, desk.officer, 'PATCH', `${CONSOLE}/posts/${published.id}`, {
      title: 'Sửa',
      correctionNote: 'Sửa',
    });
    expect(codeOf(correction)).toEqual([403, 'forbidden']);
  });

  it("an officer edits and submits their own drafts, not a colleague's; the owner edits anyone's", async () => {
    const post = await draft(env, desk);
    const patch = { title: 'Tiêu đề mới' };
    expect((await call(env, secondOfficer, 'PATCH', `${CONSOLE}/posts/${post.id}`, patch)).statusCode).toBe(403);
    expect((await step(env, secondOfficer, post.id, 'submit')).statusCode).toBe(403);
    const byOwner = await call(env, desk.owner, 'PATCH', `${CONSOLE}/posts/${post.id}`, patch);
    expect(byOwner.json<ConsolePost>().title).toBe('Tiêu đề mới');
    // Reading is for every officer of the unit.
    expect((await call(env, secondOfficer, 'GET', `${CONSOLE}/posts/${post.id}`)).statusCode).toBe(200);
  });

  it("another unit's officer and owner see nothing of the unit's posts and groups (404)", async () => {
    const post = await publish(env, desk);
    const group = await createGroup(env, desk);
    for (const cookie of [other.officer, other.owner, otherCitySupervisor]) {
      for (const [method, url] of [
        ['GET', `${CONSOLE}/posts/${post.id}`],
        ['GET', `${CONSOLE}/posts/${post.id}/recipients`],
        ['POST', `${CONSOLE}/posts/${post.id}/submit`],
        ['POST', `${CONSOLE}/posts/${post.id}/approve`],
        ['GET', `${CONSOLE}/units/${desk.unitId}/posts`],
        ['GET', `${CONSOLE}/units/${desk.unitId}/groups`],
        ['GET', `${CONSOLE}/groups/${group.id}/members`],
      ] as const) {
        const res = await call(env, cookie, method, url);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
      const retract = await step(env, cookie, post.id, 'retract', 'Không phải của mình');
      expect(retract.statusCode).toBe(404);
    }
    const list = await call(env, other.owner, 'GET', `${CONSOLE}/units/${other.unitId}/posts`);
    expect(list.json<{ items: ConsolePost[] }>().items).toEqual([]);
  });

  it('a supervisor drafts and publishes for a unit below, and nowhere else', async () => {
    const post = await draft(env, desk, { title: 'Cảnh báo toàn thành phố' }, citySupervisor);
    const approved = await step(env, citySupervisor, post.id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<ConsolePost>().status).toBe('published');
    // And approves an officer's submitted post, or sends it back.
    const submitted = await draft(env, desk);
    await step(env, desk.officer, submitted.id, 'submit');
    expect((await step(env, citySupervisor, submitted.id, 'reject', 'Cần sửa')).statusCode).toBe(200);

    const elsewhere = await call(env, otherCitySupervisor, 'POST', `${CONSOLE}/units/${desk.unitId}/posts`, {
      title: 'Không được',
      body: 'Không được',
      category: 'other',
    });
    expect(elsewhere.statusCode).toBe(404);
    // A ward's owner does not publish for the city (area-wide posts: area-wide.test.ts).
    const city = await unitBySlug(env, 'tp-ha-tinh');
    const onCity = await call(env, desk.owner, 'POST', `${CONSOLE}/units/${city.id}/posts`, {
      title: 'Thành phố',
      body: 'Thành phố',
      category: 'other',
    });
    expect(onCity.statusCode).toBe(404);
  });

  it('only the owner creates groups; officers confirm members; supervisors only read them', async () => {
    const payload = { name: 'Thôn Trung Tiến', kind: 'thon' };
    const url = `${CONSOLE}/units/${desk.unitId}/groups`;
    expect((await call(env, desk.officer, 'POST', url, payload)).statusCode).toBe(403);
    expect((await call(env, citySupervisor, 'POST', url, payload)).statusCode).toBe(403);
    const created = await call(env, desk.owner, 'POST', url, payload);
    expect(created.statusCode).toBe(201);
    const group = created.json<Group>();
    expect(group).toMatchObject({ name: 'Thôn Trung Tiến', kind: 'thon', memberCount: 0, unitId: desk.unitId });
    expect(codeOf(await call(env, desk.owner, 'POST', url, payload))).toEqual([409, 'group_exists']);

    await joinGroup(env, group.id);
    const members = await call(env, citySupervisor, 'GET', `${CONSOLE}/groups/${group.id}/members`);
    const [member] = members.json<{ items: GroupMember[] }>().items;
    expect(member).toMatchObject({ status: 'self_declared', displayName: null });
    const confirmUrl = `${CONSOLE}/groups/${group.id}/members/${member?.residentId ?? ''}/confirm`;
    expect((await call(env, citySupervisor, 'POST', confirmUrl)).statusCode).toBe(403);
    const confirmed = await call(env, desk.officer, 'POST', confirmUrl);
    expect(confirmed.json<GroupMember>().status).toBe('confirmed');
    expect((await call(env, other.officer, 'POST', confirmUrl)).statusCode).toBe(404);
    const unknown = await call(env, desk.officer, 'POST', `${CONSOLE}/groups/${group.id}/members/nobody/confirm`);
    expect(unknown.statusCode).toBe(404);
    const listed = await call(env, desk.officer, 'GET', url);
    expect(listed.json<{ items: Group[] }>().items.find((g) => g.id === group.id)?.memberCount).toBe(1);

    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', group.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['group.create', 'group.member.confirm']);
  });
});
