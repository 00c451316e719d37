import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/helper.js';

// Many residents write at once to a server that has just started (nothing cached yet). On
// PostgreSQL a message's transaction holds a pooled connection: if anything inside it waited for
// another pooled connection, a full pool would wait forever.

const RESIDENTS = 30;

describe('many residents at once', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env.close());

  it('answers every first message when they all arrive together', { timeout: 30_000 }, async () => {
    const residents = await Promise.all(
      Array.from({ length: RESIDENTS }, async () => {
        const res = await env.app.inject({ method: 'POST', url: '/api/v1/public/units/thach-trung/conversations' });
        const c = res.cookies.find((x) => x.name === 'kn_resident');
        return { cookie: `kn_resident=${c?.value ?? ''}`, id: res.json<{ id: string }>().id };
      }),
    );
    const sent = await Promise.race([
      Promise.all(
        residents.map((r, i) =>
          env.app.inject({
            method: 'POST',
            url: `/api/v1/public/conversations/${r.id}/messages`,
            headers: { cookie: r.cookie },
            payload: { clientId: `together-${i}`, text: 'làm căn cước cần gì' },
          }),
        ),
      ),
      new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 15_000)),
    ]);
    expect(sent).not.toBe('stuck');
    if (sent === 'stuck') return;
    expect(sent.map((r) => r.statusCode)).toEqual(residents.map(() => 201));
    expect(sent.every((r) => r.json<{ replies: { author: string }[] }>().replies[0]?.author === 'bot')).toBe(true);
  });
});
