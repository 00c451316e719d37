import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/helper.js';
import { killHard, serverProcesses, stopGently, type ServerProcesses } from '../test/server-process.js';

// The real server process (TypeScript sources through tsx) is killed with SIGKILL while residents
// are sending. After a restart, every message that got a 2xx must be there exactly once, with its
// assistant reply, and every queued outbound message must be delivered exactly once.
// It starts the server twice from its TypeScript sources (over 15 s each on a loaded machine) and
// waits out the killed process's outbox leases: hence a 3-minute timeout, not the suite's 20 s.

const RESIDENTS = 40;
// Kill once this many messages were acknowledged (not after a fixed time: a loaded machine is slower).
const KILL_AFTER_ACKS = 60;

describe('durability: SIGKILL while residents are sending', () => {
  let env: TestEnv;
  let base: string;
  let servers: ServerProcesses;

  beforeAll(async () => {
    env = await createTestEnv();
    await env.app.close();
    servers = await serverProcesses(env, {
      PUBLIC_WRITE_RATE_PER_MINUTE: '1000000',
      // Sends claimed by the killed process are retried once their lease runs out.
      OUTBOX_LEASE_SECONDS: '2',
    });
    base = servers.base;
  });
  afterAll(async () => env.close());

  it('keeps every acknowledged message exactly once and delivers every queued reply exactly once', async () => {
    let server = await servers.start();
    const residents: { cookie: string; id: string }[] = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const res = await fetch(`${base}/api/v1/public/units/thach-trung/conversations`, { method: 'POST' });
      const { id } = (await res.json()) as { id: string };
      residents.push({ cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', id });
    }

    // Residents send as fast as the server answers; the process dies in the middle of it.
    const acked = residents.map(() => new Set<number>());
    const ackedCount = () => acked.reduce((n, s) => n + s.size, 0);
    let enoughAcked!: () => void;
    const enough = new Promise<void>((resolve) => (enoughAcked = resolve));
    let killed = false;
    const senders = residents.map(async (r, i) => {
      for (let k = 0; !killed; k++) {
        try {
          const res = await fetch(`${base}/api/v1/public/conversations/${r.id}/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: r.cookie },
            body: JSON.stringify({ clientId: `durable-${i}-${k}`, text: `làm căn cước cần gì #${k}` }),
          });
          if (res.status === 201) {
            acked[i]?.add(k);
            if (ackedCount() >= KILL_AFTER_ACKS) enoughAcked();
          } else if (res.status === 429) await delay(200);
        } catch {
          return; // connection refused or reset: the server is gone
        }
      }
    });
    // Every sender returns early only if the server went away by itself.
    await Promise.race([enough, Promise.all(senders)]);
    expect(server.exitCode, 'the server died before the kill').toBeNull();
    killed = true;
    await killHard(server);
    await Promise.all(senders);
    const total = ackedCount();
    if (process.env.DURABILITY_REPORT) console.log(`acknowledged before SIGKILL: ${total}`);

    server = await servers.start();
    try {
      for (const [i, r] of residents.entries()) {
        const res = await fetch(`${base}/api/v1/public/conversations/${r.id}/messages?limit=100`, {
          headers: { cookie: r.cookie },
        });
        const items = (await res.json()) as { items: { author: string; text: string }[] };
        const mine = items.items.filter((m) => m.author === 'resident').map((m) => m.text);
        expect(new Set(mine).size, 'no message stored twice').toBe(mine.length);
        for (const k of acked[i] ?? [])
          expect(mine, `resident ${i} message ${k}`).toContain(`làm căn cước cần gì #${k}`);
        // Every stored resident message was answered in the same transaction.
        expect(items.items.filter((m) => m.author === 'bot').length).toBe(mine.length);
      }

      // After the restart the dispatcher delivers whatever was queued: each reply once. Sends the
      // killed process had claimed wait for their lease to run out, so this polls (the test's timeout
      // is the limit) until nothing is pending, then checks that everything was sent.
      const db = env.ctx.database.db;
      const pending = async () =>
        (await db.selectFrom('outbox').select('id').where('status', '=', 'pending').limit(1).execute()).length;
      while ((await pending()) > 0) await delay(100);
      const statuses = await db.selectFrom('outbox').select('status').distinct().execute();
      expect(statuses.map((r) => r.status)).toEqual(['sent']);
      const outbound = await db
        .selectFrom('messages')
        .select(['id', 'deliveredAt'])
        .where('author', 'in', ['bot', 'system'])
        .execute();
      const outbox = await db.selectFrom('outbox').select(['messageId', 'status']).execute();
      expect(outbox.length).toBe(outbound.length);
      expect(new Set(outbox.map((o) => o.messageId)).size).toBe(outbox.length);
      expect(outbound.every((m) => m.deliveredAt !== null)).toBe(true);
      const created = await db.selectFrom('events').select('payload').where('type', '=', 'message.created').execute();
      const ids = outbound.map((m) => m.id);
      for (const id of ids) expect(created.filter((e) => e.payload.includes(id)).length, id).toBe(1);
    } finally {
      await stopGently(server);
    }
  }, 180_000);
});
