import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createContext } from '../../context.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { RESIDENT_BURST } from './burst-limit.js';

// Many residents write at once to a server that has just started (nothing cached yet). On
// PostgreSQL a message's transaction holds a pooled connection: if anything inside it waited for
// another pooled connection, a full pool would wait forever (and the test would time out).

const RESIDENTS = 30;

describe('many residents at once', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  it('answers every first message when they all arrive together', async () => {
    const residents = await Promise.all(
      Array.from({ length: RESIDENTS }, async () => {
        const res = await env.app.inject({ method: 'POST', url: '/api/v1/public/units/thach-trung/conversations' });
        const c = res.cookies.find((x) => x.name === 'kn_resident');
        return { cookie: `kn_resident=${c?.value ?? ''}`, id: res.json<{ id: string }>().id };
      }),
    );
    const sent = await Promise.all(
      residents.map((r, i) =>
        env.app.inject({
          method: 'POST',
          url: `/api/v1/public/conversations/${r.id}/messages`,
          headers: { cookie: r.cookie },
          payload: { clientId: `together-${i}`, text: 'làm căn cước cần gì' },
        }),
      ),
    );
    expect(sent.map((r) => r.statusCode)).toEqual(residents.map(() => 201));
    expect(sent.every((r) => r.json<{ replies: { author: string }[] }>().replies[0]?.author === 'bot')).toBe(true);
  });
});

describe('one resident sending through two server processes', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  // Each process counts bursts in its own memory; on PostgreSQL (several processes) the stored
  // messages have the last word. SQLite runs one process.
  it.skipIf(!process.env.TEST_DATABASE_URL)('keeps the burst limit across them on PostgreSQL', async () => {
    const db = env.ctx.config.database;
    if (db.kind !== 'postgres') throw new Error('needs PostgreSQL');
    // Both processes read the same (standing) test clock, so the burst window cannot slide by itself.
    const ctxB = await createContext(
      loadConfig({ NODE_ENV: 'test', DATA_DIR: env.dataDir, LOG_LEVEL: 'silent', DATABASE_URL: db.url }),
      { clock: env.clock },
    );
    const appB = await buildApp(ctxB, { serveWeb: false });
    try {
      const opened = await env.app.inject({ method: 'POST', url: '/api/v1/public/units/thach-trung/conversations' });
      const cookie = `kn_resident=${opened.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
      const id = opened.json<{ id: string }>().id;
      const statuses: number[] = [];
      for (let i = 0; i < RESIDENT_BURST.max + 10; i++) {
        const app = i % 2 === 0 ? env.app : appB;
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/public/conversations/${id}/messages`,
          headers: { cookie },
          payload: { clientId: `two-processes-${i}`, text: `tin ${i}` },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(RESIDENT_BURST.max);
      expect(statuses.slice(RESIDENT_BURST.max).every((s) => s === 429)).toBe(true);
    } finally {
      await appB.close();
      await ctxB.database.close();
    }
  });
});
