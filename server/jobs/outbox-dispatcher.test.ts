import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelAdapter, OutboundMessage, SendResult } from '../channels/channel-adapter.js';
import { webAdapter } from '../channels/web/web-adapter.js';
import { createTestEnv, type TestEnv } from '../test/helper.js';
import { conversationOutbox } from '../modules/conversations/outbox-source.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';

const PUBLIC = '/api/v1/public';

/** An adapter that answers from a script, then sends; it records every call. */
function scripted(script: SendResult[], opts: { throwFirst?: boolean } = {}) {
  const calls: OutboundMessage[] = [];
  const delivered = new Map<string, number>();
  const adapter: ChannelAdapter = {
    channel: 'web',
    ratePerSecond: 100,
    send(message) {
      calls.push(message);
      if (opts.throwFirst && calls.length === 1) return Promise.reject(new Error('socket hang up'));
      const next = script.shift();
      if (next) return Promise.resolve(next);
      delivered.set(message.idempotencyKey, (delivered.get(message.idempotencyKey) ?? 0) + 1);
      return Promise.resolve({ kind: 'sent', channelMessageId: `ch-${message.messageId}` });
    },
  };
  return { adapter, calls, delivered };
}

describe('outbox dispatcher', () => {
  let env: TestEnv;

  async function queueBotAnswer(): Promise<string> {
    const open = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/thach-trung/conversations` });
    const cookie = `kn_resident=${open.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const id = open.json<{ id: string }>().id;
    const res = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${id}/messages`,
      headers: { cookie },
      payload: { clientId: `c-${Math.random()}`, text: 'làm căn cước cần gì' },
    });
    expect(res.statusCode).toBe(201);
    return id;
  }

  async function rowsOf(conversationId: string) {
    return env.ctx.database.db.selectFrom('outbox').selectAll().where('conversationId', '=', conversationId).execute();
  }

  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  it('retries a failing send with back-off and delivers it exactly once', async () => {
    const id = await queueBotAnswer();
    const { adapter, calls, delivered } = scripted([{ kind: 'retry-after', ms: 1000 }], { throwFirst: true });
    const d = new OutboxDispatcher(env.ctx, [adapter], conversationOutbox(env.ctx), {
      baseDelayMs: 1000,
      random: () => 0.5,
    });
    expect(await d.runOnce()).toBe(1); // throws
    expect((await rowsOf(id))[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'socket hang up' });
    expect(await d.runOnce()).toBe(0); // not due yet
    env.clock.advance(60_000);
    expect(await d.runOnce()).toBe(1); // retry-after
    expect((await rowsOf(id))[0]).toMatchObject({ status: 'pending', attempts: 2 });
    env.clock.advance(60_000);
    expect(await d.runOnce()).toBe(1); // sent
    env.clock.advance(60_000);
    expect(await d.runOnce()).toBe(0);
    const [row] = await rowsOf(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, channelMessageId: `ch-${row?.messageId}` });
    expect(calls.map((c) => c.idempotencyKey)).toEqual(Array(3).fill(row?.idempotencyKey));
    expect([...delivered.values()]).toEqual([1]);
    expect(calls[0]).toMatchObject({ author: 'bot', conversationId: id });
  });

  it('marks a permanent failure, and gives up after the last attempt', async () => {
    const a = await queueBotAnswer();
    const permanent = scripted([{ kind: 'permanent-failure', error: 'user blocked the account' }]);
    // The module that queued the message is told through its port, in the outcome's transaction.
    const source = conversationOutbox(env.ctx);
    const failed: string[] = [];
    await new OutboxDispatcher(env.ctx, [permanent.adapter], {
      ...source,
      failed: (trx, row, reason, afterCommit) => {
        failed.push(`${row.conversationId}:${reason}`);
        return source.failed(trx, row, reason, afterCommit);
      },
    }).runOnce();
    expect((await rowsOf(a))[0]).toMatchObject({ status: 'failed', lastError: 'user blocked the account' });
    expect(failed).toEqual([`${a}:user blocked the account`]);

    const b = await queueBotAnswer();
    const always = scripted(Array.from({ length: 10 }, () => ({ kind: 'retry-after', ms: 10 }) as const));
    const d = new OutboxDispatcher(env.ctx, [always.adapter], conversationOutbox(env.ctx), {
      maxAttempts: 3,
      baseDelayMs: 10,
    });
    for (let i = 0; i < 5; i++) {
      await d.runOnce();
      env.clock.advance(10_000);
    }
    expect((await rowsOf(b))[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(always.calls).toHaveLength(3);
  });

  it('does not send a row another worker holds a lease on', async () => {
    const id = await queueBotAnswer();
    const first = scripted([]);
    const now = env.clock.now();
    await env.ctx.database.transaction((trx) =>
      trx
        .updateTable('outbox')
        .set({ claimedUntil: now + 30_000 })
        .where('conversationId', '=', id)
        .execute(),
    );
    await new OutboxDispatcher(env.ctx, [first.adapter], conversationOutbox(env.ctx)).runOnce();
    expect(first.calls).toHaveLength(0);
    env.clock.advance(31_000);
    await new OutboxDispatcher(env.ctx, [first.adapter], conversationOutbox(env.ctx)).runOnce();
    expect(first.calls).toHaveLength(1);
  });

  it('the web adapter records the delivery', async () => {
    const id = await queueBotAnswer();
    await new OutboxDispatcher(env.ctx, [webAdapter(env.ctx)], conversationOutbox(env.ctx)).runOnce();
    expect((await rowsOf(id)).every((r) => r.status === 'sent')).toBe(true);
    const bot = await env.ctx.database.db
      .selectFrom('messages')
      .select('deliveredAt')
      .where('conversationId', '=', id)
      .where('author', '=', 'bot')
      .executeTakeFirstOrThrow();
    expect(bot.deliveredAt).not.toBeNull();
  });

  it('keeps to the channel rate limit', async () => {
    for (let i = 0; i < 3; i++) await queueBotAnswer();
    const slow = scripted([]);
    const limited: ChannelAdapter = { ...slow.adapter, ratePerSecond: 1, send: (m) => slow.adapter.send(m) };
    const d = new OutboxDispatcher(env.ctx, [limited], conversationOutbox(env.ctx));
    expect(await d.runOnce()).toBe(1);
    expect(await d.runOnce()).toBe(0);
    env.clock.advance(1000);
    expect(await d.runOnce()).toBe(1);
  });
});
