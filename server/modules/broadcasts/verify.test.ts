import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePost, VerifyResult } from '../../../contracts/broadcasts.js';
import { call, CONSOLE, draft, PUBLIC, publish, step, unitDesk, type UnitDesk } from '../../test/broadcasts.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';

const BASE = 'https://ketnoi.example';

describe('"Có phải công an thật không?": verifying a post, a phone number or an account', () => {
  let env: TestEnv;
  let desk: UnitDesk;
  let post: ConsolePost;

  beforeAll(async () => {
    env = await createTestEnv({ env: { BASE_URL: BASE } });
    desk = await unitDesk(env, 'thach-trung');
    post = await publish(env, desk, { title: 'Cảnh báo giả danh công an gọi điện' });
    const profile = await call(env, desk.owner, 'PATCH', `${CONSOLE}/units/${desk.unitId}`, {
      phone: '0239 3855 113',
      hotline: '0912.345.678',
    });
    expect(profile.statusCode, profile.body).toBe(200);
  });
  afterAll(async () => env.close());

  const verify = async (query: Record<string, string>) => {
    const res = await call(env, '', 'GET', `${PUBLIC}/verify?${new URLSearchParams(query).toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<VerifyResult>();
  };
  const unit = { slug: 'thach-trung', displayName: 'CAX Thạch Trung' };

  it('verifies a published post by its code, typed loosely or inside a link', async () => {
    const code = post.verificationCode ?? '';
    const expected = {
      valid: true,
      kind: 'post',
      post: {
        id: post.id,
        title: 'Cảnh báo giả danh công an gọi điện',
        publishedAt: post.publishedAt,
        retracted: false,
        unit,
      },
    };
    for (const text of [
      code,
      code.toLowerCase(),
      code.replaceAll('-', ' '),
      `${BASE}/xac-minh?code=${code}`,
      `Mã xác minh ${code} trên bài đăng`,
    ]) {
      expect(await verify({ code: text }), text).toEqual(expected);
    }
  });

  it('verifies a link to the post on this site, not a copy of its path elsewhere', async () => {
    expect(await verify({ code: `${BASE}/tin-tuc/${post.id}` })).toMatchObject({ valid: true, post: { id: post.id } });
    expect(await verify({ code: `/tin-tuc/${post.id}` })).toMatchObject({ valid: true, post: { id: post.id } });
    expect(await verify({ code: `https://congan-thachtrung.vn/tin-tuc/${post.id}` })).toEqual({ valid: false });
  });

  it('says a retracted post was official and is withdrawn; drafts and scheduled posts verify nothing', async () => {
    const retracted = await publish(env, desk);
    await step(env, desk.owner, retracted.id, 'retract', 'Đăng nhầm');
    const result = await verify({ code: retracted.verificationCode ?? '' });
    expect(result).toMatchObject({ valid: true, post: { id: retracted.id, retracted: true } });
    const drafted = await draft(env, desk);
    expect(await verify({ code: `/tin-tuc/${drafted.id}` })).toEqual({ valid: false });
  });

  it("verifies the units' official phone numbers in any spelling", async () => {
    for (const phone of ['0239 3855 113', '+84 239 3855 113', '02393855113', '0912345678', '+84912345678']) {
      expect(await verify({ phone }), phone).toEqual({ valid: true, kind: 'phone', unit });
    }
    expect(await verify({ phone: '0912 345 679' })).toEqual({ valid: false });
  });

  it("verifies an account's name with or without diacritics", async () => {
    for (const name of ['CAX Thạch Trung', 'cax thach trung', 'Công an xã Thạch Trung', 'CONG AN XA THACH TRUNG']) {
      expect(await verify({ name }), name).toEqual({ valid: true, kind: 'account', unit });
    }
    expect(await verify({ name: 'Công an xã Thạch Trung hỗ trợ' })).toEqual({ valid: false });
    expect(await verify({ name: 'Xã Thạch Trung' })).toEqual({ valid: false });
  });

  it('answers unknown and malformed input the same way', async () => {
    const queries: Record<string, string>[] = [
      {},
      { code: '' },
      { code: 'KN-2222-22' },
      { code: 'KN-0O1I-LU' },
      { code: 'xin chào' },
      { code: '/tin-tuc/not-an-id' },
      { phone: 'abc' },
      { phone: '12' },
      { name: 'x' },
      { name: '   ' },
    ];
    for (const query of queries) {
      expect(await verify(query), JSON.stringify(query)).toEqual({ valid: false });
    }
  });
});

describe('verification is rate-limited per address', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv({ env: { PUBLIC_WRITE_RATE_PER_MINUTE: '3' } });
  });
  afterAll(async () => env.close());

  it('answers 429 problem+json once an address asks too often', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await call(env, '', 'GET', `${PUBLIC}/verify?code=KN-2222-2${i + 2}`)).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await call(env, '', 'GET', `${PUBLIC}/verify?code=KN-2222-22`);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
