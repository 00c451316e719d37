import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { connectTestOa, postSigned, postWebhook, testOa, userText, zaloMac } from '../../test/zalo-webhooks.js';

describe('POST /webhooks/zalo', () => {
  let env: TestEnv;
  const oa = testOa();
  let unitId = '';

  beforeAll(async () => {
    env = await createTestEnv();
    unitId = await connectTestOa(env, 'thach-trung', oa);
  });
  afterAll(async () => env.close());

  const events = () => env.ctx.database.db.selectFrom('zaloEvents').selectAll().orderBy('receivedAt').execute();

  it('stores a correctly signed event and notes when the OA was last heard from', async () => {
    const body = userText(oa, { msgId: 'msg-first', text: 'Làm căn cước cần gì?' });
    const res = await postSigned(env, oa, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ received: true, duplicate: false });
    const stored = (await events()).filter((e) => e.dedupeKey === 'user_send_text:msg-first');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      unitId,
      oaId: oa.oaId,
      eventName: 'user_send_text',
      payload: body,
      status: 'pending',
      attempts: 0,
    });
    const connection = await env.ctx.database.db
      .selectFrom('zaloConnections')
      .select('lastEventAt')
      .where('unitId', '=', unitId)
      .executeTakeFirstOrThrow();
    expect(connection.lastEventAt).toBe(env.ctx.clock.now());
  });

  it('stores nothing new when Zalo delivers the same message again', async () => {
    const body = userText(oa, { msgId: 'msg-retried' });
    expect((await postSigned(env, oa, body)).statusCode).toBe(200);
    const before = await events();
    const again = await postSigned(env, oa, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ received: true, duplicate: true });
    expect(await events()).toEqual(before);
  });

  it('deduplicates events without a message id by the hash of their bytes', async () => {
    const follow = JSON.stringify({
      oa_id: oa.oaId,
      follower: { id: '246845883529197922' },
      event_name: 'follow',
      source: 'oa_profile',
      app_id: oa.appId,
      timestamp: '1764583300000',
    });
    expect((await postSigned(env, oa, follow)).json()).toEqual({ received: true, duplicate: false });
    expect((await postSigned(env, oa, follow)).json()).toEqual({ received: true, duplicate: true });
    const stored = (await events()).filter((e) => e.eventName === 'follow');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('routes an OA echo by its sender', async () => {
    const echo = JSON.stringify({
      app_id: oa.appId,
      event_name: 'oa_send_text',
      timestamp: '1764583400000',
      sender: { id: oa.oaId, admin_id: '1' },
      recipient: { id: '7677597454271532329' },
      message: { msg_id: 'echo-1', text: 'Chào anh' },
    });
    expect((await postSigned(env, oa, echo)).statusCode).toBe(200);
    expect((await events()).some((e) => e.dedupeKey === 'oa_send_text:echo-1' && e.unitId === unitId)).toBe(true);
  });

  it('keeps a 19-digit user id exactly, whether Zalo writes it as a string or as a bare number', async () => {
    const quoted = userText(oa, { msgId: 'big-quoted', userId: '7677597454271532329' });
    expect((await postSigned(env, oa, quoted)).statusCode).toBe(200);
    const bare = quoted.replace('"7677597454271532329"', '7677597454271532329').replace('big-quoted', 'big-bare');
    expect(bare).toContain('"sender":{"id":7677597454271532329}');
    expect((await postSigned(env, oa, bare)).statusCode).toBe(200);
    const byKey = new Map((await events()).map((e) => [e.dedupeKey, e.payload]));
    expect(byKey.get('user_send_text:big-quoted')).toContain('"id":"7677597454271532329"');
    // Stored as received: the digits are not rounded to 7677597454271532000.
    expect(byKey.get('user_send_text:big-bare')).toContain('"id":7677597454271532329}');
  });

  it('accepts an OA id written as a bare 19-digit number', async () => {
    const body = userText(oa, { msgId: 'oa-bare' }).replace(
      `"recipient":{"id":"${oa.oaId}"}`,
      `"recipient":{"id":${oa.oaId}}`,
    );
    expect(body).toContain(`"recipient":{"id":${oa.oaId}}`);
    expect((await postSigned(env, oa, body)).statusCode).toBe(200);
  });

  it('stores any signed event exactly as its bytes arrived (generated events)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 3 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        async (extra, text) => {
          const base = JSON.parse(userText(oa, { text })) as Record<string, unknown>;
          const body = JSON.stringify({ ...base, extra, message: { msg_id: `gen-${crypto.randomUUID()}`, text } });
          const res = await postSigned(env, oa, body);
          expect(res.statusCode, res.body).toBe(200);
          const key = `user_send_text:${(JSON.parse(body) as { message: { msg_id: string } }).message.msg_id}`;
          const row = await env.ctx.database.db
            .selectFrom('zaloEvents')
            .select('payload')
            .where('dedupeKey', '=', key)
            .executeTakeFirstOrThrow();
          expect(row.payload).toBe(body);
        },
      ),
      { numRuns: 30, seed: 12_2026 },
    );
  });

  it('refuses generated unsigned or wrongly signed bodies with 401, never 5xx, storing nothing', async () => {
    const before = await events();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        ),
        fc.oneof(fc.constant(null), fc.string({ maxLength: 80 }), fc.stringMatching(/^mac=[0-9a-f]{64}$/)),
        async (body, signature) => {
          const res = await postWebhook(env, body, signature);
          expect(res.statusCode, `${body} ${String(signature)}: ${res.body}`).toBe(401);
        },
      ),
      { numRuns: 60, seed: 12_2026 },
    );
    expect(await events()).toEqual(before);
  });

  describe('refuses with 401 and stores nothing', () => {
    const refused = async (body: string, signature: string | null) => {
      const before = await events();
      const res = await postWebhook(env, body, signature);
      expect(res.statusCode, res.body).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'zalo_signature_invalid' });
      expect(await events()).toEqual(before);
    };

    it('a request without a signature', async () => {
      await refused(userText(oa, { msgId: 'unsigned' }), null);
    });

    it('a signature made with the wrong key', async () => {
      const body = userText(oa, { msgId: 'wrong-key' });
      await refused(body, zaloMac(oa.appId, body, '1764583200000', 'not-the-secret'));
    });

    it('a signature made with the app secret instead of the OA secret key', async () => {
      const body = userText(oa, { msgId: 'app-secret' });
      await refused(body, zaloMac(oa.appId, body, '1764583200000', oa.appSecret));
    });

    it('a body changed after signing', async () => {
      const body = userText(oa, { msgId: 'tampered', text: 'Xin chào' });
      const mac = zaloMac(oa.appId, body, '1764583200000', oa.oaSecretKey);
      await refused(body.replace('Xin chào', 'Chuyển tiền'), mac);
    });

    it('a body re-serialised with its keys in another order', async () => {
      const body = userText(oa, { msgId: 'reordered' });
      const mac = zaloMac(oa.appId, body, '1764583200000', oa.oaSecretKey);
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse()));
      await refused(reordered, mac);
    });

    it('a malformed signature header, and a body that is not JSON', async () => {
      await refused(userText(oa, { msgId: 'short-mac' }), 'mac=abc');
      await refused('not json', zaloMac(oa.appId, 'not json', '', oa.oaSecretKey));
    });

    it('an OA connected nowhere, even when signed with its own keys', async () => {
      const stranger = testOa();
      const body = userText(stranger, { msgId: 'stranger' });
      await refused(body, zaloMac(stranger.appId, body, '1764583200000', stranger.oaSecretKey));
    });
  });
});
