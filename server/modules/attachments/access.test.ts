import { beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../contracts/conversations.js';
import { pdfBytes } from '../../test/uploads.js';
import { claimAttachments } from './attachments.service.js';
import { CONSOLE, PUBLIC, useAttachmentsFixture } from './attachments.fixture.js';

const fx = useAttachmentsFixture();

describe('who may upload and download', () => {
  let sent: Attachment;

  beforeAll(async () => {
    const res = await fx.residentUpload('r1', [{ filename: 'a.pdf', data: pdfBytes() }]);
    sent = res.json<Attachment>();
    const messageId = await fx.message(fx.residents.r1?.conversationId ?? '', fx.unitA.id);
    await fx.env.ctx.database.transaction((trx) =>
      claimAttachments(trx, {
        conversationId: fx.residents.r1?.conversationId ?? '',
        unitId: fx.unitA.id,
        messageId,
        attachmentIds: [sent.id],
        uploader: { residentId: fx.residents.r1?.id ?? '' },
      }),
    );
  });

  it('another resident, or nobody, gets 404 on upload and download', async () => {
    const r1 = fx.residents.r1;
    const r2 = fx.residents.r2;
    if (!r1 || !r2) throw new Error('fx.residents');
    for (const cookie of [r2.cookie, '', 'kn_resident=forged']) {
      const up = await fx.upload(`${PUBLIC}/conversations/${r1.conversationId}/attachments`, cookie, [
        { filename: 'a.pdf', data: pdfBytes() },
      ]);
      expect(up.statusCode).toBe(404);
      const down = await fx.env.app.inject({ url: `${PUBLIC}/attachments/${sent.id}`, headers: { cookie } });
      expect(down.statusCode).toBe(404);
    }
  });

  it('officers of the unit and its supervisor download it; officers of another unit get 404', async () => {
    const url = `${CONSOLE}/attachments/${sent.id}`;
    for (const who of ['officerA', 'officerA2', 'supervisor']) {
      expect((await fx.env.app.inject({ url, headers: { cookie: fx.cookies[who] ?? '' } })).statusCode, who).toBe(200);
    }
    expect((await fx.env.app.inject({ url, headers: { cookie: fx.cookies.officerB ?? '' } })).statusCode).toBe(404);
    expect((await fx.env.app.inject({ url })).statusCode).toBe(401);
  });

  it('officers of the unit upload; another unit gets 404 and a supervisor 403', async () => {
    const url = `${CONSOLE}/conversations/${fx.residents.r1?.conversationId}/attachments`;
    const ok = await fx.upload(url, fx.cookies.officerA ?? '', [{ filename: 'giay-hen.pdf', data: pdfBytes() }]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<Attachment>().url).toBe(`${CONSOLE}/attachments/${ok.json<Attachment>().id}`);
    expect(
      (await fx.upload(url, fx.cookies.officerB ?? '', [{ filename: 'a.pdf', data: pdfBytes() }])).statusCode,
    ).toBe(404);
    expect(
      (await fx.upload(url, fx.cookies.supervisor ?? '', [{ filename: 'a.pdf', data: pdfBytes() }])).statusCode,
    ).toBe(403);
  });

  it('an unsent upload is seen only by its uploader; an internal note’s file never by the resident', async () => {
    const r1 = fx.residents.r1;
    if (!r1) throw new Error('r1');
    const draft = (await fx.residentUpload('r1', [{ filename: 'nhap.pdf', data: pdfBytes() }])).json<Attachment>();
    expect((await fx.env.app.inject({ url: draft.url, headers: { cookie: r1.cookie } })).statusCode).toBe(200);
    expect(
      (
        await fx.env.app.inject({
          url: `${CONSOLE}/attachments/${draft.id}`,
          headers: { cookie: fx.cookies.officerA ?? '' },
        })
      ).statusCode,
    ).toBe(404);

    const url = `${CONSOLE}/conversations/${r1.conversationId}/attachments`;
    const note = (
      await fx.upload(url, fx.cookies.officerA ?? '', [{ filename: 'ghi-chu.pdf', data: pdfBytes() }])
    ).json<Attachment>();
    const noteUrl = `${CONSOLE}/attachments/${note.id}`;
    expect(
      (await fx.env.app.inject({ url: noteUrl, headers: { cookie: fx.cookies.officerA2 ?? '' } })).statusCode,
    ).toBe(404);
    const noteMessageId = await fx.message(r1.conversationId, fx.unitA.id, true);
    await fx.env.ctx.database.transaction((trx) =>
      claimAttachments(trx, {
        conversationId: r1.conversationId,
        unitId: fx.unitA.id,
        messageId: noteMessageId,
        attachmentIds: [note.id],
        uploader: { officerId: fx.officerAId },
      }),
    );
    expect(
      (await fx.env.app.inject({ url: noteUrl, headers: { cookie: fx.cookies.officerA2 ?? '' } })).statusCode,
    ).toBe(200);
    expect(
      (await fx.env.app.inject({ url: `${PUBLIC}/attachments/${note.id}`, headers: { cookie: r1.cookie } })).statusCode,
    ).toBe(404);
  });
});
