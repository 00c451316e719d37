import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePost, Group } from '../../../contracts/broadcasts.js';
import type { ZaloGroupPostRow } from '../../db/schema/index.js';
import type { DeliveryDispatcher } from '../../jobs/dispatcher.js';
import { enqueueNotifications, zaloGroupPostContents } from '../broadcasts/deliveries.js';
import { findPostsByIds } from '../broadcasts/posts.repository.js';
import { call, CONSOLE, createGroup, publish, step, unitDesk, type UnitDesk } from '../../test/broadcasts.js';
import { FakeZalo } from '../../test/fake-zalo.js';
import { createOfficer, createTestEnv, signIn, type TestEnv } from '../../test/helper.js';
import { connectTestOa, fakeZaloOa } from '../../test/zalo-webhooks.js';
import { ZALO_TEXTS } from './texts.js';
import { zaloGroupPostDispatcher, type ZaloGroupMessage } from './zalo-group-posts.js';

// Posts published to residential groups linked to Zalo groups: queued in the publishing
// transaction, sent by the dispatcher (driven with runOnce) to a fake Zalo over HTTP, and the
// link's state as officers see it in the console API.

describe('posts to residential groups linked to Zalo groups', () => {
  let env: TestEnv;
  let fake: FakeZalo;
  let desk: UnitDesk;
  let otherDesk: UnitDesk;
  let dispatcher: DeliveryDispatcher<ZaloGroupPostRow, ZaloGroupMessage>;

  /** A Zalo group id as Zalo shows them (20 hex characters, §4.13). */
  const gmfId = () => randomBytes(10).toString('hex');

  const link = (cookie: string, groupId: string, zaloGroupId: unknown) =>
    env.app.inject({
      method: 'PUT',
      url: `${CONSOLE}/groups/${groupId}/zalo`,
      headers: { cookie },
      payload: { zaloGroupId },
    });

  async function linkedGroup(d: UnitDesk, zaloGroupId = gmfId()): Promise<{ group: Group; zaloGroupId: string }> {
    const group = await createGroup(env, d);
    const res = await link(d.owner, group.id, zaloGroupId);
    expect(res.statusCode, res.body).toBe(200);
    return { group: res.json<Group>(), zaloGroupId };
  }

  const sentTo = (zaloGroupId: string) =>
    fake.sent.filter((s) => s.endpoint === 'group' && s.recipientId === zaloGroupId).map((s) => s.message);

  const rowsOf = (postId: string) =>
    env.ctx.database.db.selectFrom('zaloGroupPosts').selectAll().where('postId', '=', postId).execute();

  async function groupsOf(d: UnitDesk, cookie = d.officer): Promise<Group[]> {
    const res = await call(env, cookie, 'GET', `${CONSOLE}/units/${d.unitId}/groups`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Group[] }>().items;
  }

  /** One dispatcher pass, a second later: the test clock stands still, and the sender's token bucket refills with time. */
  const drain = () => {
    env.clock.advance(1_000);
    return dispatcher.runOnce();
  };

  const toGroups = (...groups: Group[]) => ({ audience: { groupIds: groups.map((g) => g.id) } });

  beforeAll(async () => {
    fake = await FakeZalo.start();
    env = await createTestEnv({
      env: { ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url, BASE_URL: 'https://ketnoi.example' },
    });
    desk = await unitDesk(env, 'thach-trung');
    otherDesk = await unitDesk(env, 'dai-nai');
    await connectTestOa(env, 'thach-trung', fakeZaloOa(fake));
    dispatcher = zaloGroupPostDispatcher(env.ctx, zaloGroupPostContents(env.ctx), { random: () => 0.5 });
  });
  afterAll(async () => {
    await env.close();
    await fake.close();
  });

  it('sends a post published to a linked group once to its Zalo group, with its title, body, link and code', async () => {
    const { group, zaloGroupId } = await linkedGroup(desk);
    expect(group.zalo).toEqual({ groupId: zaloGroupId, state: 'linked', error: null, brokenAt: null });
    const post = await publish(env, desk, {
      title: 'Họp tổ dân phố tối thứ Bảy',
      body: 'Mời bà con dự họp bàn về an ninh trật tự khu dân cư.',
      ...toGroups(group),
    });
    expect(await drain()).toBe(1);
    const sent = sentTo(zaloGroupId);
    expect(sent).toHaveLength(1);
    const [stored] = await findPostsByIds(env.ctx.database.db, [post.id]);
    const verificationCode = stored?.verificationCode;
    expect(verificationCode).toMatch(/^KN-/);
    expect(sent[0]).toEqual({
      text: [
        'Họp tổ dân phố tối thứ Bảy',
        'Mời bà con dự họp bàn về an ninh trật tự khu dân cư.',
        `${ZALO_TEXTS.postLink}: https://ketnoi.example/tin-tuc/${post.id}\n${ZALO_TEXTS.postCode}: ${verificationCode}`,
      ].join('\n\n'),
    });
    const request = (await fake.waitForRequests('group', 1)).at(-1);
    expect(request?.path).toBe('/v3.0/oa/group/message');
    expect(JSON.parse(request?.body.toString() ?? '{}')).toMatchObject({ recipient: { group_id: zaloGroupId } });
    expect(await rowsOf(post.id)).toMatchObject([{ status: 'sent', stepsDone: 1, groupId: group.id, zaloGroupId }]);

    // A retried publish queues nothing more, and another pass sends nothing again.
    await env.ctx.database.transaction(async (trx) => {
      const [row] = await trx.selectFrom('posts').selectAll().where('id', '=', post.id).execute();
      if (row) await enqueueNotifications(trx, row, env.clock.now());
    });
    expect(await rowsOf(post.id)).toHaveLength(1);
    expect(await drain()).toBe(0);
    expect(sentTo(zaloGroupId)).toHaveLength(1);
  });

  it('sends nothing for a post to an unlinked group or to every follower', async () => {
    const { zaloGroupId } = await linkedGroup(desk);
    const unlinked = await createGroup(env, desk);
    const before = fake.sent.length;
    const toUnlinked = await publish(env, desk, toGroups(unlinked));
    const toFollowers = await publish(env, desk);
    expect(await rowsOf(toUnlinked.id)).toEqual([]);
    expect(await rowsOf(toFollowers.id)).toEqual([]);
    expect(await drain()).toBe(0);
    expect(fake.sent.length).toBe(before);
    expect(sentTo(zaloGroupId)).toEqual([]);
  });

  it('queues nothing when the unit has no Zalo OA connected', async () => {
    const { group } = await linkedGroup(otherDesk);
    const post = await publish(env, otherDesk, toGroups(group));
    expect(await rowsOf(post.id)).toEqual([]);
  });

  it('sends a long post in pieces, and after -32 retries a minute later with no piece sent twice', async () => {
    const { group, zaloGroupId } = await linkedGroup(desk);
    const sentence = 'Công an phường đề nghị bà con cảnh giác với các thủ đoạn lừa đảo qua mạng. ';
    const body = sentence.repeat(60).trim();
    fake.failNext('group', -32, 1, 1);
    const post = await publish(env, desk, { title: 'Cảnh báo lừa đảo', body, ...toGroups(group) });
    await drain();
    expect(sentTo(zaloGroupId)).toHaveLength(1);
    const [pending] = await rowsOf(post.id);
    expect(pending).toMatchObject({ status: 'pending', stepsDone: 1, attempts: 1 });
    expect(pending?.nextAttemptAt).toBeGreaterThanOrEqual(env.clock.now() + 60_000);

    // Not due before the minute is over.
    expect(await drain()).toBe(0);
    env.clock.advance(61_000);
    expect(await drain()).toBe(1);
    const texts = sentTo(zaloGroupId).map((m) => String(m.text));
    expect(texts.length).toBe(3);
    expect(new Set(texts).size).toBe(3);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(2000);
    expect(texts.join(' ').replace(/\s+/g, ' ')).toContain(sentence.repeat(3).trim());
    expect(await rowsOf(post.id)).toMatchObject([{ status: 'sent', stepsDone: 3 }]);
  });

  it('refreshes a refused token once and still sends', async () => {
    const { group, zaloGroupId } = await linkedGroup(desk);
    const refreshes = fake.refreshCount();
    fake.failNext('group', -216);
    const post = await publish(env, desk, toGroups(group));
    expect(await drain()).toBe(1);
    expect(fake.refreshCount()).toBe(refreshes + 1);
    expect(sentTo(zaloGroupId)).toHaveLength(1);
    expect(await rowsOf(post.id)).toMatchObject([{ status: 'sent' }]);
  });

  it("fails a retracted post's queued rows instead of sending them", async () => {
    const { group, zaloGroupId } = await linkedGroup(desk);
    const post = await publish(env, desk, toGroups(group));
    const retracted = await step(env, desk.owner, post.id, 'retract', 'Đăng nhầm');
    expect(retracted.json<ConsolePost>().status).toBe('retracted');
    expect(await drain()).toBe(1);
    expect(sentTo(zaloGroupId)).toEqual([]);
    expect(await rowsOf(post.id)).toMatchObject([{ status: 'failed' }]);
  });

  it('marks the link broken on -237, fails the row, and queues no later post to the group until linked again', async () => {
    const { group, zaloGroupId } = await linkedGroup(desk);
    fake.failNext('group', -237);
    const post = await publish(env, desk, toGroups(group));
    expect(await drain()).toBe(1);
    expect(sentTo(zaloGroupId)).toEqual([]);
    expect(await rowsOf(post.id)).toMatchObject([{ status: 'failed', lastError: ZALO_TEXTS.groupExpired }]);
    const shown = (await groupsOf(desk)).find((g) => g.id === group.id);
    expect(shown?.zalo).toEqual({
      groupId: zaloGroupId,
      state: 'broken',
      error: ZALO_TEXTS.groupExpired,
      brokenAt: new Date(env.clock.now()).toISOString(),
    });

    const later = await publish(env, desk, toGroups(group));
    expect(await rowsOf(later.id)).toEqual([]);

    // Linking again (the OA renewed its group package) makes the link work again.
    const relinked = await link(desk.owner, group.id, zaloGroupId);
    expect(relinked.json<Group>().zalo).toEqual({ groupId: zaloGroupId, state: 'linked', error: null, brokenAt: null });
    const again = await publish(env, desk, toGroups(group));
    expect(await drain()).toBe(1);
    expect(sentTo(zaloGroupId)).toHaveLength(1);
    expect(await rowsOf(again.id)).toMatchObject([{ status: 'sent' }]);
  });

  it('marks the link broken on -403 (the OA is not in the group) as well', async () => {
    const { group } = await linkedGroup(desk);
    fake.failNext('group', -403);
    await publish(env, desk, toGroups(group));
    await drain();
    expect((await groupsOf(desk)).find((g) => g.id === group.id)?.zalo?.state).toBe('broken');
  });

  describe('linking a group', () => {
    it('refuses an id that is not letters and digits with a problem+json 400', async () => {
      const group = await createGroup(env, desk);
      for (const bad of ['nhóm 12', '12-34', '', 'a'.repeat(65), 12345]) {
        const res = await link(desk.owner, group.id, bad);
        expect(res.statusCode, String(bad)).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect((await groupsOf(desk)).find((g) => g.id === group.id)?.zalo).toBeNull();
    });

    it("answers 404 for another unit's group and 403 to an officer without the right", async () => {
      const group = await createGroup(env, desk);
      expect((await link(otherDesk.owner, group.id, gmfId())).statusCode).toBe(404);
      const del = await call(env, otherDesk.owner, 'DELETE', `${CONSOLE}/groups/${group.id}/zalo`);
      expect(del.statusCode).toBe(404);
      expect((await link(desk.officer, group.id, gmfId())).statusCode).toBe(403);
      expect((await call(env, desk.officer, 'DELETE', `${CONSOLE}/groups/${group.id}/zalo`)).statusCode).toBe(403);
      const supervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tp-ha-tinh'));
      expect((await link(supervisor, group.id, gmfId())).statusCode).toBe(403);
      // Officers of the unit and supervisors above read the link.
      expect((await groupsOf(desk, supervisor)).find((g) => g.id === group.id)?.zalo).toBeNull();
    });

    it("answers 409 when another group of the unit has the Zalo group, and lets another unit's group have it", async () => {
      const { zaloGroupId } = await linkedGroup(desk);
      const second = await createGroup(env, desk);
      const res = await link(desk.owner, second.id, zaloGroupId);
      expect(res.statusCode).toBe(409);
      expect(res.json<{ code: string }>().code).toBe('zalo_group_linked');
      const elsewhere = await createGroup(env, otherDesk);
      expect((await link(otherDesk.owner, elsewhere.id, zaloGroupId)).statusCode).toBe(200);
    });

    it('gives one of two groups linked to the same Zalo group at once the link, and the other a 409', async () => {
      const [a, b] = [await createGroup(env, desk), await createGroup(env, desk)];
      const id = gmfId();
      const answers = await Promise.all([link(desk.owner, a.id, id), link(desk.owner, b.id, id)]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const linked = (await groupsOf(desk)).filter((g) => g.zalo?.groupId === id);
      expect(linked).toHaveLength(1);
    });

    it('audits linking and unlinking; an unlinked group is sent nothing', async () => {
      const admin = await signIn(env, await createOfficer(env, 'admin'));
      const { group, zaloGroupId } = await linkedGroup(desk);
      const other = gmfId();
      expect((await link(admin, group.id, ` ${other} `)).json<Group>().zalo?.groupId).toBe(other);
      const unlinked = await call(env, desk.owner, 'DELETE', `${CONSOLE}/groups/${group.id}/zalo`);
      expect(unlinked.statusCode).toBe(200);
      expect(unlinked.json<Group>().zalo).toBeNull();
      // Unlinking again changes nothing and audits nothing.
      expect((await call(env, desk.owner, 'DELETE', `${CONSOLE}/groups/${group.id}/zalo`)).statusCode).toBe(200);
      const audit = await env.ctx.database.db
        .selectFrom('auditLog')
        .select(['action', 'unitId', 'targetType', 'details'])
        .where('targetId', '=', group.id)
        .where('action', 'like', 'group.zalo%')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['group.zalo_link', 'group.zalo_link', 'group.zalo_unlink']);
      expect(audit.every((a) => a.unitId === desk.unitId && a.targetType === 'residential_group')).toBe(true);
      expect(JSON.stringify(audit[1]?.details)).toContain(other);
      expect(JSON.stringify(audit[1]?.details)).toContain(zaloGroupId);

      const post = await publish(env, desk, toGroups(group));
      expect(await rowsOf(post.id)).toEqual([]);
    });
  });
});
