import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePost, PublicPost } from '../../../contracts/broadcasts.js';
import {
  call,
  CONSOLE,
  draft,
  newFollower,
  PUBLIC,
  publish,
  step,
  unitDesk,
  type UnitDesk,
} from '../../test/broadcasts.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { publishDuePosts } from './scheduler.js';

const HOUR = 3600_000;
const published = (p: ConsolePost) => encodeURIComponent(p.verificationCode ?? '');

describe('the post workflow through the API', () => {
  let env: TestEnv;
  let desk: UnitDesk;

  beforeAll(async () => {
    env = await createTestEnv();
    desk = await unitDesk(env, 'thach-trung');
  });
  afterAll(async () => env.close());

  const auditOf = (postId: string) =>
    env.ctx.database.db
      .selectFrom('auditLog')
      .select(['action', 'actorName', 'unitId'])
      .where('targetId', '=', postId)
      .orderBy('seq')
      .execute();
  const get = async (id: string) =>
    (await call(env, desk.officer, 'GET', `${CONSOLE}/posts/${id}`)).json<ConsolePost>();

  it('drafts, submits, approves and publishes with a code, history, a first version and audit rows', async () => {
    const post = await draft(env, desk, { title: 'Cảnh giác lừa đảo qua điện thoại' });
    expect(post).toMatchObject({ status: 'draft', unitId: desk.unitId, authorId: desk.officerId, audience: null });
    expect(post.verificationCode).toBeNull();

    const edited = await call(env, desk.officer, 'PATCH', `${CONSOLE}/posts/${post.id}`, {
      body: 'Không cung cấp mã OTP.',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<ConsolePost>().body).toBe('Không cung cấp mã OTP.');

    const submitted = await step(env, desk.officer, post.id, 'submit');
    expect(submitted.json<ConsolePost>().status).toBe('submitted');
    const approved = await step(env, desk.owner, post.id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    const published = approved.json<ConsolePost>();
    expect(published.status).toBe('published');
    expect(published.verificationCode).toMatch(/^KN-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{2}$/);
    expect(published.publishedAt).not.toBeNull();
    expect(published.history.map((h) => h.action)).toEqual(['created', 'edited', 'submitted', 'approved', 'published']);
    expect(published.versions).toEqual([
      {
        at: published.publishedAt,
        title: 'Cảnh giác lừa đảo qua điện thoại',
        body: 'Không cung cấp mã OTP.',
        media: [],
        audioTranscript: null,
        link: null,
        note: null,
      },
    ]);
    expect((await auditOf(post.id)).map((a) => a.action)).toEqual([
      'post.create',
      'post.update',
      'post.submit',
      'post.approve',
    ]);
    expect(new Set((await auditOf(post.id)).map((a) => a.unitId))).toEqual(new Set([desk.unitId]));
    // The unit's audit log names the post by its title.
    const log = await call(env, desk.owner, 'GET', `${CONSOLE}/units/${desk.unitId}/audit`);
    const entry = log.json<{ items: { targetId: string; targetName: string | null }[] }>().items[0];
    expect(entry).toMatchObject({ targetId: post.id, targetName: 'Cảnh giác lừa đảo qua điện thoại' });

    // Published: editing is a correction by an approver, with a note, keeping the earlier version.
    const noNote = await call(env, desk.owner, 'PATCH', `${CONSOLE}/posts/${post.id}`, { title: 'Sửa' });
    expect([noNote.statusCode, noNote.json<{ code: string }>().code]).toEqual([400, 'correction_note_required']);
    env.clock.advance(HOUR);
    const corrected = await call(env, desk.owner, 'PATCH', `${CONSOLE}/posts/${post.id}`, {
      body: 'Không cung cấp mã OTP cho bất kỳ ai.',
      correctionNote: 'Bổ sung cho rõ',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const c = corrected.json<ConsolePost>();
    expect(c).toMatchObject({ status: 'published', verificationCode: published.verificationCode });
    expect(c.correctedAt).not.toBeNull();
    expect(c.versions.map((v) => [v.body, v.note])).toEqual([
      ['Không cung cấp mã OTP.', null],
      ['Không cung cấp mã OTP cho bất kỳ ai.', 'Bổ sung cho rõ'],
    ]);
    expect(c.history.at(-1)).toMatchObject({ action: 'corrected', reason: 'Bổ sung cho rõ' });

    const retracted = await step(env, desk.owner, post.id, 'retract', 'Thông tin đã cũ');
    expect(retracted.json<ConsolePost>()).toMatchObject({ status: 'retracted', retractReason: 'Thông tin đã cũ' });
    expect((await auditOf(post.id)).map((a) => a.action).slice(-2)).toEqual(['post.correct', 'post.retract']);
    // Retracted posts stay listed for residents, without their text.
    const listed = await call(env, '', 'GET', `${PUBLIC}/units/thach-trung/posts`);
    const shown = listed.json<{ items: PublicPost[] }>().items.find((p) => p.id === post.id);
    expect(shown).toMatchObject({ retracted: true, retractReason: 'Thông tin đã cũ', body: '' });
  });

  it('closes a missing-person alert when the person is found: expired, verifiable, with the note', async () => {
    const post = await publish(env, desk, { title: 'Tìm người mất tích', category: 'missing_person' });
    const close = (cookie: string, body: object) =>
      call(env, cookie, 'POST', `${CONSOLE}/posts/${post.id}/close`, body);
    // Only approvers close; a note is required; a draft cannot be closed.
    expect((await close(desk.officer, { note: 'Đã tìm thấy' })).statusCode).toBe(403);
    expect((await close(desk.owner, {})).statusCode).toBe(400);
    const other = await draft(env, desk);
    expect((await call(env, desk.owner, 'POST', `${CONSOLE}/posts/${other.id}/close`, { note: 'x' })).statusCode).toBe(
      409,
    );

    env.clock.advance(HOUR);
    const res = await close(desk.owner, { note: 'Đã tìm thấy cháu an toàn. Cảm ơn bà con.' });
    expect(res.statusCode, res.body).toBe(200);
    const closed = res.json<ConsolePost>();
    expect(closed).toMatchObject({ status: 'published', closeNote: 'Đã tìm thấy cháu an toàn. Cảm ơn bà con.' });
    expect(closed.closedAt).toBe(closed.expiresAt);
    expect(closed.history.at(-1)).toMatchObject({
      action: 'closed',
      reason: 'Đã tìm thấy cháu an toàn. Cảm ơn bà con.',
    });
    expect((await auditOf(post.id)).at(-1)?.action).toBe('post.close');
    // Once only.
    const again = await close(desk.owner, { note: 'Lần nữa' });
    expect([again.statusCode, again.json<{ code: string }>().code]).toEqual([409, 'already_closed']);

    // Residents still see it, expired, with the note; its code still verifies.
    const listed = await call(env, '', 'GET', `${PUBLIC}/units/thach-trung/posts`);
    const shown = listed.json<{ items: PublicPost[] }>().items.find((p) => p.id === post.id);
    expect(shown).toMatchObject({
      expired: true,
      retracted: false,
      closeNote: 'Đã tìm thấy cháu an toàn. Cảm ơn bà con.',
    });
    const verified = await call(env, '', 'GET', `${PUBLIC}/verify?code=${published(closed)}`);
    expect(verified.json()).toMatchObject({ valid: true, kind: 'post', post: { id: post.id } });
  });

  it('sends a post back with a reason; the author edits and resubmits it', async () => {
    const post = await draft(env, desk);
    await step(env, desk.officer, post.id, 'submit');
    const rejected = await step(env, desk.owner, post.id, 'reject', 'Thiếu số điện thoại liên hệ');
    expect(rejected.json<ConsolePost>()).toMatchObject({
      status: 'rejected',
      rejectReason: 'Thiếu số điện thoại liên hệ',
    });
    const publishing = await step(env, desk.owner, post.id, 'approve');
    expect([publishing.statusCode, publishing.json<{ code: string }>().code]).toEqual([409, 'invalid_transition']);
    const edited = await call(env, desk.officer, 'PATCH', `${CONSOLE}/posts/${post.id}`, {
      body: 'Liên hệ: 0239 3855 113',
    });
    expect(edited.json<ConsolePost>().status).toBe('rejected');
    const again = await step(env, desk.officer, post.id, 'submit');
    expect(again.json<ConsolePost>()).toMatchObject({ status: 'submitted', rejectReason: null });
    const history = (await get(post.id)).history;
    expect(history.find((h) => h.action === 'rejected')).toMatchObject({ reason: 'Thiếu số điện thoại liên hệ' });
    expect((await step(env, desk.owner, post.id, 'approve')).json<ConsolePost>().status).toBe('published');
  });

  it('answers 409 to steps the state does not allow, and changes nothing', async () => {
    const published = await publish(env, desk);
    const retracted = await publish(env, desk);
    await step(env, desk.owner, retracted.id, 'retract', 'Nhầm');
    const before = await env.ctx.database.db.selectFrom('postEvents').select('id').execute();
    const cases: [string, 'submit' | 'approve' | 'reject' | 'retract', string | undefined][] = [
      [retracted.id, 'approve', undefined],
      [retracted.id, 'retract', 'Lần nữa'],
      [published.id, 'approve', undefined],
      [published.id, 'submit', undefined],
      [published.id, 'reject', 'Muộn rồi'],
    ];
    for (const [id, action, reason] of cases) {
      const res = await step(env, desk.owner, id, action, reason);
      expect([res.statusCode, res.json<{ code: string }>().code], action).toEqual([409, 'invalid_transition']);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const edit = await call(env, desk.owner, 'PATCH', `${CONSOLE}/posts/${retracted.id}`, { title: 'Sửa lại' });
    expect(edit.statusCode).toBe(409);
    expect(await env.ctx.database.db.selectFrom('postEvents').select('id').execute()).toEqual(before);
  });

  it('lets the owner approve a draft directly', async () => {
    const post = await draft(env, desk);
    const res = await step(env, desk.owner, post.id, 'approve');
    expect(res.json<ConsolePost>().history.map((h) => h.action)).toEqual(['created', 'approved', 'published']);
  });

  it('schedules a post approved before its publish time; the periodic job publishes it when due', async () => {
    const follower = await newFollower(env, 'thach-trung');
    const publishAt = new Date(env.clock.now() + 2 * HOUR).toISOString();
    const post = await draft(env, desk, { title: 'Lịch tiêm phòng dại', publishAt });
    const approved = await step(env, desk.owner, post.id, 'approve');
    expect(approved.json<ConsolePost>()).toMatchObject({
      status: 'scheduled',
      verificationCode: null,
      publishedAt: null,
    });
    const inFeed = async () =>
      (await call(env, follower, 'GET', `${PUBLIC}/me/feed`)).json<{ items: PublicPost[] }>().items.map((p) => p.id);

    expect(await publishDuePosts(env.ctx)).toBe(0);
    expect(await inFeed()).not.toContain(post.id);
    env.clock.advance(HOUR);
    expect(await publishDuePosts(env.ctx)).toBe(0);
    env.clock.advance(HOUR);
    expect(await publishDuePosts(env.ctx)).toBe(1);
    expect(await publishDuePosts(env.ctx)).toBe(0);

    const done = await get(post.id);
    expect(done.status).toBe('published');
    expect(done.publishedAt).toBe(publishAt);
    expect(done.verificationCode).not.toBeNull();
    expect(done.history.at(-1)).toMatchObject({ action: 'published', actorName: null });
    expect(await inFeed()).toContain(post.id);
    const audit = await auditOf(post.id);
    expect(audit.at(-1)).toMatchObject({ action: 'post.publish', actorName: 'system:scheduler' });
  });

  it('keeps a scheduled post the owner sent back from being published', async () => {
    const post = await draft(env, desk, { publishAt: new Date(env.clock.now() + HOUR).toISOString() });
    await step(env, desk.owner, post.id, 'approve');
    await step(env, desk.owner, post.id, 'reject', 'Hoãn lại');
    env.clock.advance(2 * HOUR);
    expect(await publishDuePosts(env.ctx)).toBe(0);
    expect((await get(post.id)).status).toBe('rejected');
  });

  it('lists the unit’s posts for the console, newest first, by status, with a cursor', async () => {
    const url = `${CONSOLE}/units/${desk.unitId}/posts`;
    const all = (await call(env, desk.officer, 'GET', url)).json<{ items: ConsolePost[] }>().items;
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((p) => p.id)).toEqual([...all.map((p) => p.id)].sort().reverse());
    const published = (await call(env, desk.officer, 'GET', `${url}?status=published`)).json<{
      items: ConsolePost[];
    }>();
    expect(published.items.every((p) => p.status === 'published')).toBe(true);
    const first = (await call(env, desk.officer, 'GET', `${url}?limit=2`)).json<{
      items: ConsolePost[];
      nextCursor: string;
    }>();
    const second = (await call(env, desk.officer, 'GET', `${url}?limit=2&cursor=${first.nextCursor}`)).json<{
      items: ConsolePost[];
    }>();
    expect([...first.items, ...second.items].map((p) => p.id)).toEqual(all.slice(0, 4).map((p) => p.id));
  });
});
