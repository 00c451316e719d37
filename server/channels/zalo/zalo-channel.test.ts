import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxDispatcher } from '../../jobs/outbox-dispatcher.js';
import type { AddressInfo } from 'node:net';
import type { MessageDeliveryEvent } from '../../../contracts/conversations.js';
import { startPeriodic } from '../../jobs/periodic.js';
import { conversationOutbox } from '../../modules/conversations/outbox-source.js';
import { processZaloEvents } from '../../modules/zalo/zalo-inbound.js';
import { ASK_FOR_OFFICER, inboxDesk } from '../../test/conversations.js';
import { FakeZalo, zaloEvents, zaloId, zaloMessageId, type ZaloWebhookEvent } from '../../test/fake-zalo.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { SseClient } from '../../test/sse-client.js';
import { multipart, pdfBytes } from '../../test/uploads.js';
import { connectTestOa, fakeZaloOa, postSigned, type testOa } from '../../test/zalo-webhooks.js';
import { webAdapter } from '../web/web-adapter.js';
import { zaloAdapter } from '../../modules/zalo/zalo-adapter.js';

// The Zalo channel end to end: signed webhooks into the real app, the inbound job, the outbox
// dispatcher with the Zalo adapter, and a fake Zalo over HTTP receiving what we send.

describe('Zalo channel', () => {
  let env: TestEnv;
  let fake: FakeZalo;
  let oa: ReturnType<typeof testOa>;
  let dispatcher: OutboxDispatcher;

  beforeAll(async () => {
    fake = await FakeZalo.start();
    env = await createTestEnv({ env: { ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url } });
    oa = fakeZaloOa(fake);
    await connectTestOa(env, 'thach-trung', oa);
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    dispatcher = new OutboxDispatcher(
      env.ctx,
      [webAdapter(env.ctx), zaloAdapter(env.ctx)],
      conversationOutbox(env.ctx),
      {
        random: () => 0.5,
      },
    );
  });
  afterAll(async () => {
    await env.close();
    await fake.close();
  });

  const parties = (userId: string) => ({ appId: oa.appId, oaId: oa.oaId, userId });
  const textsTo = (userId: string) =>
    fake.sent
      .filter((s) => s.recipientId === userId)
      .map((s) => (typeof s.message.text === 'string' ? s.message.text : ''));

  /** A webhook delivered through the app, the inbound job run, the outbox drained once. */
  async function deliver(event: ZaloWebhookEvent): Promise<void> {
    const res = await postSigned(env, oa, JSON.stringify(event));
    expect(res.statusCode, res.body).toBe(200);
    await processZaloEvents(env.ctx);
    await dispatcher.runOnce();
  }

  async function outboxOf(userId: string) {
    const { residentId } = await env.ctx.database.db
      .selectFrom('zaloUsers')
      .select('residentId')
      .where('zaloUserId', '=', userId)
      .executeTakeFirstOrThrow();
    return env.ctx.database.db
      .selectFrom('outbox')
      .innerJoin('conversations as c', 'c.id', 'outbox.conversationId')
      .select(['outbox.status', 'outbox.lastError', 'outbox.messageId', 'outbox.channel', 'c.id as conversationId'])
      .where('c.residentId', '=', residentId)
      .orderBy('outbox.createdAt')
      .execute();
  }

  it("sends the assistant's answer to a resident's Zalo question as a cs message", async () => {
    const userId = zaloId();
    await deliver(zaloEvents.userSendText({ ...parties(userId), text: 'làm căn cước cần những giấy tờ gì' }));
    await fake.waitForRequests('cs', 1);
    const sent = textsTo(userId);
    expect(sent.length).toBeGreaterThan(0);
    const bot = await env.ctx.database.db
      .selectFrom('messages')
      .select('text')
      .where('author', '=', 'bot')
      .where('conversationId', '=', (await outboxOf(userId))[0]?.conversationId ?? '')
      .executeTakeFirstOrThrow();
    expect(sent.join(' ').replace(/\s+/g, ' ')).toContain(bot.text.slice(0, 40).replace(/\s+/g, ' '));
    expect(await outboxOf(userId)).toMatchObject([{ status: 'sent', channel: 'zalo' }]);
  });

  it('makes nothing new when Zalo delivers the same message again, and ignores the echo of our own send', async () => {
    const userId = zaloId();
    const event = zaloEvents.userSendText({
      ...parties(userId),
      msgId: zaloMessageId(),
      text: 'đăng ký tạm trú ở đâu',
    });
    await deliver(event);
    const first = [...textsTo(userId)];
    expect(first.length).toBeGreaterThan(0);
    await deliver(event);
    expect(textsTo(userId)).toEqual(first);
    const ours = fake.sent.find((s) => s.recipientId === userId);
    await deliver(
      zaloEvents.oaSendText({
        ...parties(userId),
        msgId: ours?.messageId ?? '',
        text: typeof ours?.message.text === 'string' ? ours.message.text : '',
      }),
    );
    env.clock.advance(60_000);
    await processZaloEvents(env.ctx);
    const officers = await env.ctx.database.db
      .selectFrom('messages')
      .select('id')
      .where('author', '=', 'officer')
      .where('conversationId', '=', (await outboxOf(userId))[0]?.conversationId ?? '')
      .execute();
    expect(officers).toEqual([]);
  });

  it("puts a Zalo conversation that asks for an officer in the inbox, and the officer's reply reaches Zalo", async () => {
    const userId = zaloId();
    await deliver(zaloEvents.userSendText({ ...parties(userId), text: ASK_FOR_OFFICER }));
    const desk = await inboxDesk(env, 'thach-trung');
    const [row] = await outboxOf(userId);
    const listed = (await desk.inbox()).items.find((c) => c.id === row?.conversationId);
    expect(listed).toMatchObject({ channel: 'zalo', status: 'open' });
    // Zalo lets the unit answer for 7 days after the resident's last message.
    expect(listed?.replyWindowEndsAt).toBe(new Date(env.clock.now() + 7 * 24 * 3600_000).toISOString());
    const reply = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/conversations/${row?.conversationId}/messages`,
      headers: { cookie: desk.cookie },
      payload: { clientId: `reply-${zaloMessageId()}`, text: 'Chào anh, cán bộ Công an xã đây ạ.' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await dispatcher.runOnce();
    expect(textsTo(userId)).toContain('Chào anh, cán bộ Công an xã đây ạ.');
  });

  it("tells the unit's officers live when a Zalo reply was sent and when one failed", async () => {
    const desk = await inboxDesk(env, 'thach-trung');
    const { port } = env.app.server.address() as AddressInfo;
    const stream = await SseClient.open<MessageDeliveryEvent>(
      `http://127.0.0.1:${port}/api/v1/console/units/${desk.unitId}/events`,
      { cookie: desk.cookie },
    );
    const reached = zaloId();
    const refused = zaloId();
    fake.refuseUser(refused, -230);
    try {
      await deliver(zaloEvents.userSendText({ ...parties(reached), text: 'làm hộ chiếu ở đâu' }));
      await deliver(zaloEvents.userSendText({ ...parties(refused), text: 'làm hộ chiếu ở đâu' }));
      const deliveries = () => stream.events.filter((e) => e.event === 'message.delivery').map((e) => e.data);
      await stream.waitFor(() => deliveries().length >= 2);
      const conversations = [(await outboxOf(reached))[0], (await outboxOf(refused))[0]];
      expect(deliveries()).toEqual([
        {
          conversationId: conversations[0]?.conversationId,
          messageId: conversations[0]?.messageId,
          delivery: { status: 'sent', error: null },
        },
        {
          conversationId: conversations[1]?.conversationId,
          messageId: conversations[1]?.messageId,
          delivery: { status: 'failed', error: 'Người dân chưa nhắn trong 7 ngày — Zalo không cho gửi' },
        },
      ]);
    } finally {
      await stream.close();
      fake.allowUser(refused);
    }
  });

  it('refreshes an expired token once and still sends the message', async () => {
    const userId = zaloId();
    const before = fake.refreshCount();
    fake.expireAccessToken(await env.ctx.zaloTokens.getAccessToken((await outboxUnit()).unitId));
    await deliver(zaloEvents.userSendText({ ...parties(userId), text: 'làm hộ chiếu ở đâu' }));
    expect(fake.refreshCount()).toBe(before + 1);
    expect(textsTo(userId).length).toBeGreaterThan(0);
    expect(await outboxOf(userId)).toMatchObject([{ status: 'sent' }]);
  });

  it('marks a reply failed with its reason when the 7-day window is closed, and does not retry it', async () => {
    const userId = zaloId();
    fake.refuseUser(userId, -230);
    await deliver(zaloEvents.userSendText({ ...parties(userId), text: 'làm căn cước cần gì' }));
    const rows = await outboxOf(userId);
    expect(rows).toMatchObject([
      { status: 'failed', lastError: 'Người dân chưa nhắn trong 7 ngày — Zalo không cho gửi' },
    ]);
    const desk = await inboxDesk(env, 'thach-trung');
    const listed = await env.app.inject({
      url: `/api/v1/console/conversations/${rows[0]?.conversationId}/messages?limit=20`,
      headers: { cookie: desk.cookie },
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json<{ items: { author: string; delivery?: unknown }[] }>().items;
    expect(items.find((m) => m.author === 'bot')?.delivery).toEqual({
      status: 'failed',
      error: 'Người dân chưa nhắn trong 7 ngày — Zalo không cho gửi',
    });
    expect(items.find((m) => m.author === 'resident')?.delivery).toBeNull();
    const calls = fake.requests.filter((r) => r.endpoint === 'cs').length;
    env.clock.advance(3600_000);
    await dispatcher.runOnce();
    expect(fake.requests.filter((r) => r.endpoint === 'cs').length).toBe(calls);
    expect(textsTo(userId)).toEqual([]);
  });

  it('backs off after a rate limit (-32) and sends later, without sending a piece twice', async () => {
    const userId = zaloId();
    fake.failNext('cs', -32);
    await deliver(zaloEvents.userSendText({ ...parties(userId), text: 'làm căn cước cần gì' }));
    expect(await outboxOf(userId)).toMatchObject([{ status: 'pending' }]);
    env.clock.advance(61_000);
    await dispatcher.runOnce();
    expect(await outboxOf(userId)).toMatchObject([{ status: 'sent' }]);
    const texts = textsTo(userId);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('after a piece of a long reply fails, a retry sends only the pieces not yet sent', async () => {
    const userId = zaloId();
    await deliver(zaloEvents.userSendText({ ...parties(userId), text: ASK_FOR_OFFICER }));
    const desk = await inboxDesk(env, 'thach-trung');
    const [row] = await outboxOf(userId);
    const sentence = (i: number) => `Câu trả lời số ${i} của cán bộ về thủ tục cư trú. `;
    const long = Array.from({ length: 70 }, (_, i) => sentence(i))
      .join('')
      .trim();
    expect(long.length).toBeGreaterThan(2000);
    expect(long.length).toBeLessThan(4000);
    const before = textsTo(userId).length;
    fake.failNext('cs', -32, 1, 1);
    const reply = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/conversations/${row?.conversationId}/messages`,
      headers: { cookie: desk.cookie },
      payload: { clientId: `reply-${zaloMessageId()}`, text: long },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await dispatcher.runOnce();
    expect(textsTo(userId).length).toBe(before + 1);
    env.clock.advance(61_000);
    await dispatcher.runOnce();
    const pieces = textsTo(userId).slice(before);
    expect(pieces.length).toBe(2);
    expect(new Set(pieces).size).toBe(2);
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(long.replace(/\s+/g, ' '));
  });

  it("uploads an officer's PDF to Zalo and sends it after the text", async () => {
    const userId = zaloId();
    await deliver(zaloEvents.userSendText({ ...parties(userId), text: ASK_FOR_OFFICER }));
    const desk = await inboxDesk(env, 'thach-trung');
    const [row] = await outboxOf(userId);
    const body = multipart([{ filename: 'mau-ct01.pdf', type: 'application/pdf', data: pdfBytes() }]);
    const upload = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/conversations/${row?.conversationId}/attachments`,
      headers: { cookie: desk.cookie, ...body.headers },
      payload: body.payload,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const reply = await env.app.inject({
      method: 'POST',
      url: `/api/v1/console/conversations/${row?.conversationId}/messages`,
      headers: { cookie: desk.cookie },
      payload: {
        clientId: `reply-${zaloMessageId()}`,
        text: 'Mẫu CT01 đây ạ.',
        attachmentIds: [upload.json<{ id: string }>().id],
      },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await dispatcher.runOnce();
    const uploaded = fake.uploads.at(-1);
    expect(uploaded).toMatchObject({ kind: 'file', mimeType: 'application/pdf' });
    expect(uploaded?.bytes.equals(pdfBytes())).toBe(true);
    const toUser = fake.sent.filter((m) => m.recipientId === userId);
    expect(toUser.at(-2)?.message.text).toBe('Mẫu CT01 đây ạ.');
    expect(JSON.stringify(toUser.at(-1)?.message)).toContain(uploaded?.id ?? 'no upload');
  });

  it('answers at once: the webhook wakes the inbound job, and the reply reaches Zalo', async () => {
    const userId = zaloId();
    const errors: unknown[] = [];
    const stop = startPeriodic(() => processZaloEvents(env.ctx), {
      everyMs: 3600_000,
      wake: env.ctx.zaloEventsArrived,
      onError: (err) => errors.push(err),
    });
    dispatcher.start();
    try {
      const count = fake.requests.filter((r) => r.endpoint === 'cs').length;
      const res = await postSigned(
        env,
        oa,
        JSON.stringify(zaloEvents.userSendText({ ...parties(userId), text: 'làm căn cước cần gì' })),
      );
      expect(res.statusCode).toBe(200);
      const requests = await fake.waitForRequests('cs', count + 1);
      expect(requests.at(-1)?.body.toString('utf8')).toContain(userId);
      expect(errors).toEqual([]);
    } finally {
      stop();
      await dispatcher.stop();
    }
  });

  async function outboxUnit() {
    return env.ctx.database.db.selectFrom('zaloConnections').select('unitId').executeTakeFirstOrThrow();
  }
});
