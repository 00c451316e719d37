import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAdapter } from '../../channels/web/web-adapter.js';
import type { AppContext } from '../../context.js';
import { openDatabase } from '../../db/database.js';
import { OutboxDispatcher } from '../../jobs/outbox-dispatcher.js';
import { FakeZalo, zaloEvents, zaloId } from '../../test/fake-zalo.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { connectTestOa, fakeZaloOa, postSigned } from '../../test/zalo-webhooks.js';
import { conversationOutbox } from '../conversations/outbox-source.js';
import { zaloAdapter } from './zalo-adapter.js';
import { processZaloEvents } from './zalo-inbound.js';
import { takeFromBudget, type BudgetState } from './zalo-send-budget.js';

const limits = { perMinute: 60, burst: 2 };

describe('takeFromBudget', () => {
  const full: BudgetState = { tokens: 2, refilledAt: 0, pausedUntil: 0 };

  it('grants while there are calls, then says how long until the next one', () => {
    const a = takeFromBudget(full, 1, 0, limits);
    expect(a).toMatchObject({ granted: true, next: { tokens: 1 } });
    const b = takeFromBudget(a.next, 1, 0, limits);
    expect(b).toMatchObject({ granted: true, next: { tokens: 0 } });
    // 60 a minute: one call a second.
    expect(takeFromBudget(b.next, 1, 0, limits)).toMatchObject({ granted: false, waitMs: 1000 });
    expect(takeFromBudget(b.next, 1, 250, limits)).toMatchObject({ granted: false, waitMs: 750 });
    expect(takeFromBudget(b.next, 1, 1000, limits)).toMatchObject({ granted: true });
  });

  it('refills no further than the burst, and a send bigger than the burst waits for a full bucket', () => {
    const later = takeFromBudget({ tokens: 0, refilledAt: 0, pausedUntil: 0 }, 5, 3_600_000, limits);
    expect(later).toMatchObject({ granted: true, next: { tokens: 0 } });
    expect(takeFromBudget({ tokens: 1, refilledAt: 0, pausedUntil: 0 }, 5, 0, limits)).toMatchObject({
      granted: false,
      waitMs: 1000,
    });
  });

  it('grants nothing while paused, and nothing it did not have when the pause ends', () => {
    const paused = { tokens: 0, refilledAt: 60_000, pausedUntil: 60_000 };
    expect(takeFromBudget(paused, 1, 10_000, limits)).toMatchObject({ granted: false, waitMs: 50_000 });
    expect(takeFromBudget(paused, 1, 60_000, limits)).toMatchObject({ granted: false, waitMs: 1000 });
    expect(takeFromBudget(paused, 1, 61_000, limits)).toMatchObject({ granted: true });
  });
});

// Sends from the outbox draw on the OA's budget in the database: a send the budget cannot carry
// waits untried (no attempt counted), and -32 stops every process for that OA for a minute.
describe("an OA's send budget, shared by every process", () => {
  let env: TestEnv;
  let fake: FakeZalo;
  let oa: ReturnType<typeof fakeZaloOa>;

  beforeAll(async () => {
    fake = await FakeZalo.start();
    env = await createTestEnv({
      env: {
        ZALO_API_BASE: fake.url,
        ZALO_OAUTH_BASE: fake.url,
        ZALO_CALLS_PER_MINUTE: String(limits.perMinute),
        ZALO_CALLS_BURST: String(limits.burst),
      },
    });
    oa = fakeZaloOa(fake);
    await connectTestOa(env, 'thach-trung', oa);
  });
  afterAll(async () => {
    await env.close();
    await fake.close();
  });

  const dispatcherOf = (ctx: AppContext) =>
    new OutboxDispatcher(ctx, [webAdapter(ctx), zaloAdapter(ctx)], conversationOutbox(ctx), { random: () => 0.5 });
  const csCalls = () => fake.requests.filter((r) => r.endpoint === 'cs').length;

  /** `n` residents ask a short question each; their answers wait in the outbox. */
  async function questions(n: number): Promise<string[]> {
    const users = Array.from({ length: n }, () => zaloId());
    for (const userId of users) {
      const event = zaloEvents.userSendText({ appId: oa.appId, oaId: oa.oaId, userId, text: 'xin chào' });
      const res = await postSigned(env, oa, JSON.stringify(event));
      expect(res.statusCode, res.body).toBe(200);
    }
    await processZaloEvents(env.ctx);
    return users;
  }

  const zaloOutbox = () =>
    env.ctx.database.db
      .selectFrom('outbox')
      .select(['status', 'attempts', 'nextAttemptAt'])
      .where('channel', '=', 'zalo')
      .execute();

  it('sends what the budget carries and holds the rest untried until it refills', async () => {
    await questions(3);
    const before = csCalls();
    const dispatcher = dispatcherOf(env.ctx);
    await dispatcher.runOnce();
    expect(csCalls() - before).toBe(limits.burst);
    const waiting = (await zaloOutbox()).filter((r) => r.status === 'pending');
    expect(waiting).toEqual([{ status: 'pending', attempts: 0, nextAttemptAt: env.clock.now() + 1000 }]);
    env.clock.advance(1000);
    await dispatcher.runOnce();
    expect(csCalls() - before).toBe(3);
    expect((await zaloOutbox()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('after -32 no send goes for that OA until the minute is over', async () => {
    env.clock.advance(60_000);
    fake.failNext('cs', -32);
    await questions(2);
    const before = csCalls();
    const dispatcher = dispatcherOf(env.ctx);
    await dispatcher.runOnce();
    // The first send met -32; the second was held back by the pause, untried.
    expect(csCalls() - before).toBe(1);
    expect(
      (await zaloOutbox())
        .filter((r) => r.status === 'pending')
        .map((r) => r.attempts)
        .sort(),
    ).toEqual([0, 1]);
    env.clock.advance(30_000);
    await dispatcher.runOnce();
    expect(csCalls() - before).toBe(1);
    env.clock.advance(32_000);
    await dispatcher.runOnce();
    expect(csCalls() - before).toBe(3);
    expect((await zaloOutbox()).every((r) => r.status === 'sent')).toBe(true);
  });

  // Two processes are two connections to PostgreSQL (on SQLite one process writes).
  it.runIf(process.env.TEST_DATABASE_URL)('two processes sending at once stay within one budget', async () => {
    env.clock.advance(60_000);
    await questions(4);
    const second = await openDatabase(env.ctx.config);
    try {
      const before = csCalls();
      const other: AppContext = { ...env.ctx, database: second };
      // Each process claims different rows (SKIP LOCKED); together they may send only the burst.
      await Promise.all([dispatcherOf(env.ctx).runOnce(), dispatcherOf(other).runOnce()]);
      expect(csCalls() - before).toBe(limits.burst);
      env.clock.advance(2000);
      await Promise.all([dispatcherOf(env.ctx).runOnce(), dispatcherOf(other).runOnce()]);
      expect(csCalls() - before).toBe(4);
      expect((await zaloOutbox()).every((r) => r.status === 'sent')).toBe(true);
    } finally {
      await second.close();
    }
  });
});
