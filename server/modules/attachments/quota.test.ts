import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { multipart, pdfBytes } from '../../test/uploads.js';
import { quotaDay } from './quota.js';

// Anonymous visitors must not be able to grow the database or the disk without limit: reading
// creates no resident, and each resident's uploads are capped per day (files and bytes).

const PUBLIC = '/api/v1/public';

/** A PDF of about `kb` kilobytes that the type sniffer accepts. */
function pdfOf(kb: number): Buffer {
  return Buffer.concat([pdfBytes(), Buffer.alloc(kb * 1024, 0x20)]);
}

describe('limits on what anonymous visitors can store', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv({ env: { UPLOADS_PER_RESIDENT_PER_DAY: '3', UPLOAD_MB_PER_RESIDENT_PER_DAY: '1' } });
  });
  afterAll(async () => env.close());

  const residents = async () =>
    Number(
      (
        await env.ctx.database.db
          .selectFrom('residents')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function newResident(): Promise<{ cookie: string; conversationId: string }> {
    const res = await env.app.inject({ method: 'POST', url: `${PUBLIC}/units/thach-trung/conversations` });
    expect(res.statusCode).toBe(201);
    return {
      cookie: `kn_resident=${res.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`,
      conversationId: res.json<{ id: string }>().id,
    };
  }

  function upload(who: { cookie: string; conversationId: string }, data: Buffer) {
    const body = multipart([{ filename: 'giay-to.pdf', type: 'application/pdf', data }]);
    return env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${who.conversationId}/attachments`,
      headers: { ...body.headers, cookie: who.cookie },
      payload: body.payload,
    });
  }

  it('creates no resident for a visitor who only reads who they are', async () => {
    const before = await residents();
    for (let i = 0; i < 10; i++) {
      const res = await env.app.inject({ method: 'GET', url: `${PUBLIC}/me` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ id: null, displayName: null, phone: null });
      expect(res.cookies.find((c) => c.name === 'kn_resident')).toBeUndefined();
    }
    expect(await residents()).toBe(before);
    // The first write creates one, and reading then shows it.
    const saved = await env.app.inject({ method: 'PATCH', url: `${PUBLIC}/me`, payload: { displayName: 'Bà Lan' } });
    expect(saved.statusCode).toBe(200);
    expect(await residents()).toBe(before + 1);
    const cookie = `kn_resident=${saved.cookies.find((c) => c.name === 'kn_resident')?.value ?? ''}`;
    const me = await env.app.inject({ method: 'GET', url: `${PUBLIC}/me`, headers: { cookie } });
    expect(me.json()).toMatchObject({ displayName: 'Bà Lan', id: saved.json<{ id: string }>().id });
  });

  it('caps the files a resident uploads per day, counting concurrent uploads exactly', async () => {
    const who = await newResident();
    const results = await Promise.all(Array.from({ length: 6 }, () => upload(who, pdfOf(1))));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    const refused = results.find((r) => r.statusCode === 429);
    expect(refused?.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused?.json()).toMatchObject({ code: 'upload_quota', status: 429 });
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    const stored = await env.ctx.database.db
      .selectFrom('attachments')
      .select('id')
      .where('conversationId', '=', who.conversationId)
      .execute();
    expect(stored).toHaveLength(3);
    // Another resident has an allowance of their own.
    expect((await upload(await newResident(), pdfOf(1))).statusCode).toBe(201);
  });

  it('caps the bytes a resident uploads per day, and renews the allowance the next local day', async () => {
    const who = await newResident();
    expect((await upload(who, pdfOf(600))).statusCode).toBe(201);
    const over = await upload(who, pdfOf(600));
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ code: 'upload_quota' });
    const today = quotaDay(env.clock.now());
    while (quotaDay(env.clock.now()) === today) env.clock.advance(3600_000);
    expect((await upload(who, pdfOf(600))).statusCode).toBe(201);
  });
});
