import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REFERENCE_TTL_MS } from '../lib/reference-cache.js';
import { cliRunner } from '../test/cli.js';
import { createTestEnv, unitBySlug, type TestEnv } from '../test/helper.js';
import { connectTestOa, postSigned, testOa, userText } from '../test/zalo-webhooks.js';

describe('ketnoi zalo', { timeout: 120_000 }, () => {
  let env: TestEnv;
  let ketnoi: ReturnType<typeof cliRunner>;
  let signal: AbortSignal;
  const oa = testOa();
  /** What an operator pastes from Zalo's API explorer: no token lifetime. */
  const pasted = { ...oa, expiresIn: undefined };
  const secrets = [oa.appSecret, oa.oaSecretKey, oa.accessToken, oa.refreshToken];

  beforeEach((test) => {
    signal = test.signal;
  });
  beforeAll(async () => {
    env = await createTestEnv();
    ketnoi = cliRunner(env, () => signal);
  });
  afterAll(async () => env.close());

  it('connects an OA from stdin, prints the webhook URL, and the running server takes it within 5 s', async () => {
    // The running server does not know the OA yet (and remembers that for up to 5 s).
    expect((await postSigned(env, oa, userText(oa, { msgId: 'before' }))).statusCode).toBe(401);
    const r = await ketnoi(['zalo', 'connect', '--unit', 'thach-trung'], JSON.stringify(pasted));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`connected OA ${oa.oaId} to thach-trung`);
    expect(r.out).toContain('http://localhost:3000/webhooks/zalo');
    for (const secret of secrets) expect(r.out).not.toContain(secret);
    env.clock.advance(REFERENCE_TTL_MS);
    const res = await postSigned(env, oa, userText(oa, { msgId: 'after' }));
    expect(res.statusCode, res.body).toBe(200);
    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'zalo.connect')
      .executeTakeFirstOrThrow();
    expect(audit.actorName).toMatch(/^cli:/);
    expect(audit.unitId).toBe((await unitBySlug(env, 'thach-trung')).id);
  });

  it('explains bad input by field, without echoing what was typed', async () => {
    const notJson = await ketnoi(['zalo', 'connect', '--unit', 'dai-nai'], 'oaId=1');
    expect(notJson.code).toBe(1);
    expect(notJson.err).toContain('one JSON object');
    const missing = { ...testOa(), refreshToken: undefined };
    const bad = await ketnoi(
      ['zalo', 'connect', '--unit', 'dai-nai'],
      JSON.stringify({ ...missing, oaId: 'OA-12', appSecret: 'typed-secret', extra: 1 }),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('oaId');
    expect(bad.err).toContain('refreshToken');
    expect(bad.err).not.toContain('typed-secret');
    const unknown = await ketnoi(['zalo', 'connect', '--unit', 'nowhere'], JSON.stringify(pasted));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('not found');
    expect(await env.ctx.database.db.selectFrom('zaloConnections').select('unitId').execute()).toHaveLength(1);
  });

  it('shows the status of one unit and of all, never a secret', async () => {
    const one = await ketnoi(['zalo', 'status', '--unit', 'thach-trung']);
    expect(one.code).toBe(0);
    expect(one.out).toContain(`thach-trung: OA ${oa.oaId} (app ${oa.appId})`);
    expect(one.out).toContain('last event: 20');
    expect(one.out).toContain('webhook URL: http://localhost:3000/webhooks/zalo');
    const all = await ketnoi(['zalo', 'status']);
    expect(all.out).toContain(`OA ${oa.oaId}`);
    for (const secret of secrets) expect(one.out + all.out).not.toContain(secret);
    expect((await ketnoi(['zalo', 'status', '--unit', 'dai-nai'])).out).toContain('dai-nai: no Zalo OA connected');
  });

  it('disconnects, and the running server refuses the OA within 5 s', async () => {
    const r = await ketnoi(['zalo', 'disconnect', '--unit', 'thach-trung']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`disconnected OA ${oa.oaId} from thach-trung`);
    env.clock.advance(REFERENCE_TTL_MS);
    expect((await postSigned(env, oa, userText(oa, { msgId: 'gone' }))).statusCode).toBe(401);
    expect((await ketnoi(['zalo', 'status'])).out).toContain('no Zalo OA connected');
    const again = await ketnoi(['zalo', 'disconnect', '--unit', 'thach-trung']);
    expect(again.code).toBe(1);
  });

  it('simulates a resident writing to the OA: signed so the running server stores it', async () => {
    const other = testOa();
    const unitId = await connectTestOa(env, 'dai-nai', other);
    const url = await env.app.listen({ port: 0, host: '127.0.0.1' });
    const r = await ketnoi([
      'zalo',
      'simulate',
      '--unit',
      'dai-nai',
      '--user',
      '7677597454271532329',
      '--text',
      'Cho tôi hỏi thủ tục tạm trú',
      '--url',
      url,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`POST ${url}/webhooks/zalo`);
    expect(r.out).toContain('→ 200');
    const events = await env.ctx.database.db
      .selectFrom('zaloEvents')
      .selectAll()
      .where('unitId', '=', unitId)
      .execute();
    expect(events).toHaveLength(1);
    const payload = JSON.parse(events[0]?.payload ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({
      app_id: other.appId,
      event_name: 'user_send_text',
      sender: { id: '7677597454271532329' },
      recipient: { id: other.oaId },
      message: { text: 'Cho tôi hỏi thủ tục tạm trú' },
    });
    const bad = await ketnoi(['zalo', 'simulate', '--unit', 'dai-nai', '--user', 'x1', '--text', 'a', '--url', url]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--user');
    const none = await ketnoi([
      'zalo',
      'simulate',
      '--unit',
      'thach-trung',
      '--user',
      '1',
      '--text',
      'a',
      '--url',
      url,
    ]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('not found');
  });
});
