import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createContext, type AppContext } from '../context.js';
import { SseClient, SseRefusedError } from '../test/sse-client.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv, type TestOfficer } from '../test/helper.js';

// An officer's live stream carries residents' messages and internal notes: it must not outlive
// the session that opened it (logout, disabling, expiry), in this process or another one.

const CONSOLE = '/api/v1/console';
const PUBLIC = '/api/v1/public';

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

describe('officer event streams end with their session', () => {
  let env: TestEnv;
  let base: string;
  let unitId: string;
  let owner: string;

  beforeAll(async () => {
    env = await createTestEnv({ env: { STREAMS_PER_SESSION: '2', STREAMS_PER_RESIDENT: '2' } });
    base = await listen(env.app);
    unitId = (await unitBySlug(env, 'thach-trung')).id;
    owner = await signIn(env, await createOfficer(env, 'owner', 'thach-trung'));
  });
  afterAll(async () => env.close());

  async function officerStream(): Promise<{ officer: TestOfficer; cookie: string; stream: SseClient }> {
    const officer = await createOfficer(env, 'officer', 'thach-trung');
    const cookie = await signIn(env, officer);
    const stream = await SseClient.open(`${base}${CONSOLE}/units/${unitId}/events`, { cookie });
    return { officer, cookie, stream };
  }

  it('ends the stream when the officer signs out, telling the client not to reconnect', async () => {
    const { cookie, stream } = await officerStream();
    const res = await env.app.inject({ method: 'DELETE', url: `${CONSOLE}/session`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    await stream.ended;
    expect(stream.events.map((e) => e.event)).toContain('session.ended');
  });

  it('ends every stream of an officer who is disabled', async () => {
    const { officer, stream } = await officerStream();
    const second = await SseClient.open(`${base}${CONSOLE}/units/${unitId}/events`, {
      cookie: await signIn(env, officer),
    });
    const res = await env.app.inject({
      method: 'PATCH',
      url: `${CONSOLE}/units/${unitId}/officers/${officer.id}`,
      headers: { cookie: owner },
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    await Promise.all([stream.ended, second.ended]);
  });

  it('ends the stream when the session expires, though nobody revoked it', async () => {
    const { stream } = await officerStream();
    env.clock.advance(env.ctx.config.security.sessionTtlMs + 1);
    // The periodic session check notices: no event announces an expiry.
    await stream.ended;
    expect(stream.events.map((e) => e.event)).toContain('session.ended');
  });

  it('keeps the streams of other sessions open', async () => {
    const a = await officerStream();
    const b = await officerStream();
    await env.app.inject({ method: 'DELETE', url: `${CONSOLE}/session`, headers: { cookie: a.cookie } });
    await a.stream.ended;
    // b's stream still delivers: a resident's message arrives on it.
    const open = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/thach-trung/conversations` });
    expect(open.statusCode).toBe(201);
    const conv = open.json<{ id: string }>().id;
    const cookie = `kn_resident=${open.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const said = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${conv}/messages`,
      headers: { cookie },
      payload: { clientId: 'still-open-0001', text: 'cho tôi gặp cán bộ' },
    });
    expect(said.statusCode).toBe(201);
    await b.stream.waitFor((events) => events.some((e) => e.event === 'message.created'));
    await b.stream.close();
  });

  it('caps open streams per officer session and per resident with 429 problem+json', async () => {
    const { cookie, stream } = await officerStream();
    const second = await SseClient.open(`${base}${CONSOLE}/units/${unitId}/events`, { cookie });
    const third = await SseClient.open(`${base}${CONSOLE}/units/${unitId}/events`, { cookie }).catch(
      (err: unknown) => err,
    );
    expect(third).toBeInstanceOf(SseRefusedError);
    expect((third as SseRefusedError).status).toBe(429);
    expect(JSON.parse((third as SseRefusedError).body)).toMatchObject({ code: 'too_many_streams' });
    // Closing one frees a place.
    await second.close();
    await officerStreamsDownTo(1);
    const again = await SseClient.open(`${base}${CONSOLE}/units/${unitId}/events`, { cookie });
    await Promise.all([again.close(), stream.close()]);

    const open = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/thach-trung/conversations` });
    const conv = open.json<{ id: string }>().id;
    const residentCookie = `kn_resident=${open.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const url = `${base}${PUBLIC}/conversations/${conv}/events`;
    const streams = [
      await SseClient.open(url, { cookie: residentCookie }),
      await SseClient.open(url, { cookie: residentCookie }),
    ];
    const refused = await SseClient.open(url, { cookie: residentCookie }).catch((err: unknown) => err);
    expect((refused as SseRefusedError).status).toBe(429);
    await Promise.all(streams.map((s) => s.close()));
  });

  /** Resolves when the server has let go of closed officer streams (it learns of a close from the socket). */
  async function officerStreamsDownTo(count: number): Promise<void> {
    for (;;) {
      const { values } = await env.ctx.metrics.openStreams.get();
      if ((values.find((v) => v.labels.audience === 'officer')?.value ?? 0) <= count) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
});

describe.runIf(process.env.TEST_DATABASE_URL)('officer event streams across processes (PostgreSQL)', () => {
  let env: TestEnv;
  let other: FastifyInstance;
  let otherCtx: AppContext;
  let otherBase: string;

  beforeAll(async () => {
    env = await createTestEnv();
    // A second server process on the same database: its own context, bus and LISTEN connection.
    otherCtx = await createContext(env.ctx.config, { clock: env.clock });
    other = await buildApp(otherCtx, { serveWeb: false });
    otherBase = await listen(other);
  });
  afterAll(async () => {
    await other.close();
    await otherCtx.database.close();
    await env.close();
  });

  it('carries a sign-out in one process to the session’s stream in another', async () => {
    const unitId = (await unitBySlug(env, 'thach-trung')).id;
    const cookie = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    const stream = await SseClient.open(`${otherBase}${CONSOLE}/units/${unitId}/events`, { cookie });
    const res = await env.app.inject({ method: 'DELETE', url: `${CONSOLE}/session`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    await stream.ended;
    expect(stream.events.map((e) => e.event)).toContain('session.ended');
  });

  it('delivers session notices from one process’s bus to another’s', async () => {
    const ctxB = await createContext(env.ctx.config);
    try {
      const heard = new Promise((resolve) => ctxB.bus.onSessionsEnded(resolve));
      // The LISTEN connection starts with the first subscription.
      const unsubscribe = await ctxB.bus.subscribe(() => undefined);
      env.ctx.bus.sessionsEnded({ officerId: 'officer-1', sessionId: 'session-1' });
      expect(await heard).toEqual({ officerId: 'officer-1', sessionId: 'session-1' });
      unsubscribe();
    } finally {
      await ctxB.bus.close();
      await ctxB.database.close();
    }
  });
});
