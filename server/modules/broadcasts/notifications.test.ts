import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePost, Recipients } from '../../../contracts/broadcasts.js';
import { webPushAdapter } from '../../channels/webpush/webpush-adapter.js';
import {
  call,
  CONSOLE,
  createGroup,
  draft,
  joinGroup,
  newFollower,
  publish,
  step,
  unitDesk,
  type UnitDesk,
} from '../../test/broadcasts.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { FakePushService, subscribeBrowser } from '../../test/push-service.js';
import { postDeliveryDispatcher } from '../push/post-delivery-source.js';
import { webPushSubscriptions } from '../push/push-subscriptions.store.js';
import { postNotifications } from './deliveries.js';

// Publishing a post notifies its recipients who turned notifications on: queued in the publishing
// transaction (followers of the unit, or members of its groups, each once), sent through the web
// push channel to a local HTTPS push service, with the post's title and link.

describe('notifications of published posts', () => {
  let env: TestEnv;
  let pushService: FakePushService;
  let desk: UnitDesk;

  beforeAll(async () => {
    pushService = await FakePushService.start();
    env = await createTestEnv({ env: { WEBPUSH_ENDPOINT_HOSTS: '127.0.0.1' } });
    desk = await unitDesk(env, 'thach-trung');
  });
  afterAll(async () => {
    await env.close();
    await pushService.close();
  });

  const deliveriesOf = (postId: string) =>
    env.ctx.database.db.selectFrom('postDeliveries').selectAll().where('postId', '=', postId).execute();

  const dispatcher = () =>
    postDeliveryDispatcher(
      env.ctx,
      [webPushAdapter(env.ctx, webPushSubscriptions(env.ctx), { agent: pushService.agent })],
      postNotifications(env.ctx),
    );

  it('queues one notification per subscribed follower when the owner approves, and sends each with the post', async () => {
    const browsers = [pushService.browser(), pushService.browser()];
    const subscribed = [];
    for (const b of browsers) {
      const s = await subscribeBrowser(env, b);
      await newFollower(env, desk.slug, s.cookie);
      subscribed.push(s);
    }
    await newFollower(env, desk.slug); // follows without notifications: reads the feed only

    const post = await draft(env, desk, { title: 'Cảnh báo lừa đảo qua điện thoại', body: 'Công an phường cảnh báo…' });
    const preview = await call(env, desk.owner, 'GET', `${CONSOLE}/posts/${post.id}/recipients`);
    expect(preview.json<Recipients>()).toMatchObject({ followers: 3, byChannel: { web: 3, push: 2 } });
    expect(await deliveriesOf(post.id)).toHaveLength(0); // a draft notifies nobody

    const approved = await step(env, desk.owner, post.id, 'approve');
    expect(approved.json<ConsolePost>().status).toBe('published');
    const rows = await deliveriesOf(post.id);
    expect(rows.map((r) => r.residentId).sort()).toEqual(subscribed.map((s) => s.residentId).sort());

    expect(await dispatcher().runOnce()).toBe(2);
    for (const b of browsers) {
      const [request] = pushService.requestsTo(b);
      expect(JSON.parse(b.decrypt(request?.body ?? Buffer.alloc(0)))).toMatchObject({
        title: 'Cảnh báo lừa đảo qua điện thoại',
        url: `/tin-tuc/${post.id}`,
      });
    }
    expect((await deliveriesOf(post.id)).every((r) => r.status === 'sent')).toBe(true);
  });

  it('notifies only the members of a group-targeted post, a member of two groups once', async () => {
    const [a, b] = [await createGroup(env, desk), await createGroup(env, desk)];
    const member = await subscribeBrowser(env, pushService.browser());
    await joinGroup(env, a.id, member.cookie);
    await joinGroup(env, b.id, member.cookie);
    const follower = await subscribeBrowser(env, pushService.browser());
    await newFollower(env, desk.slug, follower.cookie);

    const post = await publish(env, desk, { audience: { groupIds: [a.id, b.id] } });
    const rows = await deliveriesOf(post.id);
    expect(rows.map((r) => r.residentId)).toEqual([member.residentId]);
    expect(await dispatcher().runOnce()).toBe(1);
  });

  it('sends nothing for a post retracted before its notifications went out', async () => {
    const s = await subscribeBrowser(env, pushService.browser());
    await newFollower(env, desk.slug, s.cookie);
    const post = await publish(env, desk);
    await step(env, desk.owner, post.id, 'retract', 'Nhầm thông tin');
    const before = pushService.received.length;
    await dispatcher().runOnce();
    expect(pushService.received.length).toBe(before);
    const mine = (await deliveriesOf(post.id)).filter((r) => r.residentId === s.residentId);
    expect(mine.map((r) => r.status)).toEqual(['failed']);
  });
});
