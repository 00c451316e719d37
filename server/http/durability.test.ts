import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../lib/paths.js';
import { createTestEnv, type TestEnv } from '../test/helper.js';

// The real server process (TypeScript sources through tsx) is killed with SIGKILL while residents
// are sending. After a restart, every message that got a 2xx must be there exactly once, with its
// assistant reply, and every queued outbound message must be delivered exactly once.

const RESIDENTS = 40;
// Kill once this many messages were acknowledged (not after a fixed time: a loaded machine is slower).
const KILL_AFTER_ACKS = 60;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('durability: SIGKILL while residents are sending', () => {
  let env: TestEnv;
  let base: string;
  let start: () => ChildProcess;

  beforeAll(async () => {
    env = await createTestEnv();
    await env.app.close();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const db = env.ctx.config.database;
    const childEnv = {
      PATH: process.env.PATH,
      DATA_DIR: env.dataDir,
      DATABASE_URL: db.kind === 'sqlite' ? `sqlite:${db.file}` : db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      PASSWORD_COST: '10',
      PUBLIC_WRITE_RATE_PER_MINUTE: '1000000',
      // Sends claimed by the killed process are retried once their lease runs out.
      OUTBOX_LEASE_SECONDS: '2',
    };
    start = () =>
      spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', 'serve'], {
        cwd: projectRoot(),
        env: childEnv,
        stdio: 'ignore',
      });
  });
  afterAll(async () => env.close());

  async function waitHealthy(child: ChildProcess): Promise<void> {
    for (let i = 0; i < 300; i++) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${base}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('server did not start');
  }

  it('keeps every acknowledged message exactly once and delivers every queued reply exactly once', async () => {
    let server = start();
    await waitHealthy(server);
    const residents: { cookie: string; id: string }[] = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const res = await fetch(`${base}/api/v1/public/units/thach-trung/conversations`, { method: 'POST' });
      const { id } = (await res.json()) as { id: string };
      residents.push({ cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', id });
    }

    // Residents send as fast as the server answers; the process dies in the middle of it.
    const acked = residents.map(() => new Set<number>());
    let killed = false;
    const senders = residents.map(async (r, i) => {
      for (let k = 0; !killed; k++) {
        try {
          const res = await fetch(`${base}/api/v1/public/conversations/${r.id}/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: r.cookie },
            body: JSON.stringify({ clientId: `durable-${i}-${k}`, text: `làm căn cước cần gì #${k}` }),
          });
          if (res.status === 201) acked[i]?.add(k);
          else if (res.status === 429) await new Promise((w) => setTimeout(w, 200));
        } catch {
          return; // connection refused or reset: the server is gone
        }
      }
    });
    const ackedCount = () => acked.reduce((n, s) => n + s.size, 0);
    for (let waited = 0; ackedCount() < KILL_AFTER_ACKS && waited < 60_000; waited += 10) {
      await new Promise((r) => setTimeout(r, 10));
    }
    server.kill('SIGKILL');
    killed = true;
    await Promise.all(senders);
    if (server.exitCode === null && server.signalCode === null) await new Promise((r) => server.once('exit', r));
    const total = ackedCount();
    if (process.env.DURABILITY_REPORT) console.log(`acknowledged before SIGKILL: ${total}`);
    expect(total).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    server = start();
    try {
      await waitHealthy(server);
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

      // After the restart the dispatcher delivers whatever was queued: each reply once.
      const db = env.ctx.database.db;
      let pending = Infinity;
      for (let i = 0; i < 300 && pending > 0; i++) {
        const rows = await db.selectFrom('outbox').select('status').where('status', '!=', 'sent').execute();
        pending = rows.length;
        if (pending > 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(pending).toBe(0);
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
      server.kill('SIGTERM');
      if (server.exitCode === null && server.signalCode === null) await new Promise((r) => server.once('exit', r));
    }
  }, 90_000);
});
