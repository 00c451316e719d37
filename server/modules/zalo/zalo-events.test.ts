import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { connectTestOa, postSigned, testOa, userText } from '../../test/zalo-webhooks.js';
import { claimZaloEvents, markZaloEventDone, markZaloEventFailed, retryZaloEventAt } from './zalo-events.repository.js';

// The queue the event processor will drain: received order, leases, retries, giving up.
describe('the queue of received Zalo events', () => {
  let env: TestEnv;
  const oa = testOa();

  beforeAll(async () => {
    env = await createTestEnv();
    await connectTestOa(env, 'thach-trung', oa);
    for (const msgId of ['q-1', 'q-2', 'q-3']) {
      expect((await postSigned(env, oa, userText(oa, { msgId }))).statusCode).toBe(200);
      env.clock.advance(1);
    }
  });
  afterAll(async () => env.close());

  const claim = (limit: number) =>
    env.ctx.database.transaction((trx) =>
      claimZaloEvents(trx, { dialect: env.ctx.database.dialect, now: env.clock.now(), leaseMs: 30_000, limit }),
    );

  it('hands events out oldest first, each to one claimer while its lease holds', async () => {
    const first = await claim(2);
    expect(first.map((e) => e.dedupeKey)).toEqual(['user_send_text:q-1', 'user_send_text:q-2']);
    expect(first.every((e) => e.attempts === 1 && e.payload.includes('"msg_id"'))).toBe(true);
    const second = await claim(5);
    expect(second.map((e) => e.dedupeKey)).toEqual(['user_send_text:q-3']);
    expect(await claim(5)).toEqual([]);
    const [a, b] = first;
    const [c] = second;
    if (!a || !b || !c) throw new Error('three events expected');
    await env.ctx.database.transaction(async (trx) => {
      await markZaloEventDone(trx, a.id, env.clock.now());
      await retryZaloEventAt(trx, b.id, env.clock.now() + 60_000, 'user detail: -32 rate limited');
      await markZaloEventFailed(trx, c.id, 'unknown event shape', env.clock.now());
    });
    expect(await claim(5)).toEqual([]);
    env.clock.advance(60_000);
    const retried = await claim(5);
    expect(retried.map((e) => [e.id, e.attempts, e.lastError])).toEqual([[b.id, 2, 'user detail: -32 rate limited']]);
  });

  it('lets another claimer take an event whose lease ran out (a crashed processor)', async () => {
    env.clock.advance(30_001);
    const taken = await claim(5);
    expect(taken.map((e) => e.dedupeKey)).toEqual(['user_send_text:q-2']);
    expect(taken[0]?.attempts).toBe(3);
    const rows = await env.ctx.database.db.selectFrom('zaloEvents').select(['dedupeKey', 'status']).execute();
    expect(new Map(rows.map((r) => [r.dedupeKey, r.status]))).toEqual(
      new Map([
        ['user_send_text:q-1', 'done'],
        ['user_send_text:q-2', 'pending'],
        ['user_send_text:q-3', 'failed'],
      ]),
    );
  });
});
