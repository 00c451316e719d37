import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAdapter } from '../../channels/web/web-adapter.js';
import { OutboxDispatcher } from '../../jobs/outbox-dispatcher.js';
import type { Group } from '../../../contracts/broadcasts.js';
import { call, CONSOLE, createGroup, unitDesk } from '../../test/broadcasts.js';
import { FakeZalo, zaloEvents, zaloId } from '../../test/fake-zalo.js';
import { createOfficer, createTestEnv, signIn, type TestEnv } from '../../test/helper.js';
import { connectTestOa, fakeZaloOa, postSigned, testOa } from '../../test/zalo-webhooks.js';
import type { ZaloConnectInput } from '../../../contracts/zalo.js';
import { conversationOutbox } from '../conversations/outbox-source.js';
import { zaloAdapter } from './zalo-adapter.js';
import { processZaloEvents } from './zalo-inbound.js';

// A ward merged into another keeps its Zalo residents: their conversations, Zalo users and OA go
// to the successor when it has no OA; when it has its own, the old OA stays connected and its
// residents' messages and the replies to them go through it, for the successor's officers.

describe('Zalo when its unit is merged into another', () => {
  let env: TestEnv;
  let fake: FakeZalo;

  beforeAll(async () => {
    fake = await FakeZalo.start();
    env = await createTestEnv({ env: { ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url } });
  });
  afterAll(async () => {
    await env.close();
    await fake.close();
  });

  const dispatcher = () =>
    new OutboxDispatcher(env.ctx, [webAdapter(env.ctx), zaloAdapter(env.ctx)], conversationOutbox(env.ctx));

  async function writes(oa: ZaloConnectInput, userId: string, text: string): Promise<void> {
    const res = await postSigned(
      env,
      oa,
      JSON.stringify(zaloEvents.userSendText({ appId: oa.appId, oaId: oa.oaId, userId, text })),
    );
    expect(res.statusCode, res.body).toBe(200);
    await processZaloEvents(env.ctx);
    await dispatcher().runOnce();
  }

  async function merge(fromSlug: string, intoSlug: string): Promise<{ from: string; into: string }> {
    const unitOf = async (slug: string) =>
      (await env.ctx.database.db.selectFrom('units').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
        .id;
    const [from, into] = [await unitOf(fromSlug), await unitOf(intoSlug)];
    const admin = await signIn(env, await createOfficer(env, 'admin'));
    const merged = await call(env, admin, 'POST', `${CONSOLE}/units/${from}/merge`, { intoUnitId: into });
    expect(merged.statusCode, merged.body).toBe(200);
    return { from, into };
  }

  const conversationsOf = (userId: string) =>
    env.ctx.database.db
      .selectFrom('zaloUsers as z')
      .innerJoin('conversations as c', 'c.residentId', 'z.residentId')
      .select(['c.id', 'c.unitId'])
      .where('z.zaloUserId', '=', userId)
      .execute();
  const sentTo = (userId: string) => fake.sent.filter((s) => s.recipientId === userId);

  it('takes the OA along when the successor has none', async () => {
    const oa = fakeZaloOa(fake);
    await connectTestOa(env, 'thach-trung', oa);
    const userId = zaloId();
    await writes(oa, userId, 'làm căn cước cần gì');
    // A residential group linked to its Zalo group through this OA.
    const desk = await unitDesk(env, 'thach-trung');
    const group = await createGroup(env, desk, 'Xóm Nam');
    const linked = await call(env, desk.owner, 'PUT', `${CONSOLE}/groups/${group.id}/zalo`, {
      zaloGroupId: 'a1b2c3d4e5f6a7b8c9d0',
    });
    expect(linked.statusCode, linked.body).toBe(200);
    const { into } = await merge('thach-trung', 'thach-ha');
    const [before] = await conversationsOf(userId);
    expect(before?.unitId).toBe(into);

    await writes(oa, userId, 'đăng ký tạm trú ở đâu');
    const after = await conversationsOf(userId);
    expect(after).toEqual([before]);
    expect(sentTo(userId).length).toBeGreaterThanOrEqual(2);
    const connection = await env.ctx.database.db
      .selectFrom('zaloConnections')
      .select('unitId')
      .where('oaId', '=', oa.oaId)
      .executeTakeFirstOrThrow();
    expect(connection.unitId).toBe(into);
    // The OA went along, so the group's Zalo link still works.
    const successor = await unitDesk(env, 'thach-ha');
    const groups = (await call(env, successor.owner, 'GET', `${CONSOLE}/units/${into}/groups`)).json<{
      items: Group[];
    }>().items;
    expect(groups.find((g) => g.id === group.id)?.zalo).toMatchObject({ state: 'linked' });
  });

  it("keeps the old OA working for the successor's officers when the successor has its own", async () => {
    const own = fake.addOa();
    const ownOa = testOa({ ...own, ...fake.issueTokens(own.appId) });
    await connectTestOa(env, 'van-yen', ownOa);
    const old = fake.addOa();
    const oldOa = testOa({ ...old, ...fake.issueTokens(old.appId) });
    await connectTestOa(env, 'dai-nai', oldOa);
    const userId = zaloId();
    await writes(oldOa, userId, 'làm căn cước cần gì');
    const { into } = await merge('dai-nai', 'van-yen');

    await writes(oldOa, userId, 'cho tôi gặp cán bộ');
    const conversations = await conversationsOf(userId);
    expect(conversations.map((c) => c.unitId)).toEqual([into]);
    // Every reply went through the OA the resident wrote to.
    expect(sentTo(userId).length).toBeGreaterThanOrEqual(2);
    expect(new Set(sentTo(userId).map((s) => s.oaId))).toEqual(new Set([old.oaId]));
  });
});
