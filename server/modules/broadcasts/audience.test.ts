import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePost, Group, PublicPost, Recipients } from '../../../contracts/broadcasts.js';
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
import { createTestEnv, type TestEnv } from '../../test/helper.js';

// A post addressed to residential groups reaches their members and nobody else: not the unit's
// other followers, not visitors, not members of other groups.
describe('posts to residential groups', () => {
  let env: TestEnv;
  let desk: UnitDesk;
  let groupA: Group;
  let groupB: Group;
  let memberA: string;
  let memberAB: string;
  let memberB: string;
  let followerOnly: string;
  let toA: ConsolePost;
  let toAll: ConsolePost;

  const feedIds = async (cookie: string) =>
    (await call(env, cookie, 'GET', `${PUBLIC}/me/feed`)).json<{ items: PublicPost[] }>().items.map((p) => p.id);

  beforeAll(async () => {
    env = await createTestEnv();
    desk = await unitDesk(env, 'thach-trung');
    groupA = await createGroup(env, desk, 'Xóm Trung Phú');
    groupB = await createGroup(env, desk, 'Xóm Trung Lộc');
    memberA = await joinGroup(env, groupA.id);
    memberAB = await joinGroup(env, groupB.id, await joinGroup(env, groupA.id));
    memberB = await joinGroup(env, groupB.id);
    followerOnly = await newFollower(env, 'thach-trung');
    // A member of group A who also follows the unit.
    await newFollower(env, 'thach-trung', memberA);
    toA = await publish(env, desk, { title: 'Họp xóm Trung Phú tối thứ Bảy', audience: { groupIds: [groupA.id] } });
    toAll = await publish(env, desk, { title: 'Thông báo chung toàn xã' });
  });
  afterAll(async () => env.close());

  it('records the audience and counts its recipients once each', async () => {
    expect(toA.audience).toEqual({ groupIds: [groupA.id] });
    expect(toAll.audience).toBeNull();
    const recipients = async (id: string) =>
      (await call(env, desk.officer, 'GET', `${CONSOLE}/posts/${id}/recipients`)).json<Recipients>();
    expect(await recipients(toA.id)).toEqual({
      followers: 0,
      groupMembers: 2,
      total: 2,
      byChannel: { web: 2, push: 0, zalo: 0 },
    });
    expect(await recipients(toAll.id)).toEqual({
      followers: 2,
      groupMembers: 0,
      total: 2,
      byChannel: { web: 2, push: 0, zalo: 0 },
    });
    const both = await publish(env, desk, { audience: { groupIds: [groupA.id, groupB.id] } });
    expect((await recipients(both.id)).groupMembers).toBe(3);
  });

  it('puts it in the feeds of the members of its groups only', async () => {
    expect(await feedIds(memberA)).toContain(toA.id);
    expect(await feedIds(memberAB)).toContain(toA.id);
    expect(await feedIds(memberB)).not.toContain(toA.id);
    expect(await feedIds(followerOnly)).not.toContain(toA.id);
    expect(await feedIds(followerOnly)).toContain(toAll.id);
    // A member who does not follow the unit does not get its unit-wide posts.
    expect(await feedIds(memberB)).not.toContain(toAll.id);
    // Twice a member (A and B), once in the feed.
    const ab = await feedIds(memberAB);
    expect(ab.length).toBe(new Set(ab).size);
  });

  it('shows its page to members only, and lists it in no unit list', async () => {
    const page = (cookie: string) => call(env, cookie, 'GET', `${PUBLIC}/posts/${toA.id}`);
    const seen = await page(memberA);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<PublicPost>()).toMatchObject({ groups: [{ id: groupA.id, name: 'Xóm Trung Phú' }], read: false });
    for (const cookie of [memberB, followerOnly, '', 'kn_resident=forged']) {
      expect((await page(cookie)).statusCode, cookie).toBe(404);
    }
    for (const cookie of [memberA, followerOnly, '']) {
      const listed = await call(env, cookie, 'GET', `${PUBLIC}/units/thach-trung/posts`);
      const ids = listed.json<{ items: PublicPost[] }>().items.map((p) => p.id);
      expect(ids).toContain(toAll.id);
      expect(ids).not.toContain(toA.id);
    }
    // Marking it read is for members too.
    const read = await call(env, followerOnly, 'POST', `${PUBLIC}/me/feed/read`, { postId: toA.id });
    expect(read.statusCode).toBe(404);
  });

  it('stops reaching a member who left the group', async () => {
    const leaver = await joinGroup(env, groupA.id);
    expect(await feedIds(leaver)).toContain(toA.id);
    const left = await call(env, leaver, 'DELETE', `${PUBLIC}/groups/${groupA.id}/join`);
    expect(left.json()).toEqual({ left: true });
    expect(await feedIds(leaver)).not.toContain(toA.id);
    expect((await call(env, leaver, 'GET', `${PUBLIC}/posts/${toA.id}`)).statusCode).toBe(404);
  });

  it('refuses groups that are not the unit’s (400 unknown_group) and changes nothing', async () => {
    const other = await unitDesk(env, 'dai-nai');
    const foreign = await createGroup(env, other, 'Tổ 1 Đại Nài');
    const count = async () => (await env.ctx.database.db.selectFrom('posts').select('id').execute()).length;
    const before = await count();
    for (const groupIds of [[foreign.id], [groupA.id, 'no-such-group']]) {
      const res = await call(env, desk.officer, 'POST', `${CONSOLE}/units/${desk.unitId}/posts`, {
        title: 'Nhầm tổ',
        body: 'Nhầm tổ',
        category: 'event',
        audience: { groupIds },
      });
      expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([400, 'unknown_group']);
    }
    const post = (
      await call(env, desk.officer, 'POST', `${CONSOLE}/units/${desk.unitId}/posts`, {
        title: 'Đúng tổ',
        body: 'Đúng tổ',
        category: 'event',
      })
    ).json<ConsolePost>();
    const patch = await call(env, desk.officer, 'PATCH', `${CONSOLE}/posts/${post.id}`, {
      audience: { groupIds: [foreign.id] },
    });
    expect([patch.statusCode, patch.json<{ code: string }>().code]).toEqual([400, 'unknown_group']);
    expect(await count()).toBe(before + 1);
    const stored = await call(env, desk.officer, 'GET', `${CONSOLE}/posts/${post.id}`);
    expect(stored.json<ConsolePost>().audience).toBeNull();
  });
});
