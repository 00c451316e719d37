import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeZalo, zaloEvents, zaloId, zaloMessageId, type ZaloWebhookEvent } from '../../test/fake-zalo.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { connectTestOa, fakeZaloOa, postSigned, type testOa } from '../../test/zalo-webhooks.js';
import { newMessage } from '../conversations/conversation-writes.js';
import { insertMessages } from '../conversations/conversations.repository.js';
import { processZaloEvents } from './zalo-inbound.js';

describe('Zalo inbound events', () => {
  let env: TestEnv;
  let fake: FakeZalo;
  let unitId = '';
  let oa: ReturnType<typeof testOa>;
  const parties = () => ({ appId: oa.appId, oaId: oa.oaId });

  beforeAll(async () => {
    fake = await FakeZalo.start();
    env = await createTestEnv({ env: { ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url } });
    oa = fakeZaloOa(fake);
    unitId = await connectTestOa(env, 'thach-trung', oa);
  });
  afterAll(async () => {
    await env.close();
    await fake.close();
  });

  const db = () => env.ctx.database.db;

  async function deliver(event: ZaloWebhookEvent): Promise<void> {
    const res = await postSigned(env, oa, JSON.stringify(event));
    expect(res.statusCode, res.body).toBe(200);
    await processZaloEvents(env.ctx);
  }

  async function conversationOf(userId: string) {
    const user = await db()
      .selectFrom('zaloUsers')
      .selectAll()
      .where('oaId', '=', oa.oaId)
      .where('zaloUserId', '=', userId)
      .executeTakeFirstOrThrow();
    const conversation = await db()
      .selectFrom('conversations')
      .selectAll()
      .where('residentId', '=', user.residentId)
      .executeTakeFirstOrThrow();
    const messages = await db()
      .selectFrom('messages')
      .selectAll()
      .where('conversationId', '=', conversation.id)
      .orderBy('id')
      .execute();
    return { user, conversation, messages };
  }

  it("stores a resident's Zalo text in the unit's zalo conversation, answered by the assistant, with their Zalo name", async () => {
    const userId = zaloId();
    fake.setUser(userId, { displayName: 'Nguyễn Văn An', avatar: `${fake.url}/a.jpg` });
    await deliver(zaloEvents.userSendText({ ...parties(), userId, text: 'làm căn cước cần gì' }));
    const { user, conversation, messages } = await conversationOf(userId);
    expect(conversation).toMatchObject({ unitId, channel: 'zalo', status: 'bot' });
    expect(messages.map((m) => m.author)).toEqual(['resident', 'bot']);
    expect(messages[0]?.text).toBe('làm căn cước cần gì');
    expect(user.displayName).toBe('Nguyễn Văn An');
    const resident = await db()
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', user.residentId)
      .executeTakeFirstOrThrow();
    expect(resident.displayName).toBe('Nguyễn Văn An');
    const events = await db().selectFrom('zaloEvents').select('status').where('unitId', '=', unitId).execute();
    expect(events.every((e) => e.status === 'done')).toBe(true);
  });

  it("takes a message when Zalo refuses the user's profile, and asks again only an hour later", async () => {
    const userId = zaloId();
    const asked = () => fake.requests.filter((r) => r.endpoint === 'user_detail').length;
    fake.failNext('user_detail', -201);
    const before = asked();
    await deliver(zaloEvents.userSendText({ ...parties(), userId, text: 'xin chào' }));
    await deliver(zaloEvents.userSendText({ ...parties(), userId, text: 'cho hỏi' }));
    expect(asked()).toBe(before + 1);
    const { user, messages } = await conversationOf(userId);
    expect(user.displayName).toBeNull();
    expect(messages.filter((m) => m.author === 'resident')).toHaveLength(2);
    env.clock.advance(3600_000 + 1);
    await deliver(zaloEvents.userSendText({ ...parties(), userId, text: 'cảm ơn' }));
    expect(asked()).toBe(before + 2);
    expect((await conversationOf(userId)).user.displayName).toBe(`Người dùng ${userId.slice(-4)}`);
  });

  it("reads a typed number as the quick reply it numbers in the assistant's last message", async () => {
    const userId = zaloId();
    await deliver(zaloEvents.userSendText({ ...parties(), userId, text: 'xin chào' }));
    const { conversation } = await conversationOf(userId);
    const quickReplies = Array.from({ length: 6 }, (_, i) => ({
      label: `Lựa chọn ${i + 1}`,
      text: `lựa chọn số ${i + 1}`,
    }));
    const now = env.clock.now();
    await env.ctx.database.transaction((trx) =>
      insertMessages(trx, [
        newMessage(
          conversation,
          { author: 'bot', text: 'Bạn muốn hỏi gì?', quickReplies: JSON.stringify(quickReplies) },
          now,
        ),
      ]),
    );
    await deliver(zaloEvents.userSendText({ ...parties(), userId, text: ' 2. ' }));
    const residents = (await conversationOf(userId)).messages.filter((m) => m.author === 'resident');
    expect(residents.at(-1)?.text).toBe('lựa chọn số 2');
  });

  it('makes nothing new when the same message is delivered and processed again', async () => {
    const userId = zaloId();
    const msgId = zaloMessageId();
    const event = zaloEvents.userSendText({ ...parties(), userId, msgId, text: 'cho hỏi thủ tục tạm trú' });
    await deliver(event);
    const before = await conversationOf(userId);
    await deliver({ ...event, timestamp: String(Number(event.timestamp) + 1000) });
    // Even an event stored twice (different bytes, same msg_id) is one message.
    await env.ctx.database.transaction((trx) =>
      trx.updateTable('zaloEvents').set({ status: 'pending', nextAttemptAt: 0 }).where('oaId', '=', oa.oaId).execute(),
    );
    await processZaloEvents(env.ctx);
    expect((await conversationOf(userId)).messages).toEqual(before.messages);
    const outbox = await db()
      .selectFrom('outbox')
      .select('id')
      .where('conversationId', '=', before.conversation.id)
      .execute();
    expect(outbox).toHaveLength(1);
  });

  it('stores media as stand-ins the assistant does not answer, and a location with its coordinates', async () => {
    const userId = zaloId();
    await deliver(zaloEvents.userSendSticker({ ...parties(), userId, stickerId: 'abc', url: `${fake.url}/s.png` }));
    await deliver(zaloEvents.userSendLocation({ ...parties(), userId, latitude: 18.34, longitude: 105.9 }));
    const { messages } = await conversationOf(userId);
    expect(messages.map((m) => [m.author, m.text])).toEqual([
      ['resident', '[Nhãn dán]'],
      ['resident', '[Vị trí]'],
    ]);
    expect(JSON.parse(messages[1]?.location ?? 'null')).toEqual({ latitude: 18.34, longitude: 105.9 });
  });

  it('keeps a photo a resident sends like a chat upload, with its caption, and a stand-in when it cannot be fetched', async () => {
    const userId = zaloId();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
      .png()
      .toBuffer();
    const url = fake.serveMedia(`${userId}.png`, png, 'image/png');
    await deliver(zaloEvents.userSendImage({ ...parties(), userId, url, caption: 'giấy tờ của tôi' }));
    await deliver(zaloEvents.userSendImage({ ...parties(), userId, url: `${fake.url}/media/missing.png` }));
    const { conversation, messages } = await conversationOf(userId);
    const fromResident = messages.filter((m) => m.author === 'resident');
    expect(fromResident.map((m) => m.text)).toEqual(['giấy tờ của tôi', '[Hình ảnh]']);
    const attachments = await db()
      .selectFrom('attachments')
      .selectAll()
      .where('conversationId', '=', conversation.id)
      .execute();
    expect(attachments).toMatchObject([{ messageId: fromResident[0]?.id, kind: 'image' }]);
    const stored = await env.ctx.storage.get(attachments[0]?.storageKey ?? '');
    expect(stored?.length).toBeGreaterThan(0);
  });

  it('reads the caption of a photo for danger, like any message', async () => {
    const userId = zaloId();
    await deliver(
      zaloEvents.userSendImage({
        ...parties(),
        userId,
        url: `${fake.url}/media/missing.jpg`,
        caption: 'cứu với, có cháy nhà',
      }),
    );
    const { conversation, messages } = await conversationOf(userId);
    expect(messages[0]?.text).toBe('[Hình ảnh] cứu với, có cháy nhà');
    expect(conversation.inboxPriority).toBeGreaterThan(0);
  });

  it('gives up on an event it cannot read, keeping it with the reason, and ignores events it has no use for', async () => {
    const broken = { ...zaloEvents.userSendText({ ...parties(), userId: zaloId(), text: 'x' }), sender: {} };
    const seen = { ...zaloEvents.follow({ ...parties(), userId: zaloId() }), event_name: 'user_seen_message' };
    await deliver(broken);
    await deliver(seen);
    const rows = await db()
      .selectFrom('zaloEvents')
      .select(['eventName', 'status', 'lastError'])
      .where('oaId', '=', oa.oaId)
      .where('eventName', 'in', ['user_send_text', 'user_seen_message'])
      .where('status', '!=', 'done')
      .execute();
    expect(rows).toEqual([
      { eventName: 'user_send_text', status: 'failed', lastError: 'message without sender or msg_id' },
    ]);
  });

  it('keeps the follower list and the name and phone a resident submits', async () => {
    const userId = zaloId();
    await deliver(zaloEvents.follow({ ...parties(), userId }));
    const { residentId } = await db()
      .selectFrom('zaloUsers')
      .select('residentId')
      .where('zaloUserId', '=', userId)
      .executeTakeFirstOrThrow();
    const followers = () => db().selectFrom('unitFollowers').selectAll().where('residentId', '=', residentId).execute();
    expect(await followers()).toMatchObject([{ unitId, channel: 'zalo' }]);
    await deliver(zaloEvents.userSubmitInfo({ ...parties(), userId, name: 'Trần Thị Bình', phone: '0912 345 678' }));
    const resident = await db()
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', residentId)
      .executeTakeFirstOrThrow();
    expect(resident).toMatchObject({ displayName: 'Trần Thị Bình', phone: '0912345678' });
    await deliver(zaloEvents.unfollow({ ...parties(), userId }));
    expect(await followers()).toEqual([]);
  });

  it("shows a reply typed in Zalo's OA manager as an officer message from Zalo OA, sending nothing", async () => {
    const userId = zaloId();
    await deliver(zaloEvents.userSendText({ ...parties(), userId, text: 'xin chào' }));
    const sentBefore = fake.sent.length;
    await deliver(zaloEvents.oaSendText({ ...parties(), userId, text: 'Chào anh, cán bộ đây', adminId: '1' }));
    // An unknown echo waits once for our own send to be recorded.
    env.clock.advance(env.ctx.config.zalo.echoWaitMs);
    await processZaloEvents(env.ctx);
    const { conversation, messages } = await conversationOf(userId);
    const echo = messages.find((m) => m.author === 'officer');
    expect(echo).toMatchObject({ text: 'Chào anh, cán bộ đây', authorName: 'từ Zalo OA' });
    const queued = await db()
      .selectFrom('outbox')
      .select('messageId')
      .where('conversationId', '=', conversation.id)
      .execute();
    expect(queued.map((q) => q.messageId)).not.toContain(echo?.id);
    expect(fake.sent.length).toBe(sentBefore);
  });
});
