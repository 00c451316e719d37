import type { ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeZalo, sendWebhook, zaloEvents, zaloId } from '../../test/fake-zalo.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { killHard, serverProcesses, stopGently, type ServerProcesses } from '../../test/server-process.js';
import { connectTestOa, fakeZaloOa } from '../../test/zalo-webhooks.js';

// The real server process is killed (SIGKILL) between residents' Zalo messages and the replies:
// - while it processes a received event (Zalo already has its 200; the message is not stored);
// - while a reply is on its way and Zalo took it (the answer never reaches the dead process);
// - while a reply is on its way and Zalo never took it.
// After a restart on the same data, each message is there once and answered once, and Zalo got
// each reply once: the one Zalo took is known by its echo, the one it did not is sent again.
// Starts the server three times from its TypeScript sources: hence a 4-minute timeout.

describe('Zalo: a crash between receiving and replying', () => {
  let env: TestEnv;
  let fake: FakeZalo;
  let oa: ReturnType<typeof fakeZaloOa>;
  let servers: ServerProcesses;
  let server: ChildProcess | null = null;

  beforeAll(async () => {
    fake = await FakeZalo.start();
    env = await createTestEnv({ env: { ZALO_API_BASE: fake.url, ZALO_OAUTH_BASE: fake.url } });
    oa = fakeZaloOa(fake);
    await connectTestOa(env, 'thach-trung', oa);
    await env.app.close();
    servers = await serverProcesses(env, {
      ZALO_API_BASE: fake.url,
      ZALO_OAUTH_BASE: fake.url,
      // What the killed process held is taken up a second later, and its cut-short send two
      // seconds after it started (the fake resends echoes at once, Zalo after about 30 s).
      OUTBOX_LEASE_SECONDS: '1',
      ZALO_EVENT_LEASE_SECONDS: '1',
      ZALO_ECHO_WAIT_SECONDS: '2',
    });
    fake.echoUrl = `${servers.base}/webhooks/zalo`;
  });
  afterAll(async () => {
    if (server) await stopGently(server);
    await env.close();
    await fake.close();
  });

  async function residentWrites(userId: string, text: string): Promise<void> {
    const event = zaloEvents.userSendText({ appId: oa.appId, oaId: oa.oaId, userId, text });
    const res = await sendWebhook(`${servers.base}/webhooks/zalo`, event, oa);
    expect(res.status, res.body).toBe(200);
  }

  const db = () => env.ctx.database.db;
  const csCallsTo = (userId: string) =>
    fake.requests.filter((r) => r.endpoint === 'cs' && r.body.toString('utf8').includes(`"${userId}"`)).length;
  const textsTo = (userId: string) =>
    fake.sent
      .filter((s) => s.recipientId === userId)
      .map((s) => (typeof s.message.text === 'string' ? s.message.text : ''));

  /** Polls the database the server writes (the test's timeout is the limit) until nothing is left to do. */
  async function settled(): Promise<void> {
    const busy = async () =>
      (await db().selectFrom('zaloEvents').select('id').where('status', '=', 'pending').limit(1).execute()).length +
      (await db().selectFrom('outbox').select('id').where('status', '=', 'pending').limit(1).execute()).length;
    while ((await busy()) > 0) await delay(100);
    await fake.settled();
  }

  /** The resident's one message, its one answer, sent to Zalo once, piece by piece; how many pieces. */
  async function answeredOnce(userId: string, question: string): Promise<number> {
    const { id } = await db()
      .selectFrom('zaloUsers as z')
      .innerJoin('conversations as c', 'c.residentId', 'z.residentId')
      .select('c.id')
      .where('z.zaloUserId', '=', userId)
      .executeTakeFirstOrThrow();
    const messages = await db()
      .selectFrom('messages')
      .select(['author', 'text'])
      .where('conversationId', '=', id)
      .orderBy('createdAt')
      .execute();
    expect(messages.filter((m) => m.author === 'resident')).toEqual([{ author: 'resident', text: question }]);
    const answers = messages.filter((m) => m.author === 'bot');
    expect(answers).toHaveLength(1);
    expect(
      messages.filter((m) => m.author === 'officer'),
      'no echo taken for a reply typed in Zalo',
    ).toEqual([]);
    const outbox = await db()
      .selectFrom('outbox')
      .select(['status', 'channel'])
      .where('conversationId', '=', id)
      .execute();
    expect(outbox).toEqual([{ status: 'sent', channel: 'zalo' }]);
    const pieces = textsTo(userId);
    expect(pieces.length).toBeGreaterThan(0);
    expect(new Set(pieces).size, 'no piece sent twice').toBe(pieces.length);
    const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(flat(pieces.join(' '))).toContain(flat(answers[0]?.text ?? '').slice(0, 60));
    return pieces.length;
  }

  it('loses no message and sends no reply twice', async () => {
    server = await servers.start();
    // One reply is held on its way to Zalo, and another message is held while it is processed.
    const taken = zaloId();
    const send = fake.holdNext('cs');
    await residentWrites(taken, 'đăng ký tạm trú cần giấy tờ gì');
    await send.reached;
    const processing = zaloId();
    const profile = fake.holdNext('user_detail');
    await residentWrites(processing, 'làm căn cước cần những giấy tờ gì');
    await profile.reached;
    await killHard(server);
    // Zalo took the held reply: the process died without hearing so.
    send.release();
    profile.release();
    await Promise.all([send.finished, profile.finished]);
    expect(textsTo(taken)).toHaveLength(1);
    expect(textsTo(processing)).toEqual([]);

    server = await servers.start();
    await settled();
    // This time Zalo never takes the held reply.
    const dropped = zaloId();
    const lost = fake.holdNext('cs');
    await residentWrites(dropped, 'xin cấp lại căn cước bị mất');
    await lost.reached;
    await killHard(server);
    lost.drop();
    await lost.finished;

    server = await servers.start();
    await settled();
    const takenPieces = await answeredOnce(taken, 'đăng ký tạm trú cần giấy tờ gì');
    expect(csCallsTo(taken), 'the reply Zalo took is not sent again').toBe(takenPieces);
    await answeredOnce(processing, 'làm căn cước cần những giấy tờ gì');
    const droppedPieces = await answeredOnce(dropped, 'xin cấp lại căn cước bị mất');
    expect(csCallsTo(dropped), 'the reply Zalo never took is sent again').toBe(droppedPieces + 1);
    const events = await db().selectFrom('zaloEvents').select('status').distinct().execute();
    expect(events.map((e) => e.status)).toEqual(['done']);
  }, 240_000);
});
