import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePost, PublicPost } from '../../../contracts/broadcasts.js';
import {
  call,
  CONSOLE,
  createGroup,
  joinGroup,
  newFollower,
  PUBLIC,
  publish,
  step,
  unitDesk,
  type UnitDesk,
} from '../../test/broadcasts.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';

interface Feed {
  items: PublicPost[];
  nextCursor: string | null;
  unread: number;
}

describe("a resident's feed", () => {
  let env: TestEnv;
  let trung: UnitDesk;
  let nai: UnitDesk;

  beforeAll(async () => {
    env = await createTestEnv();
    trung = await unitDesk(env, 'thach-trung');
    nai = await unitDesk(env, 'dai-nai');
  });
  afterAll(async () => env.close());

  const feed = async (cookie: string, query = '') =>
    (await call(env, cookie, 'GET', `${PUBLIC}/me/feed${query}`)).json<Feed>();

  /** Every page of the feed, following nextCursor. */
  async function walk(cookie: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page = await feed(cookie, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return ids;
  }

  it('merges followed units and joined groups newest first, page by page, each post once', async () => {
    const resident = await newFollower(env, 'thach-trung');
    await newFollower(env, 'dai-nai', resident);
    const group = await createGroup(env, nai, 'Tổ dân phố 3');
    await joinGroup(env, group.id, resident);
    const published: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Several posts share a publishing time (the test clock stands still): the id breaks ties.
      if (i % 3 === 0) env.clock.advance(60_000);
      const desk = i % 2 ? nai : trung;
      const audience = i === 3 || i === 5 ? { audience: { groupIds: [group.id] } } : {};
      published.push((await publish(env, desk, audience)).id);
    }
    const all = await walk(resident, 50);
    expect(all).toEqual([...published].reverse());
    for (const limit of [1, 2, 3]) expect(await walk(resident, limit), `limit ${limit}`).toEqual(all);
    const first = (await feed(resident)).items[0];
    expect(first).toMatchObject({ unit: { slug: 'thach-trung' }, read: false, expired: false, retracted: false });
    expect(first?.verificationCode).toMatch(/^KN-/);
  });

  it('counts unread posts published since the resident followed or joined, and marks them read', async () => {
    const early = await publish(env, trung);
    env.clock.advance(1000);
    const resident = await newFollower(env, 'thach-trung');
    expect((await feed(resident)).unread).toBe(0);
    expect((await feed(resident)).items.map((p) => p.id)).toContain(early.id);

    env.clock.advance(1000);
    const a = await publish(env, trung);
    const b = await publish(env, trung);
    const group = await createGroup(env, trung, 'Xóm Bắc');
    const toGroupBefore = await publish(env, trung, { audience: { groupIds: [group.id] } });
    env.clock.advance(1000);
    await joinGroup(env, group.id, resident);
    env.clock.advance(1000);
    const toGroupAfter = await publish(env, trung, { audience: { groupIds: [group.id] } });
    const retracted = await publish(env, trung);
    await step(env, trung.owner, retracted.id, 'retract', 'Đăng nhầm');
    const f = await feed(resident);
    expect(f.items.map((p) => p.id)).toEqual(
      expect.arrayContaining([a.id, b.id, toGroupBefore.id, toGroupAfter.id, retracted.id]),
    );
    // a, b, and the group post after joining; not the retracted one, nor those before following or joining.
    expect(f.unread).toBe(3);

    const read = await call(env, resident, 'POST', `${PUBLIC}/me/feed/read`, { postId: a.id });
    expect(read.json()).toEqual({ unread: 2 });
    const again = await call(env, resident, 'POST', `${PUBLIC}/me/feed/read`, { postId: a.id });
    expect(again.json()).toEqual({ unread: 2 });
    await call(env, resident, 'POST', `${PUBLIC}/me/feed/read`, { postId: early.id });
    expect((await feed(resident)).unread).toBe(2);
    expect((await feed(resident)).items.find((p) => p.id === a.id)?.read).toBe(true);
    const reads = await env.ctx.database.db.selectFrom('postReads').selectAll().where('postId', '=', a.id).execute();
    expect(reads).toHaveLength(1);
    expect(reads[0]?.unitId).toBe(trung.unitId);
  });

  it('flags expired posts and keeps them listed', async () => {
    const resident = await newFollower(env, 'thach-trung');
    const expiresAt = new Date(env.clock.now() + 3600_000).toISOString();
    const post = await publish(env, trung, { category: 'missing_person', expiresAt });
    const before = (await feed(resident)).items.find((p) => p.id === post.id);
    expect(before).toMatchObject({ expired: false, expiresAt });
    env.clock.advance(3600_000);
    const after = (await feed(resident)).items.find((p) => p.id === post.id);
    expect(after?.expired).toBe(true);
    const listed = await call(env, '', 'GET', `${PUBLIC}/units/thach-trung/posts`);
    expect(listed.json<{ items: PublicPost[] }>().items.find((p) => p.id === post.id)?.expired).toBe(true);
    // The owner closes a missing-person alert by correcting its expiry to now.
    const open = await publish(env, trung, {
      category: 'missing_person',
      expiresAt: new Date(env.clock.now() + 3600_000).toISOString(),
    });
    env.clock.advance(60_000);
    const closed = await call(env, trung.owner, 'PATCH', `${CONSOLE}/posts/${open.id}`, {
      expiresAt: new Date(env.clock.now()).toISOString(),
      correctionNote: 'Đã tìm thấy',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await call(env, '', 'GET', `${PUBLIC}/posts/${open.id}`)).json<PublicPost>().expired).toBe(true);
  });

  it('lists what the resident follows and joined, and forgets a unit unfollowed', async () => {
    const group = await createGroup(env, nai, 'Tổ dân phố 7');
    const resident = await newFollower(env, 'thach-trung');
    await joinGroup(env, group.id, resident);
    const follows = await call(env, resident, 'GET', `${PUBLIC}/me/follows`);
    expect(follows.json()).toEqual({
      units: [{ slug: 'thach-trung', displayName: expect.any(String) as unknown }],
      groups: [{ id: group.id, name: 'Tổ dân phố 7', unitSlug: 'dai-nai', status: 'self_declared' }],
    });
    const post = await publish(env, trung);
    expect((await feed(resident)).items.map((p) => p.id)).toContain(post.id);
    const unfollowed = await call(env, resident, 'DELETE', `${PUBLIC}/units/thach-trung/follow`);
    expect(unfollowed.json()).toEqual({ following: false });
    expect((await feed(resident)).items.map((p) => p.id)).not.toContain(post.id);
    expect((await call(env, resident, 'GET', `${PUBLIC}/me/follows`)).json<{ units: unknown[] }>().units).toEqual([]);
    // Following twice is following once.
    await newFollower(env, 'thach-trung', resident);
    await newFollower(env, 'thach-trung', resident);
    expect((await feed(resident)).items.filter((p) => p.id === post.id)).toHaveLength(1);
  });

  it('answers a visitor without a resident with an empty feed, and creates no resident for reading', async () => {
    const residents = async () => (await env.ctx.database.db.selectFrom('residents').select('id').execute()).length;
    const before = await residents();
    const res = await call(env, '', 'GET', `${PUBLIC}/me/feed`);
    expect(res.json()).toEqual({ items: [], nextCursor: null, unread: 0 });
    expect(res.cookies).toEqual([]);
    expect((await call(env, '', 'GET', `${PUBLIC}/me/follows`)).json()).toEqual({ units: [], groups: [] });
    expect((await call(env, '', 'POST', `${PUBLIC}/me/feed/read`, { postId: 'x' })).statusCode).toBe(404);
    expect(await residents()).toBe(before);
  });

  it('refuses a cursor it did not make, and units without an account', async () => {
    const bad = await call(env, '', 'GET', `${PUBLIC}/me/feed?cursor=abc`);
    expect([bad.statusCode, bad.json<{ code: string }>().code]).toEqual([400, 'invalid_cursor']);
    const unitBad = await call(env, '', 'GET', `${PUBLIC}/units/thach-trung/posts?cursor=1_%27or`);
    expect(unitBad.statusCode).toBe(400);
    for (const [method, url] of [
      ['GET', `${PUBLIC}/units/tp-ha-tinh/posts`],
      ['POST', `${PUBLIC}/units/tp-ha-tinh/follow`],
      ['GET', `${PUBLIC}/units/no-such-unit/groups`],
      ['POST', `${PUBLIC}/groups/no-such-group/join`],
    ] as const) {
      expect((await call(env, '', method, url)).statusCode, url).toBe(404);
    }
  });

  it('pages a unit’s public posts newest first', async () => {
    for (let i = 0; i < 3; i++) await publish(env, nai);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        env,
        '',
        'GET',
        `${PUBLIC}/units/dai-nai/posts?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = res.json<{ items: PublicPost[]; nextCursor: string | null }>();
      ids.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    const console = await call(env, nai.officer, 'GET', `${CONSOLE}/units/${nai.unitId}/posts?status=published`);
    const expected = console
      .json<{ items: ConsolePost[] }>()
      .items.filter((p) => p.audience === null)
      .sort((x, y) => (y.publishedAt ?? '').localeCompare(x.publishedAt ?? '') || y.id.localeCompare(x.id))
      .map((p) => p.id);
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(2);
  });
});
