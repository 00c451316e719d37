import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleBoard, ConsoleBoardMessage, Mute, ReportedMessage } from '../../../contracts/board.js';
import type { Group } from '../../../contracts/broadcasts.js';
import { board, readBoard, write } from '../../test/board.js';
import {
  call,
  CONSOLE,
  createGroup,
  joinGroup,
  PUBLIC,
  publish,
  unitDesk,
  type UnitDesk,
} from '../../test/broadcasts.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';

// Officers of the unit moderate its groups' boards: hide with a reason, pin, mute for a time,
// resolve residents' reports, write as the unit. Every action is audited; other units see nothing.
describe('group boards: moderation', () => {
  let env: TestEnv;
  let desk: UnitDesk;
  let outsiders: UnitDesk;
  let group: Group;
  let otherGroup: Group;
  let member: string;
  let memberId: string;
  let troll: string;
  let trollId: string;

  const consoleBoard = async (cookie = desk.officer) =>
    (await call(env, cookie, 'GET', `${CONSOLE}/groups/${group.id}/board`)).json<ConsoleBoard>();
  const auditActions = async () =>
    (
      await env.ctx.database.db
        .selectFrom('auditLog')
        .select(['action', 'targetId', 'unitId'])
        .where('action', 'like', 'board.%')
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);
  const residentIdOf = async (cookie: string) =>
    (await call(env, cookie, 'GET', `${PUBLIC}/me`)).json<{ id: string }>().id;

  beforeAll(async () => {
    env = await createTestEnv();
    desk = await unitDesk(env, 'thach-trung');
    outsiders = await unitDesk(env, 'dai-nai');
    group = await createGroup(env, desk, 'Xóm Trung Phú');
    otherGroup = await createGroup(env, desk, 'Xóm Trung Lộc');
    member = await joinGroup(env, group.id);
    troll = await joinGroup(env, group.id);
    memberId = await residentIdOf(member);
    trollId = await residentIdOf(troll);
  });
  afterAll(async () => env.close());

  it('hides a message with a reason: residents see only that it was hidden, officers see it whole', async () => {
    const rude = await write(env, troll, group.id, 'Lời lẽ xúc phạm hàng xóm');
    const hidden = await call(env, desk.officer, 'POST', `${CONSOLE}/board-messages/${rude.id}/hide`, {
      reason: 'Xúc phạm người khác',
    });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json<ConsoleBoardMessage>()).toMatchObject({
      hidden: true,
      hideReason: 'Xúc phạm người khác',
      text: 'Lời lẽ xúc phạm hàng xóm',
    });
    const residentView = (await readBoard(env, member, group.id)).items.find((m) => m.id === rude.id);
    expect(residentView).toEqual({
      id: rude.id,
      groupId: group.id,
      createdAt: rude.createdAt,
      hidden: true,
      pinned: false,
      author: null,
      text: null,
      photo: null,
    });
    const officerView = (await consoleBoard()).items.find((m) => m.id === rude.id);
    expect(officerView).toMatchObject({
      hidden: true,
      text: 'Lời lẽ xúc phạm hàng xóm',
      hideReason: 'Xúc phạm người khác',
      authorResidentId: trollId,
    });
    // Hiding twice is a conflict; a blank reason is refused.
    expect(
      (await call(env, desk.officer, 'POST', `${CONSOLE}/board-messages/${rude.id}/hide`, { reason: 'x' })).statusCode,
    ).toBe(409);
    const other = await write(env, troll, group.id, 'Tin khác');
    expect(
      (await call(env, desk.officer, 'POST', `${CONSOLE}/board-messages/${other.id}/hide`, { reason: ' ' })).statusCode,
    ).toBe(400);
    // Unhide shows it again.
    const shown = await call(env, desk.owner, 'POST', `${CONSOLE}/board-messages/${rude.id}/unhide`);
    expect(shown.json<ConsoleBoardMessage>().hidden).toBe(false);
    expect((await readBoard(env, member, group.id)).items.find((m) => m.id === rude.id)?.text).toBe(
      'Lời lẽ xúc phạm hàng xóm',
    );
    expect(await auditActions()).toEqual(['board.hide', 'board.unhide']);
  });

  it('lets the unit write as itself and pin its messages and its posts above the rest', async () => {
    const res = await call(env, desk.officer, 'POST', `${CONSOLE}/groups/${group.id}/board`, {
      text: 'Công an phường nhắc bà con khoá cửa cẩn thận dịp Tết.',
    });
    expect(res.statusCode, res.body).toBe(201);
    const official = res.json<ConsoleBoardMessage>();
    expect(official.author).toMatchObject({ kind: 'unit', isMe: true });
    const later = await write(env, member, group.id, 'Cảm ơn công an phường');
    const residentMessage = await write(env, member, group.id, 'Tin của tôi');
    // Residents' messages are not pinned.
    expect(
      (await call(env, desk.officer, 'POST', `${CONSOLE}/board-messages/${residentMessage.id}/pin`)).statusCode,
    ).toBe(409);
    expect((await call(env, desk.officer, 'POST', `${CONSOLE}/board-messages/${official.id}/pin`)).statusCode).toBe(
      200,
    );

    const toUnit = await publish(env, desk, { title: 'Cảnh báo lừa đảo qua điện thoại' });
    const toOtherGroup = await publish(env, desk, {
      title: 'Họp xóm Trung Lộc',
      audience: { groupIds: [otherGroup.id] },
    });
    const toThisGroup = await publish(env, desk, { title: 'Họp xóm Trung Phú', audience: { groupIds: [group.id] } });
    const pin = (postId: string, cookie = desk.officer) =>
      call(env, cookie, 'POST', `${CONSOLE}/groups/${group.id}/board/pinned-posts`, { postId });
    expect((await pin(toUnit.id)).statusCode).toBe(200);
    expect((await pin(toThisGroup.id)).statusCode).toBe(200);
    expect((await pin(toOtherGroup.id)).statusCode).toBe(409);
    const foreign = await publish(env, outsiders, { title: 'Tin của Đại Nài' });
    expect((await pin(foreign.id)).statusCode).toBe(404);
    expect((await pin(toUnit.id, outsiders.owner)).statusCode).toBe(404);

    const seen = await readBoard(env, member, group.id);
    expect(seen.pinnedPosts.map((p) => p.id)).toEqual([toThisGroup.id, toUnit.id]);
    expect(seen.pinnedPosts[0]?.verificationCode).toMatch(/^KN-/);
    expect(seen.pinnedMessages.map((m) => m.id)).toEqual([official.id]);
    expect(seen.pinnedMessages[0]).toMatchObject({ pinned: true, author: { kind: 'unit', isMe: false } });
    // Pinned messages are listed once, above the others.
    expect(seen.items.map((m) => m.id)).not.toContain(official.id);
    expect(seen.items[0]?.id).toBe(residentMessage.id);
    expect(seen.items.map((m) => m.id)).toContain(later.id);
    // A later page carries no pins.
    const page2 = await readBoard(env, member, group.id, `?limit=1&cursor=${seen.items[0]?.id ?? ''}`);
    expect(page2.pinnedPosts).toEqual([]);

    expect(
      (await call(env, desk.officer, 'DELETE', `${CONSOLE}/groups/${group.id}/board/pinned-posts/${toUnit.id}`))
        .statusCode,
    ).toBe(200);
    expect(
      (await call(env, desk.officer, 'DELETE', `${CONSOLE}/groups/${group.id}/board/pinned-posts/${toUnit.id}`))
        .statusCode,
    ).toBe(404);
    expect((await call(env, desk.officer, 'POST', `${CONSOLE}/board-messages/${official.id}/unpin`)).statusCode).toBe(
      200,
    );
    const after = await readBoard(env, member, group.id);
    expect(after.pinnedPosts.map((p) => p.id)).toEqual([toThisGroup.id]);
    expect(after.pinnedMessages).toEqual([]);
    expect(after.items.map((m) => m.id)).toContain(official.id);
    // A retracted post drops off the board.
    expect(
      (await call(env, desk.owner, 'POST', `${CONSOLE}/posts/${toThisGroup.id}/retract`, { reason: 'Hoãn họp' }))
        .statusCode,
    ).toBe(200);
    expect((await readBoard(env, member, group.id)).pinnedPosts).toEqual([]);
  });

  it('mutes a member until the time runs out: they read but cannot write', async () => {
    const mute = await call(env, desk.officer, 'POST', `${CONSOLE}/groups/${group.id}/mutes`, {
      residentId: trollId,
      duration: '1h',
      reason: 'Đăng tin quảng cáo liên tục',
    });
    expect(mute.statusCode, mute.body).toBe(200);
    const until = mute.json<Mute>().until;
    expect(Date.parse(until)).toBe(env.clock.now() + 3600_000);
    const refused = await call(env, troll, 'POST', board(group.id), { text: 'Mua bán đất giá rẻ' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'muted', until });
    const seen = await readBoard(env, troll, group.id);
    expect(seen.mutedUntil).toBe(until);
    const listed = (await call(env, desk.officer, 'GET', `${CONSOLE}/groups/${group.id}/mutes`)).json<{
      items: Mute[];
    }>();
    expect(listed.items.map((m) => m.residentId)).toEqual([trollId]);
    // Other members write as before.
    await write(env, member, group.id, 'Tôi vẫn viết được');

    env.clock.advance(3600_000 - 1);
    expect((await call(env, troll, 'POST', board(group.id), { text: 'Còn bị chặn?' })).statusCode).toBe(403);
    env.clock.advance(1);
    expect((await call(env, troll, 'POST', board(group.id), { text: 'Hết hạn rồi' })).statusCode).toBe(201);
    expect((await readBoard(env, troll, group.id)).mutedUntil).toBeNull();

    // Until a set time, then lifted early.
    const at = new Date(env.clock.now() + 2 * 24 * 3600_000).toISOString();
    const again = await call(env, desk.owner, 'POST', `${CONSOLE}/groups/${group.id}/mutes`, {
      residentId: trollId,
      until: at,
      reason: 'Tái phạm',
    });
    expect(again.json<Mute>().until).toBe(at);
    expect((await call(env, troll, 'POST', board(group.id), { text: 'x' })).statusCode).toBe(403);
    expect((await call(env, desk.officer, 'DELETE', `${CONSOLE}/groups/${group.id}/mutes/${trollId}`)).statusCode).toBe(
      200,
    );
    expect((await call(env, desk.officer, 'DELETE', `${CONSOLE}/groups/${group.id}/mutes/${trollId}`)).statusCode).toBe(
      404,
    );
    expect((await call(env, troll, 'POST', board(group.id), { text: 'Được viết lại' })).statusCode).toBe(201);

    // Bad mutes: in the past, both forms, neither, not a member, another unit's officer.
    const bad = [
      { residentId: trollId, until: new Date(env.clock.now() - 1000).toISOString(), reason: 'x' },
      { residentId: trollId, duration: '1h', until: at, reason: 'x' },
      { residentId: trollId, reason: 'x' },
      { residentId: trollId, duration: '3h', reason: 'x' },
      { residentId: trollId, duration: '1h', reason: '' },
    ];
    for (const body of bad) {
      expect((await call(env, desk.officer, 'POST', `${CONSOLE}/groups/${group.id}/mutes`, body)).statusCode).toBe(400);
    }
    const stranger = await joinGroup(env, otherGroup.id);
    const strangerId = await residentIdOf(stranger);
    expect(
      (
        await call(env, desk.officer, 'POST', `${CONSOLE}/groups/${group.id}/mutes`, {
          residentId: strangerId,
          duration: '1h',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call(env, outsiders.owner, 'POST', `${CONSOLE}/groups/${group.id}/mutes`, {
          residentId: memberId,
          duration: '1h',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect((await readBoard(env, member, group.id)).mutedUntil).toBeNull();
  });

  it('lists open reports with a count per group and resolves them by hiding or dismissing', async () => {
    const scam = await write(env, troll, group.id, 'Nhận làm căn cước nhanh, chuyển khoản trước');
    const fine = await write(env, troll, group.id, 'Ai nhặt được ví đánh rơi ở chợ không?');
    const reporter2 = await joinGroup(env, group.id);
    for (const [cookie, id, category] of [
      [member, scam.id, 'scam'],
      [reporter2, scam.id, 'abuse'],
      [member, fine.id, 'spam'],
    ] as const) {
      expect((await call(env, cookie, 'POST', `${PUBLIC}/board-messages/${id}/report`, { category })).statusCode).toBe(
        200,
      );
    }
    const counts = await call(env, desk.officer, 'GET', `${CONSOLE}/units/${desk.unitId}/board/report-counts`);
    expect(counts.json()).toEqual({ items: [{ groupId: group.id, open: 3 }] });
    const reports = (await call(env, desk.officer, 'GET', `${CONSOLE}/groups/${group.id}/board/reports`)).json<{
      items: ReportedMessage[];
    }>();
    expect(reports.items.map((r) => [r.message.id, r.reports.length, r.message.openReports])).toEqual([
      [fine.id, 1, 1],
      [scam.id, 2, 2],
    ]);

    const resolve = (id: string, body: object, cookie = desk.officer) =>
      call(env, cookie, 'POST', `${CONSOLE}/board-messages/${id}/reports/resolve`, body);
    expect((await resolve(scam.id, { outcome: 'hide' })).statusCode).toBe(400);
    expect((await resolve(scam.id, { outcome: 'hide', reason: 'Lừa đảo' }, outsiders.owner)).statusCode).toBe(404);
    const hidden = await resolve(scam.id, { outcome: 'hide', reason: 'Lừa đảo làm giấy tờ' });
    expect(hidden.json<ConsoleBoardMessage>()).toMatchObject({ hidden: true, openReports: 0 });
    const dismissed = await resolve(fine.id, { outcome: 'dismiss' });
    expect(dismissed.json<ConsoleBoardMessage>()).toMatchObject({ hidden: false, openReports: 0 });
    expect((await resolve(fine.id, { outcome: 'dismiss' })).statusCode).toBe(409);
    expect(
      (await call(env, desk.officer, 'GET', `${CONSOLE}/units/${desk.unitId}/board/report-counts`)).json(),
    ).toEqual({ items: [] });
    const rows = await env.ctx.database.db
      .selectFrom('boardReports')
      .select(['messageId', 'resolution'])
      .where('resolvedAt', 'is not', null)
      .orderBy('messageId')
      .execute();
    expect(rows.map((r) => r.resolution).sort()).toEqual(['dismissed', 'hidden', 'hidden']);
    // A hidden message cannot be reported any more.
    expect(
      (await call(env, reporter2, 'POST', `${PUBLIC}/board-messages/${scam.id}/report`, { category: 'spam' }))
        .statusCode,
    ).toBe(404);
  });

  it('audits every moderation action with its unit and gives other units nothing', async () => {
    const rows = await env.ctx.database.db
      .selectFrom('auditLog')
      .select(['action', 'unitId', 'actorId'])
      .where('action', 'like', 'board.%')
      .execute();
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set([
        'board.hide',
        'board.unhide',
        'board.post',
        'board.pin',
        'board.unpin',
        'board.mute',
        'board.unmute',
        'board.reports.dismiss',
      ]),
    );
    expect(rows.every((r) => r.unitId === desk.unitId && r.actorId !== null)).toBe(true);
    const before = rows.length;
    const message = (await consoleBoard()).items[0];
    for (const action of ['hide', 'unhide', 'pin', 'unpin']) {
      const res = await call(env, outsiders.owner, 'POST', `${CONSOLE}/board-messages/${message?.id ?? ''}/${action}`, {
        reason: 'x',
      });
      expect(res.statusCode, action).toBe(404);
    }
    expect((await call(env, outsiders.officer, 'GET', `${CONSOLE}/groups/${group.id}/board/reports`)).statusCode).toBe(
      404,
    );
    expect(await auditActions()).toHaveLength(before);
  });
});
