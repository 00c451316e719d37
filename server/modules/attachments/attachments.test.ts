import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../contracts/conversations.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { BOUNDARY, multipart, pdfBytes, type Part } from '../../test/uploads.js';
import { attachmentsForMessages, claimAttachments } from './attachments.service.js';

// Residents and conversations are written straight to their tables, so these tests need nothing
// from the conversations module's services.

const PUBLIC = '/api/v1/public';
const CONSOLE = '/api/v1/console';

function wavBytes(): Buffer {
  const b = Buffer.alloc(44 + 800);
  b.write('RIFF', 0);
  b.writeUInt32LE(b.length - 8, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(8000, 28);
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write('data', 36);
  b.writeUInt32LE(800, 40);
  return b;
}

/** A real JPEG, 400×200 as stored but tagged "rotate 90°", with a GPS position in its EXIF. */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '18/1 20/1 30/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A PNG whose header claims 100 000 × 100 000 pixels: a decompression bomb by its own account. */
async function pngBomb(): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: 'white' } })
    .png()
    .toBuffer();
  const ihdr = 8; // the IHDR chunk follows the signature: length(4) type(4) data(13) crc(4)
  png.writeUInt32BE(100_000, ihdr + 8);
  png.writeUInt32BE(100_000, ihdr + 12);
  png.writeUInt32BE(crc32(png.subarray(ihdr + 4, ihdr + 8 + 13)) >>> 0, ihdr + 8 + 13);
  return png;
}

describe('attachments', () => {
  let env: TestEnv;
  let unitA: { id: string; path: string };
  let unitB: { id: string; path: string };
  const cookies: Record<string, string> = {};
  const residents: Record<string, { id: string; cookie: string; conversationId: string }> = {};
  let officerAId: string;

  async function resident(unitId: string): Promise<{ id: string; cookie: string; conversationId: string }> {
    const token = randomToken();
    const id = newId();
    const now = env.clock.now();
    const conversationId = newId();
    await env.ctx.database.transaction(async (db) => {
      await db
        .insertInto('residents')
        .values({ id, tokenHash: sha256Hex(token), createdAt: now, updatedAt: now })
        .execute();
      await db
        .insertInto('conversations')
        .values({
          id: conversationId,
          unitId,
          residentId: id,
          channel: 'web',
          status: 'open',
          labels: '[]',
          unsureCount: 0,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    });
    return { id, cookie: `kn_resident=${token}`, conversationId };
  }

  async function message(conversationId: string, unitId: string, internal = false): Promise<string> {
    const id = newId();
    await env.ctx.database.transaction((trx) =>
      trx
        .insertInto('messages')
        .values({
          id,
          unitId,
          conversationId,
          author: internal ? 'officer' : 'resident',
          text: '',
          internal: internal ? 1 : 0,
          quickReplies: '[]',
          createdAt: env.clock.now(),
        })
        .execute(),
    );
    return id;
  }

  function upload(url: string, cookie: string, parts: Part[]) {
    const body = multipart(parts);
    return env.app.inject({ method: 'POST', url, headers: { ...body.headers, cookie }, payload: body.payload });
  }

  function residentUpload(who: string, parts: Part[]) {
    const r = residents[who];
    if (!r) throw new Error(who);
    return upload(`${PUBLIC}/conversations/${r.conversationId}/attachments`, r.cookie, parts);
  }

  async function storedFiles(): Promise<string[]> {
    const root = path.join(env.dataDir, 'files');
    if (!fs.existsSync(root)) return [];
    return (await fs.promises.readdir(root, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => d.name);
  }

  async function rowCount(): Promise<number> {
    const r = await env.ctx.database.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  beforeAll(async () => {
    env = await createTestEnv();
    unitA = await unitBySlug(env, 'thach-trung');
    unitB = await unitBySlug(env, 'dai-nai');
    const officerA = await createOfficer(env, 'officer', 'thach-trung');
    officerAId = officerA.id;
    cookies.officerA = await signIn(env, officerA);
    cookies.officerA2 = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    cookies.officerB = await signIn(env, await createOfficer(env, 'owner', 'dai-nai'));
    cookies.supervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tp-ha-tinh'));
    residents.r1 = await resident(unitA.id);
    residents.r2 = await resident(unitA.id);
  });
  afterAll(async () => env.close());

  describe('uploads', () => {
    it('re-encodes a photo upright, without EXIF (no GPS), and makes a thumbnail', async () => {
      const res = await residentUpload('r1', [
        { filename: 'ảnh hiện trường.jpg', type: 'image/jpeg', data: await jpegWithGps() },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const a = res.json<Attachment>();
      expect(a).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', name: 'ảnh hiện trường.jpg' });
      expect(a.url).toBe(`${PUBLIC}/attachments/${a.id}`);
      expect(a.thumbnailUrl).toBe(`${PUBLIC}/attachments/${a.id}/thumbnail`);

      const original = await env.app.inject({ url: a.url, headers: { cookie: residents.r1?.cookie ?? '' } });
      expect(original.statusCode).toBe(200);
      expect(original.headers['content-type']).toBe('image/jpeg');
      expect(original.headers['x-content-type-options']).toBe('nosniff');
      expect(original.headers['cache-control']).toMatch(/^private/);
      expect(original.headers['content-disposition']).toBe(
        `inline; filename="anh hien truong.jpg"; filename*=UTF-8''${encodeURIComponent('ảnh hiện trường.jpg')}`,
      );
      const meta = await sharp(original.rawPayload).metadata();
      expect(meta.exif).toBeUndefined();
      expect(original.rawPayload.includes('TestCam')).toBe(false);
      expect([meta.width, meta.height]).toEqual([200, 400]);
      expect(a.sizeBytes).toBe(original.rawPayload.length);

      const thumb = await env.app.inject({
        url: a.thumbnailUrl ?? '',
        headers: { cookie: residents.r1?.cookie ?? '' },
      });
      expect(thumb.statusCode).toBe(200);
      const tmeta = await sharp(thumb.rawPayload).metadata();
      expect(Math.max(tmeta.width, tmeta.height)).toBe(320);
      expect(tmeta.exif).toBeUndefined();

      const row = await env.ctx.database.db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        unitId: unitA.id,
        messageId: null,
        uploaderResidentId: residents.r1?.id,
        width: 200,
        height: 400,
      });
    });

    it('accepts a PNG (transparent ones become WebP) and bounds large photos to 2048 px', async () => {
      const png = await sharp({
        create: { width: 3000, height: 1000, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
      })
        .png()
        .toBuffer();
      const res = await residentUpload('r1', [{ filename: 'so-do.png', type: 'image/png', data: png }]);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Attachment>()).toMatchObject({ kind: 'image', mimeType: 'image/webp', name: 'so-do.webp' });
      const row = await env.ctx.database.db
        .selectFrom('attachments')
        .select(['width', 'height'])
        .where('id', '=', res.json<Attachment>().id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ width: 2048, height: 683 });
    });

    it('stores a PDF as it is and serves it as a download', async () => {
      const res = await residentUpload('r1', [
        { filename: 'đơn trình báo.pdf', type: 'application/pdf', data: pdfBytes() },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const a = res.json<Attachment>();
      expect(a).toMatchObject({
        kind: 'file',
        mimeType: 'application/pdf',
        sizeBytes: pdfBytes().length,
        thumbnailUrl: null,
      });
      const got = await env.app.inject({ url: a.url, headers: { cookie: residents.r1?.cookie ?? '' } });
      expect(got.rawPayload.equals(pdfBytes())).toBe(true);
      expect(got.headers['content-disposition']).toMatch(
        /^attachment; filename="don trinh bao.pdf"; filename\*=UTF-8''/,
      );
      const thumb = await env.app.inject({
        url: `${a.url}/thumbnail`,
        headers: { cookie: residents.r1?.cookie ?? '' },
      });
      expect(thumb.statusCode).toBe(404);
    });

    it('accepts a voice note with no name or type, served inline', async () => {
      const res = await residentUpload('r1', [{ filename: 'blob', data: wavBytes() }]);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Attachment>()).toMatchObject({ kind: 'audio', mimeType: 'audio/wav', name: 'blob.wav' });
    });

    it.each([
      [
        'an EXE renamed .jpg',
        { filename: 'anh.jpg', data: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(300)]) },
        'type_mismatch',
      ],
      [
        'an HTML page declared image/jpeg',
        { filename: 'anh', type: 'image/jpeg', data: '<!doctype html><script>alert(1)</script>' },
        'type_mismatch',
      ],
      ['a PNG named .jpg', { filename: 'anh.jpg', data: 'PNG' }, 'type_mismatch'],
      ['a PDF declared as audio', { filename: 'x.pdf', type: 'audio/mpeg', data: pdfBytes() }, 'type_mismatch'],
      [
        'an HTML page',
        { filename: 'trang.html', type: 'text/html', data: '<html><body>hi</body></html>' },
        'unsupported_type',
      ],
      [
        'an EXE',
        { filename: 'setup.exe', data: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(300)]) },
        'unsupported_type',
      ],
    ])('refuses %s with 415 and stores nothing', async (_label, part, code) => {
      const data =
        part.data === 'PNG'
          ? await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } })
              .png()
              .toBuffer()
          : part.data;
      const rows = await rowCount();
      const files = await storedFiles();
      const res = await residentUpload('r1', [{ ...part, data }]);
      expect(res.statusCode, res.body).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json<{ code: string }>().code).toBe(code);
      expect(await rowCount()).toBe(rows);
      expect(await storedFiles()).toEqual(files);
    });

    it('refuses an image that claims too many pixels (decompression bomb) with 422', async () => {
      const res = await residentUpload('r1', [{ filename: 'bom.png', type: 'image/png', data: await pngBomb() }]);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<{ code: string }>().code).toBe('image_too_large');
    });

    it('answers 400 without a file, or with the file in another field, or with an empty file', async () => {
      const none = await residentUpload('r1', [{ name: 'caption', data: 'xin chào' }]);
      expect([none.statusCode, none.json<{ code: string }>().code]).toEqual([400, 'no_file']);
      const other = await residentUpload('r1', [{ name: 'photo', filename: 'a.pdf', data: pdfBytes() }]);
      expect([other.statusCode, other.json<{ code: string }>().code]).toEqual([400, 'no_file']);
      const empty = await residentUpload('r1', [{ filename: 'a.pdf', data: Buffer.alloc(0) }]);
      expect([empty.statusCode, empty.json<{ code: string }>().code]).toEqual([400, 'empty_file']);
      const json = await env.app.inject({
        method: 'POST',
        url: `${PUBLIC}/conversations/${residents.r1?.conversationId}/attachments`,
        headers: { cookie: residents.r1?.cookie ?? '' },
        payload: { file: 'x' },
      });
      expect(json.statusCode).toBe(415);
    });

    it('refuses 11 MB with 413 file_too_large and stores nothing', async () => {
      const rows = await rowCount();
      const files = await storedFiles();
      const big = Buffer.concat([pdfBytes(), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
      const res = await residentUpload('r1', [{ filename: 'lon.pdf', type: 'application/pdf', data: big }]);
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json<{ code: string }>().code).toBe('file_too_large');
      expect(await rowCount()).toBe(rows);
      expect(await storedFiles()).toEqual(files);
    });

    it('refuses a 50 MB upload streamed over a real socket at the cap, long before it is all sent', async () => {
      const r1 = residents.r1;
      if (!r1) throw new Error('r1');
      const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
      const total = 50 * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      let answered = false;
      const started = Date.now();
      const result = await new Promise<{ status: number; body: string; sentWhenAnswered: number }>(
        (resolve, reject) => {
          const req = http.request(
            `${address}${PUBLIC}/conversations/${r1.conversationId}/attachments`,
            {
              method: 'POST',
              // Chunked: no Content-Length, so only the streaming limit can stop it.
              headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, cookie: r1.cookie },
            },
            (res) => {
              answered = true;
              const sentWhenAnswered = sent;
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (d: string) => (body += d));
              res.on('end', () => {
                // A client that reads the early answer stops sending.
                req.destroy();
                resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered });
              });
            },
          );
          req.on('error', (err) => (answered ? undefined : reject(err)));
          req.write(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="lon.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
          );
          req.write(pdfBytes());
          // One chunk at a time, yielding to the event loop, as a slow phone would send it.
          const pump = (): void => {
            if (req.destroyed || answered) return;
            if (sent >= total) {
              req.end(`\r\n--${BOUNDARY}--\r\n`);
              return;
            }
            sent += chunk.length;
            if (req.write(chunk)) setImmediate(pump);
            else req.once('drain', pump);
          };
          req.on('socket', (socket) => socket.once('connect', pump));
        },
      );
      expect(result.status, result.body).toBe(413);
      expect(JSON.parse(result.body)).toMatchObject({ code: 'file_too_large' });
      expect(result.sentWhenAnswered).toBeLessThan(25 * 1024 * 1024);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await storedFiles()).not.toContain('lon.pdf');
    });

    it('refuses a body declared as 50 MB before reading it', async () => {
      const r1 = residents.r1;
      if (!r1) throw new Error('r1');
      const res = await env.app.inject({
        method: 'POST',
        url: `${PUBLIC}/conversations/${r1.conversationId}/attachments`,
        headers: {
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': String(50 * 1024 * 1024),
          cookie: r1.cookie,
        },
        payload: Readable.from([Buffer.alloc(16)]),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json<{ code: string }>().code).toBe('file_too_large');
    });
  });

  describe('who may upload and download', () => {
    let sent: Attachment;

    beforeAll(async () => {
      const res = await residentUpload('r1', [{ filename: 'a.pdf', data: pdfBytes() }]);
      sent = res.json<Attachment>();
      const messageId = await message(residents.r1?.conversationId ?? '', unitA.id);
      await env.ctx.database.transaction((trx) =>
        claimAttachments(trx, {
          conversationId: residents.r1?.conversationId ?? '',
          unitId: unitA.id,
          messageId,
          attachmentIds: [sent.id],
          uploader: { residentId: residents.r1?.id ?? '' },
        }),
      );
    });

    it('another resident, or nobody, gets 404 on upload and download', async () => {
      const r1 = residents.r1;
      const r2 = residents.r2;
      if (!r1 || !r2) throw new Error('residents');
      for (const cookie of [r2.cookie, '', 'kn_resident=forged']) {
        const up = await upload(`${PUBLIC}/conversations/${r1.conversationId}/attachments`, cookie, [
          { filename: 'a.pdf', data: pdfBytes() },
        ]);
        expect(up.statusCode).toBe(404);
        const down = await env.app.inject({ url: `${PUBLIC}/attachments/${sent.id}`, headers: { cookie } });
        expect(down.statusCode).toBe(404);
      }
    });

    it('officers of the unit and its supervisor download it; officers of another unit get 404', async () => {
      const url = `${CONSOLE}/attachments/${sent.id}`;
      for (const who of ['officerA', 'officerA2', 'supervisor']) {
        expect((await env.app.inject({ url, headers: { cookie: cookies[who] ?? '' } })).statusCode, who).toBe(200);
      }
      expect((await env.app.inject({ url, headers: { cookie: cookies.officerB ?? '' } })).statusCode).toBe(404);
      expect((await env.app.inject({ url })).statusCode).toBe(401);
    });

    it('officers of the unit upload; another unit gets 404 and a supervisor 403', async () => {
      const url = `${CONSOLE}/conversations/${residents.r1?.conversationId}/attachments`;
      const ok = await upload(url, cookies.officerA ?? '', [{ filename: 'giay-hen.pdf', data: pdfBytes() }]);
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json<Attachment>().url).toBe(`${CONSOLE}/attachments/${ok.json<Attachment>().id}`);
      expect((await upload(url, cookies.officerB ?? '', [{ filename: 'a.pdf', data: pdfBytes() }])).statusCode).toBe(
        404,
      );
      expect((await upload(url, cookies.supervisor ?? '', [{ filename: 'a.pdf', data: pdfBytes() }])).statusCode).toBe(
        403,
      );
    });

    it('an unsent upload is seen only by its uploader; an internal note’s file never by the resident', async () => {
      const r1 = residents.r1;
      if (!r1) throw new Error('r1');
      const draft = (await residentUpload('r1', [{ filename: 'nhap.pdf', data: pdfBytes() }])).json<Attachment>();
      expect((await env.app.inject({ url: draft.url, headers: { cookie: r1.cookie } })).statusCode).toBe(200);
      expect(
        (
          await env.app.inject({
            url: `${CONSOLE}/attachments/${draft.id}`,
            headers: { cookie: cookies.officerA ?? '' },
          })
        ).statusCode,
      ).toBe(404);

      const url = `${CONSOLE}/conversations/${r1.conversationId}/attachments`;
      const note = (
        await upload(url, cookies.officerA ?? '', [{ filename: 'ghi-chu.pdf', data: pdfBytes() }])
      ).json<Attachment>();
      const noteUrl = `${CONSOLE}/attachments/${note.id}`;
      expect((await env.app.inject({ url: noteUrl, headers: { cookie: cookies.officerA2 ?? '' } })).statusCode).toBe(
        404,
      );
      const noteMessageId = await message(r1.conversationId, unitA.id, true);
      await env.ctx.database.transaction((trx) =>
        claimAttachments(trx, {
          conversationId: r1.conversationId,
          unitId: unitA.id,
          messageId: noteMessageId,
          attachmentIds: [note.id],
          uploader: { officerId: officerAId },
        }),
      );
      expect((await env.app.inject({ url: noteUrl, headers: { cookie: cookies.officerA2 ?? '' } })).statusCode).toBe(
        200,
      );
      expect(
        (await env.app.inject({ url: `${PUBLIC}/attachments/${note.id}`, headers: { cookie: r1.cookie } })).statusCode,
      ).toBe(404);
    });
  });

  describe('claimAttachments', () => {
    async function draft(who: string): Promise<string> {
      return (await residentUpload(who, [{ filename: 'a.pdf', data: pdfBytes() }])).json<Attachment>().id;
    }

    it('attaches the uploads to the message, and attachmentsForMessages lists them for each audience', async () => {
      const r1 = residents.r1;
      if (!r1) throw new Error('r1');
      const ids = [await draft('r1'), await draft('r1')];
      const messageId = await message(r1.conversationId, unitA.id);
      await env.ctx.database.transaction((trx) =>
        claimAttachments(trx, {
          conversationId: r1.conversationId,
          unitId: unitA.id,
          messageId,
          attachmentIds: ids,
          uploader: { residentId: r1.id },
        }),
      );
      const pub = await attachmentsForMessages(env.ctx.database.db, [messageId, 'none'], 'public');
      expect(pub.get(messageId)?.map((a) => a.id)).toEqual(ids);
      expect(pub.get('none')).toBeUndefined();
      const con = await attachmentsForMessages(env.ctx.database.db, [messageId], 'console');
      expect(con.get(messageId)?.[0]?.url).toBe(`${CONSOLE}/attachments/${ids[0]}`);
    });

    it('refuses unknown ids, another conversation’s or uploader’s uploads and ones already attached, changing nothing', async () => {
      const r1 = residents.r1;
      const r2 = residents.r2;
      if (!r1 || !r2) throw new Error('residents');
      const mine = await draft('r1');
      const theirs = await draft('r2');
      const attached = await draft('r1');
      const first = await message(r1.conversationId, unitA.id);
      await env.ctx.database.transaction((trx) =>
        claimAttachments(trx, {
          conversationId: r1.conversationId,
          unitId: unitA.id,
          messageId: first,
          attachmentIds: [attached],
          uploader: { residentId: r1.id },
        }),
      );
      const messageId = await message(r1.conversationId, unitA.id);
      const base = { conversationId: r1.conversationId, unitId: unitA.id, messageId, uploader: { residentId: r1.id } };
      const cases: {
        attachmentIds: string[];
        uploader?: { residentId?: string; officerId?: string };
        unitId?: string;
      }[] = [
        { attachmentIds: [mine, newId()] },
        { attachmentIds: [mine, theirs] },
        { attachmentIds: [mine, attached] },
        { attachmentIds: [mine], uploader: { officerId: officerAId } },
        { attachmentIds: [mine], uploader: { residentId: r2.id } },
        { attachmentIds: [mine], uploader: {} },
        { attachmentIds: [mine], unitId: unitB.id },
      ];
      for (const c of cases) {
        await expect(
          env.ctx.database.transaction((trx) => claimAttachments(trx, { ...base, ...c })),
          JSON.stringify(c),
        ).rejects.toMatchObject({ status: 400, code: 'invalid_attachment' });
      }
      const rows = await env.ctx.database.db
        .selectFrom('attachments')
        .select(['id', 'messageId'])
        .where('id', 'in', [mine, theirs, attached])
        .execute();
      expect(Object.fromEntries(rows.map((r) => [r.id, r.messageId]))).toEqual({
        [mine]: null,
        [theirs]: null,
        [attached]: first,
      });
    });
  });
});
