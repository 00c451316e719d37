import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicTip } from '../../../contracts/tips.js';
import { createOfficer, createTestEnv, signIn, type TestEnv } from '../../test/helper.js';
import { CONSOLE, PUBLIC, everyRowAsText, readTip, tipIdOf } from '../../test/tips.js';
import { jpegWithGps, multipart, pdfBytes } from '../../test/uploads.js';
import { sweepUnclaimedTipUploads } from './tip-attachments.js';

// Photos and files of tips: anonymous uploads taken by a tip or reply with their token, checked like
// chat uploads, readable by the tip's officers and its reporter only, swept when no tip took them.

interface Uploaded {
  id: string;
  uploadToken: string;
  kind: string;
  name: string;
  sizeBytes: number;
  hasThumbnail: boolean;
}

describe('tip attachments', () => {
  let env: TestEnv;
  let officer: string;
  let outsider: string;
  const ip = '203.0.113.77';
  const agent = 'TipFilesTestAgent/1.0';

  beforeAll(async () => {
    env = await createTestEnv();
    officer = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    outsider = await signIn(env, await createOfficer(env, 'officer', 'dai-nai'));
  });
  afterAll(async () => env.close());

  const upload = (slug: string, data: Buffer | string, filename: string, type?: string) => {
    const body = multipart([{ filename, data, ...(type ? { type } : {}) }]);
    return env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/units/${slug}/tip-attachments`,
      remoteAddress: ip,
      headers: { ...body.headers, 'user-agent': agent },
      payload: body.payload,
    });
  };
  const uploaded = async (slug: string, data: Buffer, filename: string): Promise<Uploaded> => {
    const res = await upload(slug, data, filename);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Uploaded>();
  };
  const send = (slug: string, attachments: { id: string; uploadToken: string }[]) =>
    env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/units/${slug}/tips`,
      remoteAddress: ip,
      headers: { 'user-agent': agent },
      payload: { category: 'theft', description: 'Mất xe máy trước chợ.', anonymous: true, attachments },
    });
  const claim = (u: Uploaded) => ({ id: u.id, uploadToken: u.uploadToken });
  const files = async () => (await env.ctx.database.db.selectFrom('tipAttachments').selectAll().execute()).length;

  it('an anonymous tip with a GPS-tagged photo: stored re-encoded without EXIF, nothing links it to its sender', async () => {
    const photo = await uploaded('thach-trung', await jpegWithGps(), 'xe.jpg');
    expect(photo).toMatchObject({ kind: 'image', hasThumbnail: true });
    const pdf = await uploaded('thach-trung', pdfBytes(), 'bien-ban.pdf');
    const res = await send('thach-trung', [claim(photo), claim(pdf)]);
    expect(res.statusCode, res.body).toBe(201);
    const sent = res.json<{ receiptCode: string; passphrase: string }>();
    const id = await tipIdOf(env, sent.receiptCode);

    const row = await env.ctx.database.db
      .selectFrom('tipAttachments')
      .selectAll()
      .where('id', '=', photo.id)
      .executeTakeFirstOrThrow();
    expect(row.tipId).toBe(id);
    expect(row.uploadTokenHash).not.toContain(photo.uploadToken);
    const stored = await env.ctx.storage.get(row.storageKey);
    const meta = await sharp(stored ?? Buffer.alloc(0)).metadata();
    expect(meta.exif).toBeUndefined();
    expect(stored?.includes(Buffer.from('TestCam'))).toBe(false);

    const dump = await everyRowAsText(env);
    expect(dump).not.toContain(ip);
    expect(dump).not.toContain(agent);
    expect(dump).not.toContain(photo.uploadToken);

    // The officer sees the files on the tip and downloads them with safe headers.
    const tip = await readTip(env, officer, id);
    expect(tip.attachments.map((a) => a.name).sort()).toEqual(['bien-ban.pdf', 'xe.jpg']);
    const got = await env.app.inject({ url: `${CONSOLE}/tip-attachments/${photo.id}`, headers: { cookie: officer } });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    const thumb = await env.app.inject({
      url: `${CONSOLE}/tip-attachments/${photo.id}/thumbnail`,
      headers: { cookie: officer },
    });
    expect(thumb.statusCode).toBe(200);
    // Another unit's officer: as if it did not exist.
    const foreign = await env.app.inject({
      url: `${CONSOLE}/tip-attachments/${photo.id}`,
      headers: { cookie: outsider },
    });
    expect(foreign.statusCode).toBe(404);

    // The reporter: lists them by code and passphrase, downloads them, replies with another file.
    const keys = { receiptCode: sent.receiptCode, passphrase: sent.passphrase };
    const lookup = await env.app.inject({ method: 'POST', url: `${PUBLIC}/tips/lookup`, payload: keys });
    expect(
      lookup
        .json<PublicTip>()
        .attachments.map((a) => a.id)
        .sort(),
    ).toEqual([photo.id, pdf.id].sort());
    const mine = await env.app.inject({ method: 'POST', url: `${PUBLIC}/tips/attachments/${pdf.id}`, payload: keys });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-disposition']).toContain('attachment');
    expect(mine.rawPayload.equals(pdfBytes())).toBe(true);
    const wrong = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/tips/attachments/${pdf.id}`,
      payload: { ...keys, passphrase: 'sai sai sai sai' },
    });
    expect(wrong.statusCode).toBe(404);

    // A reply's files go to the unit holding the tip, which the look-up names.
    expect(lookup.json<PublicTip>().unitSlug).toBe('thach-trung');
    const more = await uploaded(lookup.json<PublicTip>().unitSlug, pdfBytes(), 'them.pdf');
    const replied = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/tips/messages`,
      payload: { ...keys, text: 'Gửi thêm biên bản.', attachments: [claim(more)] },
    });
    expect(replied.statusCode, replied.body).toBe(201);
    const after = await env.app.inject({ method: 'POST', url: `${PUBLIC}/tips/lookup`, payload: keys });
    const reply = after.json<PublicTip>().messages.find((m) => m.text === 'Gửi thêm biên bản.');
    expect(reply?.attachments.map((a) => a.id)).toEqual([more.id]);
    expect((await readTip(env, officer, id)).messages.at(-1)?.attachments.map((a) => a.id)).toEqual([more.id]);

    // Already taken: another tip cannot take it again.
    const again = await send('thach-trung', [claim(photo)]);
    expect(again.statusCode).toBe(400);
  });

  it('refuses lying and oversized uploads, storing nothing', async () => {
    const before = await files();
    const html = await upload('thach-trung', '<html><script>alert(1)</script></html>', 'anh.jpg', 'image/jpeg');
    expect(html.statusCode).toBe(415);
    expect(html.headers['content-type']).toContain('application/problem+json');
    const big = await upload('thach-trung', Buffer.alloc(10 * 1024 * 1024 + 10, 1), 'big.pdf', 'application/pdf');
    expect(big.statusCode).toBe(413);
    expect(await files()).toBe(before);
  });

  it('a wrong token, another unit’s upload or too many files: 400 and nothing changes', async () => {
    const mine = await uploaded('thach-trung', pdfBytes(), 'a.pdf');
    const theirs = await uploaded('dai-nai', pdfBytes(), 'b.pdf');
    const tipsBefore = (await env.ctx.database.db.selectFrom('tips').select('id').execute()).length;
    const cases = [
      [{ id: mine.id, uploadToken: theirs.uploadToken }],
      [claim(theirs)],
      [claim(mine), claim(mine)],
      [{ id: 'nope', uploadToken: 'x' }],
    ];
    for (const attachments of cases) {
      const res = await send('thach-trung', attachments);
      expect(res.statusCode, JSON.stringify(attachments)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await env.ctx.database.db.selectFrom('tips').select('id').execute()).length).toBe(tipsBefore);
    const rows = await env.ctx.database.db
      .selectFrom('tipAttachments')
      .select('tipId')
      .where('id', 'in', [mine.id, theirs.id])
      .execute();
    expect(rows.map((r) => r.tipId)).toEqual([null, null]);
    // An upload no tip took is no one's to download, not even an officer's of the unit.
    const unclaimed = await env.app.inject({
      url: `${CONSOLE}/tip-attachments/${mine.id}`,
      headers: { cookie: officer },
    });
    expect(unclaimed.statusCode).toBe(404);
  });

  it('sweeps uploads no tip took after a day, with their files', async () => {
    const left = await uploaded('thach-trung', await jpegWithGps(), 'bo-quen.jpg');
    const row = await env.ctx.database.db
      .selectFrom('tipAttachments')
      .selectAll()
      .where('id', '=', left.id)
      .executeTakeFirstOrThrow();
    const claimedBefore = await env.ctx.database.db
      .selectFrom('tipAttachments')
      .select('id')
      .where('tipId', 'is not', null)
      .execute();
    expect(await sweepUnclaimedTipUploads(env.ctx)).toBe(0);
    env.clock.advance(24 * 3600_000 + 1);
    expect(await sweepUnclaimedTipUploads(env.ctx)).toBeGreaterThanOrEqual(1);
    expect(await env.ctx.storage.get(row.storageKey)).toBeNull();
    expect(await env.ctx.storage.get(row.thumbnailKey ?? '')).toBeNull();
    const remaining = await env.ctx.database.db.selectFrom('tipAttachments').select(['id', 'tipId']).execute();
    expect(remaining.every((r) => r.tipId !== null)).toBe(true);
    expect(remaining.length).toBe(claimedBefore.length);
  });
});
