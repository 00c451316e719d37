import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, PublicPost, VerifyResult } from '../../../contracts/broadcasts.js';
import {
  call,
  CONSOLE,
  createGroup,
  joinGroup,
  newFollower,
  PUBLIC,
  publish,
  unitDesk,
  type UnitDesk,
} from '../../test/broadcasts.js';
import { createOfficer, createTestEnv, signIn, type TestEnv } from '../../test/helper.js';
import { ZALO_TEXTS } from '../zalo/texts.js';

describe('announcements when their unit is merged into another', () => {
  let env: TestEnv;
  let from: UnitDesk;
  let into: UnitDesk;

  beforeAll(async () => {
    env = await createTestEnv();
    from = await unitDesk(env, 'thach-trung');
    into = await unitDesk(env, 'thach-ha');
  });
  afterAll(async () => env.close());

  it("moves followers, groups and posts to the successor; residents' feeds keep both units' posts", async () => {
    const old = await publish(env, from, { title: 'Bài của Thạch Trung' });
    const kept = await publish(env, into, { title: 'Bài của Thạch Hà' });
    const clash = await createGroup(env, from, 'Xóm 1');
    await createGroup(env, into, 'Xóm 1');
    const toGroup = await publish(env, from, { audience: { groupIds: [clash.id] } });
    const onlyOld = await newFollower(env, 'thach-trung');
    const both = await newFollower(env, 'thach-ha', await newFollower(env, 'thach-trung'));
    const member = await joinGroup(env, clash.id);
    const written = await call(env, member, 'POST', `${PUBLIC}/groups/${clash.id}/board`, { text: 'Tin trên bảng' });
    expect(written.statusCode, written.body).toBe(201);

    const kit = await call(env, from.owner, 'POST', `${CONSOLE}/units/${from.unitId}/invitation-kits`, {
      groupId: clash.id,
    });
    expect(kit.statusCode, kit.body).toBe(200);
    const scanPath = new URL(kit.json<{ url: string }>().url).pathname;

    const admin = await signIn(env, await createOfficer(env, 'admin'));
    const merged = await call(env, admin, 'POST', `${CONSOLE}/units/${from.unitId}/merge`, { intoUnitId: into.unitId });
    expect(merged.statusCode, merged.body).toBe(200);

    // A printed invitation of the old unit's group lands on the successor's page, offering that group.
    const scanned = await env.app.inject({ url: scanPath });
    expect([scanned.statusCode, scanned.headers.location]).toEqual([302, `/u/thach-ha?nhom=${clash.id}`]);

    const feed = async (cookie: string) =>
      (await call(env, cookie, 'GET', `${PUBLIC}/me/feed`)).json<{ items: PublicPost[] }>().items;
    for (const cookie of [onlyOld, both]) {
      const ids = (await feed(cookie)).map((p) => p.id);
      expect(ids).toEqual(expect.arrayContaining([old.id, kept.id]));
      expect(ids.length).toBe(new Set(ids).size);
    }
    expect((await feed(onlyOld)).find((p) => p.id === old.id)?.unit.slug).toBe('thach-ha');
    expect((await feed(member)).map((p) => p.id)).toContain(toGroup.id);
    const followers = await env.ctx.database.db
      .selectFrom('unitFollowers')
      .select(['unitId'])
      .where('unitId', 'in', [from.unitId, into.unitId])
      .execute();
    expect(followers.map((f) => f.unitId)).toEqual([into.unitId, into.unitId]);

    const groups = await call(env, into.owner, 'GET', `${CONSOLE}/units/${into.unitId}/groups`);
    expect(
      groups
        .json<{ items: Group[] }>()
        .items.map((g) => g.name)
        .sort(),
    ).toEqual(['Xóm 1', 'Xóm 1 (Xã Thạch Trung)']);
    // The group's board goes with it: the successor's officers moderate it.
    const hidden = await call(
      env,
      into.officer,
      'POST',
      `${CONSOLE}/board-messages/${written.json<{ id: string }>().id}/hide`,
      {
        reason: 'Sau sáp nhập',
      },
    );
    expect(hidden.statusCode, hidden.body).toBe(200);
    const listed = await call(env, '', 'GET', `${PUBLIC}/units/thach-ha/posts`);
    expect(listed.json<{ items: PublicPost[] }>().items.map((p) => p.id)).toEqual(
      expect.arrayContaining([old.id, kept.id]),
    );
    const verified = await call(env, '', 'GET', `${PUBLIC}/verify?code=${old.verificationCode ?? ''}`);
    expect(verified.json<VerifyResult>()).toMatchObject({ valid: true, post: { unit: { slug: 'thach-ha' } } });
    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .select('details')
      .where('action', '=', 'unit.merge')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({ movedFollowers: 2, movedGroups: 1, movedPosts: 2 });
  });
});

describe("residential groups' Zalo links when their unit is merged", () => {
  let env: TestEnv;
  afterAll(async () => env.close());

  it("marks the merged unit's links broken and leaves a Zalo group the successor has linked to the successor", async () => {
    env = await createTestEnv();
    const from = await unitDesk(env, 'thach-trung');
    const into = await unitDesk(env, 'thach-ha');
    const link = async (desk: UnitDesk, group: Group, zaloGroupId: string) => {
      const res = await env.app.inject({
        method: 'PUT',
        url: `${CONSOLE}/groups/${group.id}/zalo`,
        headers: { cookie: desk.owner },
        payload: { zaloGroupId },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const shared = await createGroup(env, from, 'Xóm Đông');
    const own = await createGroup(env, from, 'Xóm Tây');
    const successors = await createGroup(env, into, 'Xóm Bắc');
    await link(from, shared, 'f414c8f76fa586fbdfb4');
    await link(into, successors, 'f414c8f76fa586fbdfb4');
    await link(from, own, '5512345678901234567');

    const admin = await signIn(env, await createOfficer(env, 'admin'));
    const merged = await call(env, admin, 'POST', `${CONSOLE}/units/${from.unitId}/merge`, { intoUnitId: into.unitId });
    expect(merged.statusCode, merged.body).toBe(200);

    const groups = (await call(env, into.owner, 'GET', `${CONSOLE}/units/${into.unitId}/groups`)).json<{
      items: Group[];
    }>().items;
    const zaloOf = (id: string) => groups.find((g) => g.id === id)?.zalo;
    expect(zaloOf(shared.id)).toBeNull();
    expect(zaloOf(successors.id)).toMatchObject({ groupId: 'f414c8f76fa586fbdfb4', state: 'linked' });
    expect(zaloOf(own.id)).toMatchObject({
      groupId: '5512345678901234567',
      state: 'broken',
      error: ZALO_TEXTS.groupUnitMerged,
    });
  });
});
