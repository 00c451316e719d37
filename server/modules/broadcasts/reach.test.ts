import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePost, Group } from '../../../contracts/broadcasts.js';
import type { PostReach, UnitReach } from '../../../contracts/reach.js';
import { webPushAdapter } from '../../channels/webpush/webpush-adapter.js';
import { DAY_MS, vietnamDay, vietnamDayStart } from '../../lib/time.js';
import {
  call,
  CONSOLE,
  createGroup,
  draft,
  joinGroup,
  newFollower,
  PUBLIC,
  publish,
  unitDesk,
  type UnitDesk,
} from '../../test/broadcasts.js';
import { createOfficer, createTestEnv, signIn, type TestEnv } from '../../test/helper.js';
import { FakePushService, subscribeBrowser } from '../../test/push-service.js';
import { postDeliveryDispatcher } from '../push/post-delivery-source.js';
import { webPushSubscriptions } from '../push/push-subscriptions.store.js';
import { postNotifications } from './deliveries.js';

// Reach and reads: real followers and members, posts published through the workflow, notifications
// sent to a local push service (delivered, gone, retried), reads from residents' feeds; the unit's
// daily series bucketed by Vietnam's calendar days.

describe('reach of posts', () => {
  let env: TestEnv;
  let pushService: FakePushService;
  let desk: UnitDesk;
  let groupA: Group;
  let groupB: Group;
  let unitWide: ConsolePost;
  let toA: ConsolePost;
  /** Subscribed follower in group A; subscribed follower whose browser is gone; follower in B (no push); member of A only. */
  const r: Record<'pushA' | 'gone' | 'retry' | 'inB' | 'onlyA', string> = {
    pushA: '',
    gone: '',
    retry: '',
    inB: '',
    onlyA: '',
  };

  const reachOf = async (id: string, cookie = desk.officer) => {
    const res = await call(env, cookie, 'GET', `${CONSOLE}/posts/${id}/reach`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PostReach>();
  };
  const read = async (cookie: string, postId: string) => {
    const res = await call(env, cookie, 'POST', `${PUBLIC}/me/feed/read`, { postId });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    pushService = await FakePushService.start();
    env = await createTestEnv({ env: { WEBPUSH_ENDPOINT_HOSTS: '127.0.0.1' } });
    desk = await unitDesk(env, 'thach-trung');
    groupA = await createGroup(env, desk, 'Xóm Trung Phú');
    groupB = await createGroup(env, desk, 'Xóm Trung Lộc');
    const browsers = { pushA: pushService.browser(), gone: pushService.browser(), retry: pushService.browser() };
    for (const key of ['pushA', 'gone', 'retry'] as const) {
      r[key] = await newFollower(env, desk.slug, (await subscribeBrowser(env, browsers[key])).cookie);
    }
    await joinGroup(env, groupA.id, r.pushA);
    r.inB = await joinGroup(env, groupB.id, await newFollower(env, desk.slug));
    r.onlyA = await joinGroup(env, groupA.id);
    pushService.answer(browsers.gone, { status: 410 });
    pushService.answer(browsers.retry, { status: 429, headers: { 'retry-after': '600' } });

    env.clock.advance(1000);
    unitWide = await publish(env, desk, { title: 'Cảnh báo lừa đảo' });
    toA = await publish(env, desk, { title: 'Họp xóm Trung Phú', audience: { groupIds: [groupA.id] } });
    const dispatcher = postDeliveryDispatcher(
      env.ctx,
      [webPushAdapter(env.ctx, webPushSubscriptions(env.ctx), { agent: pushService.agent })],
      postNotifications(env.ctx),
    );
    await dispatcher.runOnce();
    // Residents who came after publishing were not among its recipients.
    env.clock.advance(1000);
    await newFollower(env, desk.slug);
    await joinGroup(env, groupA.id);
  });
  afterAll(async () => {
    await env.close();
    await pushService.close();
  });

  it('counts a unit-wide post: followers at publishing, notifications by status, reads, per group', async () => {
    await read(r.pushA, unitWide.id);
    await read(r.inB, unitWide.id);
    await read(r.onlyA, unitWide.id); // not a follower: reads it on the unit's page all the same
    const reach = await reachOf(unitWide.id);
    expect(reach).toMatchObject({
      postId: unitWide.id,
      publishedAt: unitWide.publishedAt,
      recipients: 4,
      delivered: 1,
      failed: 1,
      pending: 1,
      read: 3,
      byChannel: [{ channel: 'webpush', delivered: 1, failed: 1, pending: 1 }],
    });
    // Group members among the followers, and group members who read it.
    expect(reach.byGroup).toEqual([
      { groupId: groupB.id, name: 'Xóm Trung Lộc', recipients: 1, read: 1 },
      { groupId: groupA.id, name: 'Xóm Trung Phú', recipients: 1, read: 2 },
    ]);
  });

  it('counts a group post by its groups only, each member once', async () => {
    await read(r.onlyA, toA.id);
    const reach = await reachOf(toA.id);
    expect(reach).toMatchObject({ recipients: 2, delivered: 1, failed: 0, pending: 0, read: 1 });
    expect(reach.byGroup).toEqual([{ groupId: groupA.id, name: 'Xóm Trung Phú', recipients: 2, read: 1 }]);
  });

  it("counts the day's deliveries in the unit's series", async () => {
    const res = await call(env, desk.owner, 'GET', `${CONSOLE}/units/${desk.unitId}/reach?days=2`);
    expect(res.json<UnitReach>().days.at(-1)).toMatchObject({ posts: 2, delivered: 2, newFollowers: 5 });
  });

  it('answers zeros for a draft', async () => {
    const d = await draft(env, desk);
    expect(await reachOf(d.id)).toMatchObject({ publishedAt: null, recipients: 0, read: 0, byGroup: [] });
  });

  it('shows a post and a unit only to officers who see the unit (supervisors above too)', async () => {
    const outsider = await signIn(env, await createOfficer(env, 'owner', 'dai-nai'));
    expect((await call(env, outsider, 'GET', `${CONSOLE}/posts/${unitWide.id}/reach`)).statusCode).toBe(404);
    expect((await call(env, outsider, 'GET', `${CONSOLE}/units/${desk.unitId}/reach`)).statusCode).toBe(404);
    const supervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tp-ha-tinh'));
    expect((await reachOf(unitWide.id, supervisor)).recipients).toBe(4);
    expect((await call(env, supervisor, 'GET', `${CONSOLE}/units/${desk.unitId}/reach`)).statusCode).toBe(200);
  });

  it('refuses a bad number of days', async () => {
    for (const days of ['0', '91', 'x']) {
      const res = await call(env, desk.officer, 'GET', `${CONSOLE}/units/${desk.unitId}/reach?days=${days}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe("a unit's daily reach", () => {
  let env: TestEnv;
  let desk: UnitDesk;

  beforeAll(async () => {
    env = await createTestEnv();
    desk = await unitDesk(env, 'thach-trung');
  });
  afterAll(async () => env.close());

  const series = async (days?: number, cookie = desk.owner) => {
    const q = days === undefined ? '' : `?days=${days}`;
    const res = await call(env, cookie, 'GET', `${CONSOLE}/units/${desk.unitId}/reach${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<UnitReach>().days;
  };

  it('buckets by calendar days in Vietnam (UTC+7), the last 30 by default, today last', async () => {
    // 23:30 in Vietnam (16:30 UTC): a follower, a post, a read.
    const now = env.clock.now();
    env.clock.advance(vietnamDayStart(now) + DAY_MS - 30 * 60_000 - now);
    const evening = env.clock.now();
    const follower = await newFollower(env, desk.slug);
    const post = await publish(env, desk);
    await call(env, follower, 'POST', `${PUBLIC}/me/feed/read`, { postId: post.id });
    // An hour later it is 00:30 the next day in Vietnam, still 17:30 the same day in UTC.
    env.clock.advance(3600_000);
    const night = env.clock.now();
    expect(new Date(night).toISOString().slice(0, 10)).toBe(new Date(evening).toISOString().slice(0, 10));
    const second = await newFollower(env, desk.slug);
    await call(env, second, 'POST', `${PUBLIC}/me/feed/read`, { postId: post.id });
    await publish(env, desk);

    const days = await series();
    expect(days).toHaveLength(30);
    const today = days.at(-1);
    const yesterday = days.at(-2);
    expect(today).toEqual({ day: vietnamDay(night), posts: 1, delivered: 0, reads: 1, newFollowers: 1 });
    expect(yesterday).toEqual({ day: vietnamDay(evening), posts: 1, delivered: 0, reads: 1, newFollowers: 1 });
    expect(days[0]?.day).toBe(vietnamDay(night - 29 * DAY_MS));
    expect(days.slice(0, -2).every((d) => d.posts + d.reads + d.newFollowers === 0)).toBe(true);

    // A week later the same events are 8 and 7 days back, and out of a 7-day window.
    env.clock.advance(7 * DAY_MS);
    const owner = await signIn(env, await createOfficer(env, 'owner', 'thach-trung'));
    const later = await series(undefined, owner);
    expect(later.at(-8)?.reads).toBe(1);
    expect(later.at(-9)?.reads).toBe(1);
    expect((await series(7, owner)).every((d) => d.reads === 0)).toBe(true);
  });
});
