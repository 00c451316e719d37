import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse as Response } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePost, PostMedia, PublicPost } from '../../../contracts/broadcasts.js';
import { MAX_ATTACHMENT_BYTES } from '../../../contracts/conversations.js';
import {
  call,
  CONSOLE,
  createGroup,
  draft,
  newFollower,
  PUBLIC,
  step,
  unitDesk,
  type UnitDesk,
} from '../../test/broadcasts.js';
import { createTestEnv, type TestEnv } from '../../test/helper.js';
import { jpegWithGps, multipart, pdfBytes, wavBytes, type Part } from '../../test/uploads.js';

// Images, an audio clip with its transcript, files and a link on posts: uploads checked like chat
// attachments, taken by one post of the unit, public only while in a published post.

describe('media of posts', () => {
  let env: TestEnv;
  let desk: UnitDesk;
  let other: UnitDesk;

  beforeAll(async () => {
    env = await createTestEnv();
    desk = await unitDesk(env, 'thach-trung');
    other = await unitDesk(env, 'dai-nai');
  });
  afterAll(async () => env.close());

  function upload(d: UnitDesk, part: Part, cookie = d.officer): Promise<Response> {
    const body = multipart([part]);
    return env.app.inject({
      method: 'POST',
      url: `${CONSOLE}/units/${d.unitId}/post-media`,
      headers: { ...body.headers, cookie },
      payload: body.payload,
    });
  }

  async function uploaded(d: UnitDesk, part: Part, cookie = d.officer): Promise<PostMedia> {
    const res = await upload(d, part, cookie);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PostMedia>();
  }

  const photo = async (d = desk, cookie = d.officer) =>
    uploaded(d, { filename: 'hiện trường.jpg', type: 'image/jpeg', data: await jpegWithGps() }, cookie);
  const clip = (d = desk) => uploaded(d, { filename: 'loa phường.wav', type: 'audio/wav', data: wavBytes() });
  const pdf = (d = desk) => uploaded(d, { filename: 'công văn.pdf', type: 'application/pdf', data: pdfBytes() });

  const get = (url: string, cookie = '') => call(env, cookie, 'GET', url);

  async function approve(postId: string, d = desk): Promise<ConsolePost> {
    const res = await step(env, d.owner, postId, 'approve');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ConsolePost>();
  }

  async function snapshot() {
    const db = env.ctx.database.db;
    const root = path.join(env.dataDir, 'files');
    const files = fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).map(String).sort() : [];
    return {
      media: await db.selectFrom('postMedia').selectAll().orderBy('id').execute(),
      posts: await db.selectFrom('posts').selectAll().orderBy('id').execute(),
      versions: await db.selectFrom('postVersions').selectAll().orderBy('id').execute(),
      audit: await db.selectFrom('auditHead').selectAll().execute(),
      files,
    };
  }

  it('publishes images, an audio clip with its transcript, a file and a link; images without EXIF', async () => {
    const image = await photo();
    expect(image).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', name: 'hiện trường.jpg', width: 200 });
    expect(image.url).toBe(`${CONSOLE}/post-media/${image.id}`);
    const audio = await clip();
    const file = await pdf();
    const audit = await env.ctx.database.db
      .selectFrom('auditLog')
      .select(['action', 'targetType'])
      .where('targetId', '=', image.id)
      .execute();
    expect(audit).toEqual([{ action: 'post.media_upload', targetType: 'post_media' }]);

    const post = await draft(env, desk, {
      mediaIds: [audio.id, image.id, file.id],
      audioTranscript: 'Từ ngày mai, phường cấm đốt rơm rạ ven đường.',
      linkUrl: 'https://www.congan.hatinh.gov.vn/tin-tuc/123',
    });
    expect(post.media.map((m) => m.id)).toEqual([audio.id, image.id, file.id]);
    expect(post.link).toEqual({ url: 'https://www.congan.hatinh.gov.vn/tin-tuc/123', host: 'congan.hatinh.gov.vn' });
    // A draft's media: the unit's officers read them; the public and other units do not.
    expect((await get(image.url, desk.owner)).statusCode).toBe(200);
    expect((await get(image.url, other.officer)).statusCode).toBe(404);
    expect((await get(`${PUBLIC}/post-media/${image.id}`)).statusCode).toBe(404);
    expect((await get(`${PUBLIC}/post-media/${image.id}/thumbnail`)).statusCode).toBe(404);

    const published = await approve(post.id);
    expect(published.versions[0]?.media.map((m) => m.id)).toEqual([audio.id, image.id, file.id]);
    expect(published.versions[0]?.audioTranscript).toBe('Từ ngày mai, phường cấm đốt rơm rạ ven đường.');

    const follower = await newFollower(env, desk.slug);
    const read = await get(`${PUBLIC}/posts/${post.id}`, follower);
    const pub = read.json<PublicPost>();
    expect(pub.media.map((m) => [m.kind, m.url])).toEqual([
      ['audio', `${PUBLIC}/post-media/${audio.id}`],
      ['image', `${PUBLIC}/post-media/${image.id}`],
      ['file', `${PUBLIC}/post-media/${file.id}`],
    ]);
    expect(pub.audioTranscript).toBe('Từ ngày mai, phường cấm đốt rơm rạ ven đường.');
    expect(pub.link?.host).toBe('congan.hatinh.gov.vn');
    const feed = await get(`${PUBLIC}/me/feed`, follower);
    expect(feed.json<{ items: PublicPost[] }>().items[0]?.media).toHaveLength(3);

    const full = await get(`${PUBLIC}/post-media/${image.id}`);
    expect(full.statusCode).toBe(200);
    expect(full.headers).toMatchObject({ 'content-type': 'image/jpeg', 'x-content-type-options': 'nosniff' });
    expect(full.headers['content-security-policy']).toContain('sandbox');
    expect(full.headers['content-disposition']).toMatch(/^inline; filename="hien truong.jpg"/);
    const meta = await sharp(full.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(full.rawPayload.includes('TestCam')).toBe(false);
    expect([meta.width, meta.height]).toEqual([200, 400]);
    const thumb = await get(`${PUBLIC}/post-media/${image.id}/thumbnail`);
    expect([thumb.statusCode, (await sharp(thumb.rawPayload).metadata()).exif]).toEqual([200, undefined]);
    const doc = await get(`${PUBLIC}/post-media/${file.id}`);
    expect(doc.headers['content-disposition']).toMatch(/^attachment;/);
    expect(doc.rawPayload.equals(pdfBytes())).toBe(true);
    expect((await get(`${PUBLIC}/post-media/${audio.id}`)).headers['content-type']).toBe('audio/wav');
  });

  it('keeps what each version had: a correction that drops an image takes it off the public post', async () => {
    const first = await photo();
    const post = await draft(env, desk, { mediaIds: [first.id] });
    await approve(post.id);
    // The correction's new image is the approver's own upload.
    const third = await photo(desk, desk.owner);
    const corrected = await call(env, desk.owner, 'PATCH', `${CONSOLE}/posts/${post.id}`, {
      mediaIds: [third.id],
      linkUrl: 'http://example.org/a',
      correctionNote: 'Thay ảnh chụp nhầm người',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const c = corrected.json<ConsolePost>();
    expect(c.media.map((m) => m.id)).toEqual([third.id]);
    expect(c.versions.map((v) => [v.media.map((m) => m.id), v.link?.host ?? null])).toEqual([
      [[first.id], null],
      [[third.id], 'example.org'],
    ]);
    expect((await get(`${PUBLIC}/post-media/${first.id}`)).statusCode).toBe(404);
    expect((await get(`${PUBLIC}/post-media/${third.id}`)).statusCode).toBe(200);
    expect((await get(first.url, desk.officer)).statusCode).toBe(200);
    // The dropped image stays this post's: no other post may take it.
    const stolen = await call(env, desk.officer, 'POST', `${CONSOLE}/units/${desk.unitId}/posts`, {
      title: 'Bài khác',
      body: 'Nội dung',
      category: 'other',
      mediaIds: [first.id],
    });
    expect([stolen.statusCode, stolen.json<{ code: string }>().code]).toEqual([400, 'invalid_media']);
    // Retracted: none of its media stay public.
    expect((await step(env, desk.owner, post.id, 'retract', 'Sai thông tin')).statusCode).toBe(200);
    expect((await get(`${PUBLIC}/post-media/${third.id}`)).statusCode).toBe(404);
    expect((await get(`${PUBLIC}/posts/${post.id}`)).json<PublicPost>()).toMatchObject({ media: [], link: null });
  });

  it('shows a group post’s media only to the group’s members', async () => {
    const group = await createGroup(env, desk);
    const image = await photo();
    const post = await draft(env, desk, { mediaIds: [image.id], audience: { groupIds: [group.id] } });
    await approve(post.id);
    expect((await get(`${PUBLIC}/post-media/${image.id}`)).statusCode).toBe(404);
    const member = (await call(env, '', 'POST', `${PUBLIC}/groups/${group.id}/join`)).headers['set-cookie'];
    const cookie = String(member).split(';')[0] ?? '';
    expect((await get(`${PUBLIC}/post-media/${image.id}`, cookie)).statusCode).toBe(200);
  });

  it('edits a draft’s media: reorders, drops, and refuses another officer’s unsent upload', async () => {
    const a = await photo();
    const b = await pdf();
    const post = await draft(env, desk, { mediaIds: [a.id, b.id] });
    const patch = (body: object, cookie = desk.officer) =>
      call(env, cookie, 'PATCH', `${CONSOLE}/posts/${post.id}`, body);
    const reordered = await patch({ mediaIds: [b.id, a.id] });
    expect(reordered.json<ConsolePost>().media.map((m) => m.id)).toEqual([b.id, a.id]);
    const dropped = await patch({ mediaIds: [b.id] });
    expect(dropped.json<ConsolePost>().media.map((m) => m.id)).toEqual([b.id]);
    const back = await patch({ mediaIds: [a.id, b.id] });
    expect(back.json<ConsolePost>().media.map((m) => m.id)).toEqual([a.id, b.id]);
    const othersUpload = await photo(desk, desk.owner);
    expect((await get(othersUpload.url, desk.officer)).statusCode).toBe(404);
    const refused = await patch({ mediaIds: [othersUpload.id] });
    expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([400, 'invalid_media']);
  });

  describe('bad input: problem+json and nothing stored', () => {
    const cases: [string, () => Promise<Part>, number, string][] = [
      [
        'an executable named .jpg',
        () => Promise.resolve({ filename: 'anh.jpg', type: 'image/jpeg', data: exeBytes() }),
        415,
        'type_mismatch',
      ],
      [
        'an HTML page declared image/jpeg',
        () =>
          Promise.resolve({
            filename: 'anh.jpg',
            type: 'image/jpeg',
            data: '<!doctype html><html><script>alert(document.cookie)</script></html>',
          }),
        415,
        'type_mismatch',
      ],
      [
        'a PDF named .mp3',
        () => Promise.resolve({ filename: 'loa.mp3', type: 'audio/mpeg', data: pdfBytes() }),
        415,
        'type_mismatch',
      ],
      [
        'a file over 10 MB',
        () =>
          Promise.resolve({
            filename: 'lon.pdf',
            type: 'application/pdf',
            data: Buffer.concat([pdfBytes(), Buffer.alloc(MAX_ATTACHMENT_BYTES)]),
          }),
        413,
        'file_too_large',
      ],
      [
        'an empty file',
        () => Promise.resolve({ filename: 'a.pdf', type: 'application/pdf', data: '' }),
        400,
        'empty_file',
      ],
    ];
    it.each(cases)('refuses %s', async (_name, part, status, code) => {
      const before = await snapshot();
      const res = await upload(desk, await part());
      expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([status, code]);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses uploads to another unit (404) and to a unit that does not publish (400)', async () => {
      const before = await snapshot();
      const part = { filename: 'a.pdf', type: 'application/pdf', data: pdfBytes() };
      expect((await upload(other, part, desk.officer)).statusCode).toBe(404);
      expect((await upload(other, part, '')).statusCode).toBe(401);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses posts whose media, transcript or link are wrong', async () => {
      const image = await photo();
      const audio = await clip();
      const audio2 = await clip();
      const foreign = await photo(other);
      const taken = await photo();
      await draft(env, desk, { mediaIds: [taken.id] });
      const before = await snapshot();
      const valid = { title: 'Tiêu đề', body: 'Nội dung', category: 'law' };
      const cases: [string, object, string][] = [
        ['audio without transcript', { mediaIds: [audio.id] }, 'transcript_required'],
        ['transcript without audio', { mediaIds: [image.id], audioTranscript: 'Lời' }, 'transcript_without_audio'],
        ['two audio clips', { mediaIds: [audio.id, audio2.id], audioTranscript: 'Lời' }, 'too_many_media'],
        ['a medium of another unit', { mediaIds: [foreign.id] }, 'invalid_media'],
        ['a medium of another post', { mediaIds: [image.id, taken.id] }, 'invalid_media'],
        ['an unknown medium', { mediaIds: ['no-such-media'] }, 'invalid_media'],
        ['a medium twice', { mediaIds: [image.id, image.id] }, 'validation_failed'],
        ['a javascript: link', { linkUrl: 'javascript:alert(1)' }, 'validation_failed'],
        ['a data: link', { linkUrl: 'data:text/html,<script>alert(1)</script>' }, 'validation_failed'],
        ['a link with a user name', { linkUrl: 'https://congan.gov.vn@lure.example/' }, 'validation_failed'],
        ['not a link', { linkUrl: 'congan phường' }, 'validation_failed'],
      ];
      for (const [name, fields, code] of cases) {
        const res = await call(env, desk.officer, 'POST', `${CONSOLE}/units/${desk.unitId}/posts`, {
          ...valid,
          ...fields,
        });
        expect([res.statusCode, res.json<{ code: string }>().code], name).toEqual([400, code]);
        expect(res.headers['content-type'], name).toContain('application/problem+json');
      }
      expect(await snapshot()).toEqual(before);
      const post = await draft(env, desk, { mediaIds: [audio.id], audioTranscript: 'Lời thông báo' });
      const mid = await snapshot();
      const patches: [string, object, string][] = [
        ['dropping the transcript of its audio', { audioTranscript: null }, 'transcript_required'],
        ['a medium of another unit', { mediaIds: [audio.id, foreign.id] }, 'invalid_media'],
        ['a javascript: link', { linkUrl: 'javascript:alert(1)' }, 'validation_failed'],
      ];
      for (const [name, fields, code] of patches) {
        const res = await call(env, desk.officer, 'PATCH', `${CONSOLE}/posts/${post.id}`, fields);
        expect([res.statusCode, res.json<{ code: string }>().code], name).toEqual([400, code]);
      }
      expect(await snapshot()).toEqual(mid);
    });
  });
});

/** The start of a Windows executable (an MZ header pointing at a PE signature). */
function exeBytes(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0);
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'binary');
  return b;
}
