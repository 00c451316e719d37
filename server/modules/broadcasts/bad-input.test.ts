import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_POST_BODY, MAX_POST_TITLE, type ConsolePost } from '../../../contracts/broadcasts.js';
import { call, CONSOLE, createGroup, draft, PUBLIC, publish, unitDesk, type UnitDesk } from '../../test/broadcasts.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';

const HOUR = 3600_000;

describe('bad input to posts and groups', () => {
  let env: TestEnv;
  let desk: UnitDesk;

  beforeAll(async () => {
    env = await createTestEnv();
    desk = await unitDesk(env, 'thach-trung');
  });
  afterAll(async () => env.close());

  async function snapshot() {
    const db = env.ctx.database.db;
    const tables = [
      'posts',
      'postGroups',
      'postEvents',
      'postVersions',
      'residentialGroups',
      'groupMembers',
      'unitFollowers',
    ] as const;
    const rows = await Promise.all(tables.map((t) => db.selectFrom(t).selectAll().execute()));
    return { rows, audit: await db.selectFrom('auditHead').selectAll().execute() };
  }

  const at = (msFromNow: number) => new Date(env.clock.now() + msFromNow).toISOString();
  const valid = { title: 'Tiêu đề', body: 'Nội dung', category: 'law' };

  it('refuses bad drafts with problem+json naming the problem, and stores nothing', async () => {
    const before = await snapshot();
    const cases: [string, unknown, number, string][] = [
      ['title too long', { ...valid, title: 'x'.repeat(MAX_POST_TITLE + 1) }, 400, 'validation_failed'],
      ['body too long', { ...valid, body: 'x'.repeat(MAX_POST_BODY + 1) }, 400, 'validation_failed'],
      ['empty title', { ...valid, title: '   ' }, 400, 'validation_failed'],
      ['unknown category', { ...valid, category: 'gossip' }, 400, 'validation_failed'],
      ['no category', { title: 'a', body: 'b' }, 400, 'validation_failed'],
      ['status given', { ...valid, status: 'published' }, 400, 'validation_failed'],
      ['code given', { ...valid, verificationCode: 'KN-2222-22' }, 400, 'validation_failed'],
      ['author given', { ...valid, authorId: 'someone-else' }, 400, 'validation_failed'],
      ['not a date', { ...valid, publishAt: 'tomorrow' }, 400, 'validation_failed'],
      ['date without zone', { ...valid, publishAt: '2030-01-01T08:00:00' }, 400, 'validation_failed'],
      [
        'expiry before publishing',
        { ...valid, publishAt: at(2 * HOUR), expiresAt: at(HOUR) },
        400,
        'expires_before_publish',
      ],
      ['expiry in the past', { ...valid, expiresAt: at(-HOUR) }, 400, 'expires_in_past'],
      ['scheduled years ahead', { ...valid, publishAt: at(3 * 366 * 24 * HOUR) }, 400, 'publish_too_far'],
      ['empty audience', { ...valid, audience: { groupIds: [] } }, 400, 'validation_failed'],
      ['a group twice', { ...valid, audience: { groupIds: ['a', 'a'] } }, 400, 'validation_failed'],
      ['unknown group', { ...valid, audience: { groupIds: ['no-such-group'] } }, 400, 'unknown_group'],
      ['audience as text', { ...valid, audience: 'everyone' }, 400, 'validation_failed'],
    ];
    for (const [name, payload, status, code] of cases) {
      const res = await call(env, desk.officer, 'POST', `${CONSOLE}/units/${desk.unitId}/posts`, payload as object);
      expect([res.statusCode, res.json<{ code: string }>().code], name).toEqual([status, code]);
      expect(res.headers['content-type'], name).toContain('application/problem+json');
    }
    const wrongType = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/units/${desk.unitId}/posts`,
      headers: { cookie: desk.officer, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'title=a&body=b&category=law',
    });
    expect([wrongType.statusCode, wrongType.json<{ code: string }>().code]).toEqual([415, 'unsupported_media_type']);
    const notJson = await env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/units/${desk.unitId}/posts`,
      headers: { cookie: desk.officer, 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expect([notJson.statusCode, notJson.json<{ code: string }>().code]).toEqual([400, 'invalid_json']);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad edits and corrections, and changes nothing', async () => {
    const post = await draft(env, desk);
    const published = await publish(env, desk);
    const group = await createGroup(env, desk);
    const before = await snapshot();
    const cases: [string, string, object, number, string][] = [
      ['title too long', post.id, { title: 'x'.repeat(MAX_POST_TITLE + 1) }, 400, 'validation_failed'],
      ['status given', post.id, { status: 'published' }, 400, 'validation_failed'],
      ['note on a draft', post.id, { title: 'Mới', correctionNote: 'Sửa' }, 400, 'not_published'],
      [
        'expiry before publishing',
        post.id,
        { publishAt: at(2 * HOUR), expiresAt: at(HOUR) },
        400,
        'expires_before_publish',
      ],
      ['correction without a note', published.id, { title: 'Mới' }, 400, 'correction_note_required'],
      [
        'new audience after publishing',
        published.id,
        { audience: { groupIds: [group.id] }, correctionNote: 'Đổi' },
        400,
        'fixed_after_publishing',
      ],
      [
        'new time after publishing',
        published.id,
        { publishAt: at(HOUR), correctionNote: 'Đổi' },
        400,
        'fixed_after_publishing',
      ],
      [
        'expiry before it was published',
        published.id,
        { expiresAt: at(-HOUR), correctionNote: 'Đổi' },
        400,
        'expires_before_publish',
      ],
    ];
    for (const [name, id, payload, status, code] of cases) {
      const res = await call(env, desk.owner, 'PATCH', `${CONSOLE}/posts/${id}`, payload);
      expect([res.statusCode, res.json<{ code: string }>().code], name).toEqual([status, code]);
    }
    for (const [action, payload] of [
      ['reject', {}],
      ['reject', { reason: '' }],
      ['retract', { reason: 'x'.repeat(1001) }],
    ] as const) {
      const res = await call(env, desk.owner, 'POST', `${CONSOLE}/posts/${published.id}/${action}`, payload);
      expect(res.statusCode, `${action} ${JSON.stringify(payload)}`).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
    // Nothing to change is no change either.
    const same = await call(env, desk.officer, 'PATCH', `${CONSOLE}/posts/${post.id}`, { title: post.title });
    expect(same.json<ConsolePost>().history.map((h) => h.action)).toEqual(['created']);
  });

  it('refuses bad groups and unknown ids', async () => {
    const before = await snapshot();
    const url = `${CONSOLE}/units/${desk.unitId}/groups`;
    for (const payload of [
      { name: '', kind: 'thon' },
      { name: 'Tổ 1', kind: 'phuong' },
      { name: 'x'.repeat(121), kind: 'thon' },
      { name: 'Tổ 1', kind: 'thon', unitId: 'other' },
    ]) {
      expect((await call(env, desk.owner, 'POST', url, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await call(env, '', 'POST', `${PUBLIC}/groups/no-such-group/join`)).statusCode).toBe(404);
    expect((await call(env, desk.owner, 'GET', `${CONSOLE}/posts/no-such-post`)).statusCode).toBe(404);
    expect((await call(env, '', 'GET', `${PUBLIC}/posts/no-such-post`)).statusCode).toBe(404);
    const read = await call(env, '', 'POST', `${PUBLIC}/me/feed/read`, { postId: 'x', extra: true });
    expect(read.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});
