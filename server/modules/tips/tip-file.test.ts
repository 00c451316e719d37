import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { pdfText } from '../../test/pdf-text.js';
import { CONSOLE, PUBLIC, sendTip, tipAction, tipIdOf } from '../../test/tips.js';
import { jpegWithGps, multipart } from '../../test/uploads.js';

// A tip's file as PDF for the case record, through the API: what it holds and never holds (the
// sealed identity), who may take it, and the audit entry every export leaves (the CSV list's too).

const PHONE = '0912 345 678';
const NAME = 'Nguyễn Văn Báo';

describe('tip file export', () => {
  let env: TestEnv;
  let officer: string;
  let supervisor: string;
  let outsider: string;
  let unitId: string;
  let id: string;
  let receiptCode: string;

  beforeAll(async () => {
    env = await createTestEnv();
    unitId = (await unitBySlug(env, 'thach-trung')).id;
    officer = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    supervisor = await signIn(env, await createOfficer(env, 'supervisor', 'tp-ha-tinh'));
    outsider = await signIn(env, await createOfficer(env, 'officer', 'dai-nai'));

    const body = multipart([{ filename: 'hien-truong.jpg', data: await jpegWithGps() }]);
    const up = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/units/thach-trung/tip-attachments`,
      headers: body.headers,
      payload: body.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    const photo = up.json<{ id: string; uploadToken: string }>();
    const sent = await sendTip(env, 'thach-trung', {
      category: 'theft',
      description: 'Xe máy bị lấy trộm trước cổng chợ Thạch Trung.',
      place: { address: 'Cổng chợ Thạch Trung' },
      anonymous: false,
      contact: { name: NAME, phone: PHONE },
      attachments: [{ id: photo.id, uploadToken: photo.uploadToken }],
    });
    receiptCode = sent.receiptCode;
    id = await tipIdOf(env, receiptCode);
    expect(
      (await tipAction(env, officer, id, 'transition', { to: 'acknowledged', note: 'Đã ghi nhận' })).statusCode,
    ).toBe(200);
    expect((await tipAction(env, officer, id, 'messages', { text: 'Bạn còn nhớ biển số không?' })).statusCode).toBe(
      201,
    );
    expect(
      (await tipAction(env, officer, id, 'notes', { text: 'Camera nhà số 12 có thể đã ghi lại.' })).statusCode,
    ).toBe(201);
  });
  afterAll(async () => env.close());

  const pdfOf = (cookie: string) => env.app.inject({ url: `${CONSOLE}/tips/${id}/file.pdf`, headers: { cookie } });

  it("gives the unit's officer the tip's file as a PDF, with its photo, and never the reporter's identity", async () => {
    const res = await pdfOf(officer);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="ho-so-${receiptCode}.pdf"`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/Subtype /Image');
    const text = pdfText(pdf).join(' ').replace(/\s+/g, ' ');
    for (const expected of [
      receiptCode,
      'Trộm cắp',
      'Đã xác nhận',
      'Xe máy bị lấy trộm trước cổng chợ Thạch Trung.',
      'Cổng chợ Thạch Trung',
      'Người báo tin đã để lại danh tính',
      'Xác nhận tiếp nhận',
      'Đã ghi nhận',
      'Bạn còn nhớ biển số không?',
      'Camera nhà số 12 có thể đã ghi lại.',
      'hien-truong.jpg',
      'Trích xuất lúc',
    ]) {
      expect(text).toContain(expected);
    }
    for (const secret of [PHONE, '0912', NAME]) {
      expect(text).not.toContain(secret);
      expect(pdf.toString('latin1')).not.toContain(secret);
    }
  });

  it('audits every export; another unit gets 404, a supervisor above gets the file', async () => {
    expect((await pdfOf(outsider)).statusCode).toBe(404);
    expect((await pdfOf(supervisor)).statusCode).toBe(200);
    const csv = await env.app.inject({ url: `${CONSOLE}/units/${unitId}/tips.csv`, headers: { cookie: officer } });
    expect(csv.statusCode).toBe(200);
    const rows = await env.ctx.database.db
      .selectFrom('auditLog')
      .select(['action', 'targetType', 'targetId', 'details'])
      .where('action', '=', 'tip.export')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.targetType, r.targetId])).toEqual([
      ['tip', id],
      ['tip', id],
      ['unit', unitId],
    ]);
    expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({ receiptCode, format: 'pdf' });
    expect(JSON.parse(rows[2]?.details ?? '{}')).toEqual({ format: 'csv', status: null, count: 1 });
  });
});
