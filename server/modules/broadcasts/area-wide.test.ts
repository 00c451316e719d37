import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePost, PublicPost, Recipients } from '../../../contracts/broadcasts.js';
import { call, CONSOLE, newFollower, PUBLIC, step, unitDesk, type UnitDesk } from '../../test/broadcasts.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { FakePushService, subscribeBrowser } from '../../test/push-service.js';
import { importUnits } from '../units/units.service.js';

// A city's supervisor warns the whole city at once (issue 10: "a supervisor may publish to every
// unit below them"): one post on the city, read in the feed of everyone who follows a ward or
// commune of that city, listed on each ward's page, notified to each subscribed follower once.

describe('area-wide posts of a city', () => {
  let env: TestEnv;
  let pushService: FakePushService;
  let thachTrung: UnitDesk;
  let daiNai: UnitDesk;
  let supervisor: string;
  let cityId: string;

  beforeAll(async () => {
    pushService = await FakePushService.start();
    env = await createTestEnv({ env: { WEBPUSH_ENDPOINT_HOSTS: '127.0.0.1' } });
    thachTrung = await unitDesk(env, 'thach-trung');
    daiNai = await unitDesk(env, 'dai-nai');
    supervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tp-ha-tinh'));
    cityId = (await unitBySlug(env, 'tp-ha-tinh')).id;
    await importUnits(
      env.ctx,
      { actorId: null, actorName: 'test', ip: null },
      {
        parent: 'ha-tinh',
        units: [
          {
            slug: 'tx-ky-anh',
            kind: 'city',
            name: 'Thị xã Kỳ Anh',
            children: [{ slug: 'ky-trinh', kind: 'ward', name: 'Phường Kỳ Trinh' }],
          },
        ],
      },
    );
  });
  afterAll(async () => {
    await env.close();
    await pushService.close();
  });

  const cityPost = async (fields: Record<string, unknown> = {}) =>
    call(env, supervisor, 'POST', `${CONSOLE}/units/${cityId}/posts`, {
      title: 'Cảnh báo toàn thành phố: lừa đảo giả danh công an',
      body: 'Công an không gọi điện yêu cầu chuyển tiền.',
      category: 'crime_warning',
      ...fields,
    });
  const feedOf = async (cookie: string) =>
    (await call(env, cookie, 'GET', `${PUBLIC}/me/feed`)).json<{ items: PublicPost[]; unread: number }>();

  it('reaches the followers of every ward below, each once, and nobody elsewhere', async () => {
    const a = await subscribeBrowser(env, pushService.browser());
    await newFollower(env, thachTrung.slug, a.cookie);
    const b = await subscribeBrowser(env, pushService.browser());
    await newFollower(env, daiNai.slug, b.cookie);
    const both = await subscribeBrowser(env, pushService.browser());
    await newFollower(env, thachTrung.slug, both.cookie);
    await newFollower(env, daiNai.slug, both.cookie);
    const elsewhere = await subscribeBrowser(env, pushService.browser());
    await newFollower(env, 'ky-trinh', elsewhere.cookie);

    const created = await cityPost();
    expect(created.statusCode, created.body).toBe(201);
    const post = created.json<ConsolePost>();
    const preview = await call(env, supervisor, 'GET', `${CONSOLE}/posts/${post.id}/recipients`);
    expect(preview.json<Recipients>()).toMatchObject({ followers: 3, groupMembers: 0, byChannel: { push: 3 } });
    const approved = await step(env, supervisor, post.id, 'approve');
    expect(approved.json<ConsolePost>()).toMatchObject({ status: 'published', unitId: cityId });

    const deliveries = await env.ctx.database.db
      .selectFrom('postDeliveries')
      .select('residentId')
      .where('postId', '=', post.id)
      .execute();
    expect(deliveries.map((d) => d.residentId).sort()).toEqual([a, b, both].map((s) => s.residentId).sort());

    for (const reader of [a, b, both]) {
      const feed = await feedOf(reader.cookie);
      expect(feed.items.filter((i) => i.id === post.id)).toHaveLength(1);
      expect(feed.unread).toBe(1);
    }
    expect((await feedOf(elsewhere.cookie)).items.map((i) => i.id)).not.toContain(post.id);

    // Each ward's page lists it beside the ward's own posts; another city's ward's page does not.
    for (const [slug, listed] of [
      [thachTrung.slug, true],
      [daiNai.slug, true],
      ['ky-trinh', false],
    ] as const) {
      const page = await call(env, '', 'GET', `${PUBLIC}/units/${slug}/posts`);
      expect(
        page.json<{ items: PublicPost[] }>().items.some((i) => i.id === post.id),
        slug,
      ).toBe(listed);
    }
    const reach = await call(env, supervisor, 'GET', `${CONSOLE}/posts/${post.id}/reach`);
    expect(reach.json()).toMatchObject({ recipients: 3 });
    // Its code verifies as the city's.
    const code = encodeURIComponent(approved.json<ConsolePost>().verificationCode ?? '');
    const verified = await call(env, '', 'GET', `${PUBLIC}/verify?code=${code}`);
    expect(verified.json()).toMatchObject({ valid: true, kind: 'post', post: { unit: { slug: 'tp-ha-tinh' } } });
  });

  it('goes to the whole area only, is the supervisor’s to write, and stays out of the wards’ consoles', async () => {
    const toGroups = await cityPost({ audience: { groupIds: ['01890000-0000-7000-8000-000000000000'] } });
    expect([toGroups.statusCode, toGroups.json<{ code: string }>().code]).toEqual([400, 'area_wide_only']);
    const byOwner = await call(env, thachTrung.owner, 'POST', `${CONSOLE}/units/${cityId}/posts`, {
      title: 'Không được',
      body: 'Không được',
      category: 'other',
    });
    expect(byOwner.statusCode).toBe(404);
    const post = (await cityPost()).json<ConsolePost>();
    expect((await call(env, thachTrung.owner, 'GET', `${CONSOLE}/posts/${post.id}`)).statusCode).toBe(404);
    const province = await unitBySlug(env, 'ha-tinh');
    const provincial = await call(env, supervisor, 'POST', `${CONSOLE}/units/${province.id}/posts`, {
      title: 'Tỉnh',
      body: 'Tỉnh',
      category: 'other',
    });
    expect(provincial.statusCode).toBe(404); // a city supervisor does not see the province
  });
});
