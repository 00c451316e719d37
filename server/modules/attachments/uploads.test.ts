import http from 'node:http';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../contracts/conversations.js';
import { BOUNDARY, jpegWithGps, multipart, pdfBytes, wavBytes } from '../../test/uploads.js';
import { CONSOLE, PUBLIC, useAttachmentsFixture } from './attachments.fixture.js';

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

const fx = useAttachmentsFixture();

describe('uploads', () => {
  it('re-encodes a photo upright, without EXIF (no GPS), and makes a thumbnail', async () => {
    const res = await fx.residentUpload('r1', [
      { filename: 'ảnh hiện trường.jpg', type: 'image/jpeg', data: await jpegWithGps() },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Attachment>();
    expect(a).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', name: 'ảnh hiện trường.jpg' });
    expect(a.url).toBe(`${PUBLIC}/attachments/${a.id}`);
    expect(a.thumbnailUrl).toBe(`${PUBLIC}/attachments/${a.id}/thumbnail`);

    const original = await fx.env.app.inject({ url: a.url, headers: { cookie: fx.residents.r1?.cookie ?? '' } });
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

    const thumb = await fx.env.app.inject({
      url: a.thumbnailUrl ?? '',
      headers: { cookie: fx.residents.r1?.cookie ?? '' },
    });
    expect(thumb.statusCode).toBe(200);
    const tmeta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(tmeta.width, tmeta.height)).toBe(320);
    expect(tmeta.exif).toBeUndefined();

    const row = await fx.env.ctx.database.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      unitId: fx.unitA.id,
      messageId: null,
      uploaderResidentId: fx.residents.r1?.id,
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
    const res = await fx.residentUpload('r1', [{ filename: 'so-do.png', type: 'image/png', data: png }]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Attachment>()).toMatchObject({ kind: 'image', mimeType: 'image/webp', name: 'so-do.webp' });
    const row = await fx.env.ctx.database.db
      .selectFrom('attachments')
      .select(['width', 'height'])
      .where('id', '=', res.json<Attachment>().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ width: 2048, height: 683 });
  });

  it('stores a PDF as it is and serves it as a download', async () => {
    const res = await fx.residentUpload('r1', [
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
    const got = await fx.env.app.inject({ url: a.url, headers: { cookie: fx.residents.r1?.cookie ?? '' } });
    expect(got.rawPayload.equals(pdfBytes())).toBe(true);
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="don trinh bao.pdf"; filename\*=UTF-8''/);
    const thumb = await fx.env.app.inject({
      url: `${a.url}/thumbnail`,
      headers: { cookie: fx.residents.r1?.cookie ?? '' },
    });
    expect(thumb.statusCode).toBe(404);
  });

  it('accepts a voice note with no name or type, served inline', async () => {
    const res = await fx.residentUpload('r1', [{ filename: 'blob', data: wavBytes() }]);
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
    const rows = await fx.rowCount();
    const files = await fx.storedFiles();
    const res = await fx.residentUpload('r1', [{ ...part, data }]);
    expect(res.statusCode, res.body).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json<{ code: string }>().code).toBe(code);
    expect(await fx.rowCount()).toBe(rows);
    expect(await fx.storedFiles()).toEqual(files);
  });

  it('refuses an image that claims too many pixels (decompression bomb) with 422', async () => {
    const res = await fx.residentUpload('r1', [{ filename: 'bom.png', type: 'image/png', data: await pngBomb() }]);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ code: string }>().code).toBe('image_too_large');
  });

  it('answers 400 without a file, or with the file in another field, or with an empty file', async () => {
    const none = await fx.residentUpload('r1', [{ name: 'caption', data: 'xin chào' }]);
    expect([none.statusCode, none.json<{ code: string }>().code]).toEqual([400, 'no_file']);
    const other = await fx.residentUpload('r1', [{ name: 'photo', filename: 'a.pdf', data: pdfBytes() }]);
    expect([other.statusCode, other.json<{ code: string }>().code]).toEqual([400, 'no_file']);
    const empty = await fx.residentUpload('r1', [{ filename: 'a.pdf', data: Buffer.alloc(0) }]);
    expect([empty.statusCode, empty.json<{ code: string }>().code]).toEqual([400, 'empty_file']);
    const json = await fx.env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${fx.residents.r1?.conversationId}/attachments`,
      headers: { cookie: fx.residents.r1?.cookie ?? '' },
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('answers a multipart body cut off anywhere with 400 invalid_multipart, on both upload routes, and stores nothing', async () => {
    const r1 = fx.residents.r1;
    if (!r1) throw new Error('r1');
    const rows = await fx.rowCount();
    const files = await fx.storedFiles();
    const body = multipart([{ filename: 'a.pdf', type: 'application/pdf', data: pdfBytes() }]);
    const headerEnd = body.payload.indexOf('\r\n\r\n') + 4;
    // In the part's headers, in its data, in the closing delimiter, just before its final "--".
    const cuts = [20, headerEnd - 10, headerEnd + 10, body.payload.length - 10, body.payload.length - 4];
    const uploads = [
      { url: `${PUBLIC}/conversations/${r1.conversationId}/attachments`, cookie: r1.cookie },
      { url: `${CONSOLE}/conversations/${r1.conversationId}/attachments`, cookie: fx.cookies.officerA ?? '' },
    ];
    for (const { url, cookie } of uploads) {
      for (const cut of cuts) {
        const res = await fx.env.app.inject({
          method: 'POST',
          url,
          headers: { ...body.headers, cookie },
          payload: body.payload.subarray(0, cut),
        });
        expect([res.statusCode, res.json<{ code: string }>().code], `${url} cut at ${cut}: ${res.body}`).toEqual([
          400,
          'invalid_multipart',
        ]);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect(await fx.rowCount()).toBe(rows);
    expect(await fx.storedFiles()).toEqual(files);
  });

  it('refuses 11 MB with 413 file_too_large and stores nothing', async () => {
    const rows = await fx.rowCount();
    const files = await fx.storedFiles();
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const res = await fx.residentUpload('r1', [{ filename: 'lon.pdf', type: 'application/pdf', data: big }]);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json<{ code: string }>().code).toBe('file_too_large');
    expect(await fx.rowCount()).toBe(rows);
    expect(await fx.storedFiles()).toEqual(files);
  });

  it('refuses a 50 MB upload streamed over a real socket at the cap, long before it is all sent', async () => {
    const r1 = fx.residents.r1;
    if (!r1) throw new Error('r1');
    const address = await fx.env.app.listen({ port: 0, host: '127.0.0.1' });
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    const result = await new Promise<{ status: number; body: string; sentWhenAnswered: number }>((resolve, reject) => {
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
    });
    expect(result.status, result.body).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ code: 'file_too_large' });
    // Measured in bytes, not seconds: the client sends only as fast as the server reads.
    expect(result.sentWhenAnswered).toBeLessThan(25 * 1024 * 1024);
    expect(await fx.storedFiles()).not.toContain('lon.pdf');
  });

  it('refuses a body declared as 50 MB before reading it', async () => {
    const r1 = fx.residents.r1;
    if (!r1) throw new Error('r1');
    const res = await fx.env.app.inject({
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
