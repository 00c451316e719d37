import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createContext, type AppContext } from '../context.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../test/helper.js';
import { SseClient } from '../test/sse-client.js';

const PUBLIC = '/api/v1/public';
const CONSOLE = '/api/v1/console';

interface EventData {
  message?: { id: string; text: string; internal: boolean };
  conversation?: { status: string; labels: string[] };
}

/** An open text/event-stream of the app's events, read over a real socket. */
const Stream = { open: (url: string, headers: Record<string, string>) => SseClient.open<EventData>(url, headers) };

describe('realtime over server-sent events', () => {
  let env: TestEnv;
  let base: string;
  let officer: string;
  let unitId: string;
  let resident: { cookie: string; conversationId: string };
  let n = 0;

  async function say(text: string, app: FastifyInstance = env.app) {
    const res = await app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${resident.conversationId}/messages`,
      headers: { cookie: resident.cookie },
      payload: { clientId: `sse-client-${++n}`, text },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ message: { id: string } }>().message.id;
  }

  beforeAll(async () => {
    // Streams poll on a heartbeat interval too: stopped here, so an event that arrives can only
    // have been woken by its commit (in process, or by NOTIFY from another process).
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    env = await createTestEnv();
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    unitId = (await unitBySlug(env, 'thach-trung')).id;
    officer = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    const open = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/thach-trung/conversations` });
    resident = {
      cookie: `kn_resident=${open.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`,
      conversationId: open.json<{ id: string }>().id,
    };
  });
  afterAll(async () => {
    await env.close();
    vi.useRealTimers();
  });

  it('shows a new message at once and resumes from Last-Event-ID without gaps or duplicates', async () => {
    const url = `${base}${PUBLIC}/conversations/${resident.conversationId}/events`;
    const s1 = await Stream.open(url, { cookie: resident.cookie });
    const first = await say('làm căn cước cần gì');
    await s1.waitFor((e) => e.some((x) => x.data.message?.id === first));
    await s1.waitFor((e) => e.some((x) => x.event === 'conversation.updated'));
    const lastSeen = s1.events.at(-1)?.id ?? 0;
    await s1.close();

    const missed = [await say('thủ tục tạm trú'), await say('cho tôi gặp cán bộ')];
    const expected = await env.ctx.database.db
      .selectFrom('events')
      .select('id')
      .where('conversationId', '=', resident.conversationId)
      .where('id', '>', lastSeen)
      .orderBy('id')
      .execute();

    const s2 = await Stream.open(url, { cookie: resident.cookie, 'last-event-id': String(lastSeen) });
    await s2.waitFor((e) => e.length >= expected.length);
    // Live again after the replay. Events come in id order, so once the live message is there,
    // anything the replay would have sent twice or out of order has arrived before it.
    const live = await say('cảm ơn');
    await s2.waitFor((e) => e.some((x) => x.data.message?.id === live));
    await s2.close();
    const lastMissed = Number(expected.at(-1)?.id);
    // Every event of the app's streams carries an id (only the end notice has none).
    const received = s2.events.map((e) => e.id ?? -1);
    expect(received.filter((id) => id <= lastMissed)).toEqual(expected.map((e) => Number(e.id)));
    expect(received).toEqual([...new Set(received)].sort((a, b) => a - b));
    const ids = s2.events.filter((e) => (e.id ?? -1) <= lastMissed).map((e) => e.data.message?.id);
    expect(ids).toEqual(expect.arrayContaining(missed));
  });

  it('gives officers internal notes and residents not', async () => {
    const consoleStream = await Stream.open(`${base}${CONSOLE}/units/${unitId}/events?lastEventId=0`, {
      cookie: officer,
    });
    const residentStream = await Stream.open(
      `${base}${PUBLIC}/conversations/${resident.conversationId}/events?lastEventId=0`,
      {
        cookie: resident.cookie,
      },
    );
    for (const [clientId, text, internal] of [
      ['note-000001', 'Ghi chú nội bộ', true],
      ['reply-000001', 'Cán bộ trả lời', false],
    ] as const) {
      const res = await env.app.inject({
        method: 'POST',
        url: `${CONSOLE}/conversations/${resident.conversationId}/messages`,
        headers: { cookie: officer },
        payload: { clientId, text, internal },
      });
      expect(res.statusCode).toBe(201);
    }
    await consoleStream.waitFor((e) => e.some((x) => x.data.message?.text === 'Cán bộ trả lời'));
    await residentStream.waitFor((e) => e.some((x) => x.data.message?.text === 'Cán bộ trả lời'));
    expect(consoleStream.events.some((x) => x.data.message?.text === 'Ghi chú nội bộ')).toBe(true);
    expect(residentStream.events.some((x) => x.data.message?.internal)).toBe(false);
    expect(residentStream.events.some((x) => x.data.message?.text === 'Ghi chú nội bộ')).toBe(false);
    await consoleStream.close();
    await residentStream.close();
  });

  it('refuses streams of other residents and of other units', async () => {
    const other = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/thach-trung/conversations` });
    const cookie = `kn_resident=${other.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const res = await fetch(`${base}${PUBLIC}/conversations/${resident.conversationId}/events`, {
      headers: { cookie },
    });
    expect(res.status).toBe(404);
    const outsider = await signIn(env, await createOfficer(env, 'officer', 'dai-nai'));
    const res2 = await fetch(`${base}${CONSOLE}/units/${unitId}/events`, { headers: { cookie: outsider } });
    expect(res2.status).toBe(404);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('carries events between two app instances on PostgreSQL', async () => {
    const db = env.ctx.config.database;
    if (db.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const ctxB: AppContext = await createContext(
      loadConfig({ NODE_ENV: 'test', DATA_DIR: env.dataDir, LOG_LEVEL: 'silent', DATABASE_URL: db.url }),
      { clock: env.clock },
    );
    const appB = await buildApp(ctxB, { serveWeb: false });
    await appB.listen({ port: 0, host: '127.0.0.1' });
    try {
      const baseB = `http://127.0.0.1:${(appB.server.address() as AddressInfo).port}`;
      const s = await Stream.open(`${baseB}${PUBLIC}/conversations/${resident.conversationId}/events`, {
        cookie: resident.cookie,
      });
      // No wait for B's LISTEN: a stream reads from the last id it saw before answering, so a message
      // committed before its subscription is read right after it, and one committed later wakes it.
      const id = await say('tin nhắn qua máy A');
      await s.waitFor((e) => e.some((x) => x.data.message?.id === id));
      // And the other way round: a message posted on B reaches a stream on A.
      const sA = await Stream.open(`${base}${PUBLIC}/conversations/${resident.conversationId}/events`, {
        cookie: resident.cookie,
      });
      const id2 = await say('tin nhắn qua máy B', appB);
      await sA.waitFor((e) => e.some((x) => x.data.message?.id === id2));
      await s.close();
      await sA.close();
    } finally {
      await appB.close();
      await ctxB.database.close();
    }
  });
});
