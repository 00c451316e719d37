import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BOARD_TEXT, type Board, type BoardMessage } from '../../../contracts/board.js';
import type { Group } from '../../../contracts/broadcasts.js';
import { board, jpegWithGps, postPhoto, readBoard, write } from '../../test/board.js';
import { call, CONSOLE, createGroup, joinGroup, PUBLIC, unitDesk, type UnitDesk } from '../../test/broadcasts.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';

// Members of a residential group read and write on its board (text, a photo); nobody else sees it.
describe('group boards: members', () => {
  let env: TestEnv;
  let desk: UnitDesk;
  let group: Group;
  let otherGroup: Group;
  let member: string;
  let neighbour: string;
  let outsider: string;
  let outsiderDesk: UnitDesk;

  const filesStored = async () => {
    const root = path.join(env.dataDir, 'files', 'board');
    const walk = async (dir: string): Promise<string[]> => {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      const nested = await Promise.all(
        entries.map(async (e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])),
      );
      return nested.flat();
    };
    return walk(root);
  };
  const messageCount = async () =>
    Number(
      (
        await env.ctx.database.db
          .selectFrom('boardMessages')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );

  beforeAll(async () => {
    env = await createTestEnv();
    desk = await unitDesk(env, 'thach-trung');
    outsiderDesk = await unitDesk(env, 'dai-nai');
    group = await createGroup(env, desk, 'Xóm Trung Phú');
    otherGroup = await createGroup(env, desk, 'Xóm Trung Lộc');
    member = await joinGroup(env, group.id);
    neighbour = await joinGroup(env, group.id);
    outsider = await joinGroup(env, otherGroup.id);
    await call(env, member, 'PATCH', `${PUBLIC}/me`, { displayName: 'Bà Lan' });
  });
  afterAll(async () => env.close());

  it('lets a member write and every member read, newest first, with the author named', async () => {
    const first = await write(env, member, group.id, 'Chiều nay xóm mình họp ở nhà văn hoá nhé.');
    const second = await write(env, neighbour, group.id, 'Vâng, tôi sẽ đến.');
    expect(first).toMatchObject({ hidden: false, pinned: false, photo: null, text: first.text });
    const seen = await readBoard(env, neighbour, group.id);
    expect(seen.items.map((m) => m.id).slice(0, 2)).toEqual([second.id, first.id]);
    expect(seen.group).toMatchObject({ id: group.id, name: 'Xóm Trung Phú' });
    expect(seen.group.unitName).not.toBe('');
    expect(seen.mutedUntil).toBeNull();
    const mine = seen.items.find((m) => m.id === second.id);
    const theirs = seen.items.find((m) => m.id === first.id);
    expect(mine?.author).toMatchObject({ kind: 'resident', isMe: true });
    expect(theirs?.author).toEqual({ kind: 'resident', name: 'Bà Lan', isMe: false });
  });

  it('pages with a keyset cursor', async () => {
    for (let i = 0; i < 4; i++) await write(env, neighbour, group.id, `Tin số ${i}`);
    const all = (await readBoard(env, member, group.id, '?limit=100')).items.map((m) => m.id);
    const first = await readBoard(env, member, group.id, '?limit=3');
    expect(first.nextCursor).not.toBeNull();
    const second = await readBoard(env, member, group.id, `?limit=3&cursor=${first.nextCursor ?? ''}`);
    expect([...first.items, ...second.items].map((m) => m.id)).toEqual(all.slice(0, 6));
    const bad = await call(env, member, 'GET', `${board(group.id)}?cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
  });

  it('answers 404 to non-members, visitors and officers of another unit, and stores nothing', async () => {
    const before = await messageCount();
    for (const cookie of [outsider, '', outsiderDesk.officer]) {
      expect((await call(env, cookie, 'GET', board(group.id))).statusCode).toBe(404);
      const res = await call(env, cookie, 'POST', board(group.id), { text: 'Xin chào' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await call(env, outsiderDesk.officer, 'GET', `${CONSOLE}/groups/${group.id}/board`)).statusCode).toBe(404);
    expect((await call(env, member, 'GET', board('0190aaaa-0000-7000-8000-000000000000'))).statusCode).toBe(404);
    expect(await messageCount()).toBe(before);
  });

  it('refuses empty, blank and oversized text and NUL characters', async () => {
    const before = await messageCount();
    for (const text of ['', '   ', 'x'.repeat(MAX_BOARD_TEXT + 1), 'a\u0000b']) {
      const res = await call(env, member, 'POST', board(group.id), { text });
      expect(res.statusCode, text.slice(0, 10)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await call(env, member, 'POST', board(group.id), { text: 'hi', extra: 1 })).statusCode).toBe(400);
    expect(await messageCount()).toBe(before);
    const longest = await write(env, member, group.id, 'x'.repeat(MAX_BOARD_TEXT));
    expect(longest.text?.length).toBe(MAX_BOARD_TEXT);
  });

  it('stores a photo re-encoded without its EXIF position, with a thumbnail only members open', async () => {
    const res = await postPhoto(env, member, group.id, [
      { name: 'text', data: 'Đèn đường ngõ 5 bị hỏng' },
      { filename: 'den-duong.jpg', type: 'image/jpeg', data: await jpegWithGps() },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const message = res.json<BoardMessage>();
    expect(message.text).toBe('Đèn đường ngõ 5 bị hỏng');
    expect(message.photo).toMatchObject({ width: 600, height: 400 });
    const photo = await call(env, neighbour, 'GET', message.photo?.url ?? '');
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect((await sharp(photo.rawPayload).metadata()).exif).toBeUndefined();
    const thumb = await call(env, neighbour, 'GET', message.photo?.thumbnailUrl ?? '');
    expect(thumb.statusCode).toBe(200);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBeLessThanOrEqual(320);
    expect((await call(env, outsider, 'GET', message.photo?.url ?? '')).statusCode).toBe(404);
    expect((await call(env, '', 'GET', message.photo?.url ?? '')).statusCode).toBe(404);
    const quota = await env.ctx.database.db.selectFrom('uploadQuotas').selectAll().execute();
    expect(quota.map((q) => q.files)).toEqual([1]);
  });

  it('refuses a lying photo (an HTML page named .jpg), a PDF and an oversized caption, storing nothing', async () => {
    const files = (await filesStored()).length;
    const before = await messageCount();
    const cases = [
      [{ filename: 'anh.jpg', type: 'image/jpeg', data: '<html><script>alert(1)</script></html>' }],
      [
        {
          filename: 'giay.pdf',
          type: 'application/pdf',
          data: '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n',
        },
      ],
      [
        { name: 'text', data: 'x'.repeat(MAX_BOARD_TEXT + 1) },
        { filename: 'a.jpg', type: 'image/jpeg', data: await jpegWithGps() },
      ],
      [{ name: 'text', data: 'chỉ có chữ' }],
    ];
    for (const parts of cases) {
      const res = await postPhoto(env, member, group.id, parts);
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await messageCount()).toBe(before);
    expect((await filesStored()).length).toBe(files);
    const notMember = await postPhoto(env, outsider, group.id, [
      { filename: 'a.jpg', type: 'image/jpeg', data: await jpegWithGps() },
    ]);
    expect(notMember.statusCode).toBe(404);
    expect((await filesStored()).length).toBe(files);
  });

  it('limits how fast one resident writes', async () => {
    const fast = await joinGroup(env, group.id);
    const answers: number[] = [];
    for (let i = 0; i < 7; i++)
      answers.push((await call(env, fast, 'POST', board(group.id), { text: `${i}` })).statusCode);
    expect(answers.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(answers.slice(5)).toEqual([429, 429]);
    env.clock.advance(61_000);
    expect((await call(env, fast, 'POST', board(group.id), { text: 'lại' })).statusCode).toBe(201);
  });

  it('takes one report per resident and message, from members only', async () => {
    const target = await write(env, neighbour, group.id, 'Cho vay tiền nhanh, lãi thấp, gọi 0900000000');
    const report = (cookie: string, body: object) =>
      call(env, cookie, 'POST', `${PUBLIC}/board-messages/${target.id}/report`, body);
    expect((await report(member, { category: 'scam', text: 'Lừa đảo cho vay' })).statusCode).toBe(200);
    expect((await report(member, { category: 'spam' })).statusCode).toBe(409);
    expect((await report(outsider, { category: 'spam' })).statusCode).toBe(404);
    expect((await report(neighbour, { category: 'nonsense' })).statusCode).toBe(400);
    const rows = await env.ctx.database.db.selectFrom('boardReports').selectAll().execute();
    expect(rows.map((r) => [r.category, r.text])).toEqual([['scam', 'Lừa đảo cho vay']]);
  });

  it('shows no board of a group the resident left', async () => {
    const leaving = await joinGroup(env, group.id);
    await readBoard(env, leaving, group.id);
    expect((await call(env, leaving, 'DELETE', `${PUBLIC}/groups/${group.id}/join`)).statusCode).toBe(200);
    expect((await call(env, leaving, 'GET', board(group.id))).statusCode).toBe(404);
    const seen: Board = await readBoard(env, member, group.id);
    expect(seen.items.length).toBeGreaterThan(0);
  });
});
