import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../contracts/conversations.js';
import { newId } from '../../lib/ids.js';
import { pdfBytes } from '../../test/uploads.js';
import { attachmentsForMessages, claimAttachments } from './attachments.service.js';
import { CONSOLE, useAttachmentsFixture } from './attachments.fixture.js';

const fx = useAttachmentsFixture();

describe('claimAttachments', () => {
  async function draft(who: string): Promise<string> {
    return (await fx.residentUpload(who, [{ filename: 'a.pdf', data: pdfBytes() }])).json<Attachment>().id;
  }

  it('attaches the uploads to the message, and attachmentsForMessages lists them for each audience', async () => {
    const r1 = fx.residents.r1;
    if (!r1) throw new Error('r1');
    const ids = [await draft('r1'), await draft('r1')];
    const messageId = await fx.message(r1.conversationId, fx.unitA.id);
    await fx.env.ctx.database.transaction((trx) =>
      claimAttachments(trx, {
        conversationId: r1.conversationId,
        unitId: fx.unitA.id,
        messageId,
        attachmentIds: ids,
        uploader: { residentId: r1.id },
      }),
    );
    const pub = await attachmentsForMessages(fx.env.ctx.database.db, [messageId, 'none'], 'public');
    expect(pub.get(messageId)?.map((a) => a.id)).toEqual(ids);
    expect(pub.get('none')).toBeUndefined();
    const con = await attachmentsForMessages(fx.env.ctx.database.db, [messageId], 'console');
    expect(con.get(messageId)?.[0]?.url).toBe(`${CONSOLE}/attachments/${ids[0]}`);
  });

  it('refuses unknown ids, another conversation’s or uploader’s uploads and ones already attached, changing nothing', async () => {
    const r1 = fx.residents.r1;
    const r2 = fx.residents.r2;
    if (!r1 || !r2) throw new Error('fx.residents');
    const mine = await draft('r1');
    const theirs = await draft('r2');
    const attached = await draft('r1');
    const first = await fx.message(r1.conversationId, fx.unitA.id);
    await fx.env.ctx.database.transaction((trx) =>
      claimAttachments(trx, {
        conversationId: r1.conversationId,
        unitId: fx.unitA.id,
        messageId: first,
        attachmentIds: [attached],
        uploader: { residentId: r1.id },
      }),
    );
    const messageId = await fx.message(r1.conversationId, fx.unitA.id);
    const base = { conversationId: r1.conversationId, unitId: fx.unitA.id, messageId, uploader: { residentId: r1.id } };
    const cases: {
      attachmentIds: string[];
      uploader?: { residentId?: string; officerId?: string };
      unitId?: string;
    }[] = [
      { attachmentIds: [mine, newId()] },
      { attachmentIds: [mine, theirs] },
      { attachmentIds: [mine, attached] },
      { attachmentIds: [mine], uploader: { officerId: fx.officerAId } },
      { attachmentIds: [mine], uploader: { residentId: r2.id } },
      { attachmentIds: [mine], uploader: {} },
      { attachmentIds: [mine], unitId: fx.unitB.id },
    ];
    for (const c of cases) {
      await expect(
        fx.env.ctx.database.transaction((trx) => claimAttachments(trx, { ...base, ...c })),
        JSON.stringify(c),
      ).rejects.toMatchObject({ kind: 'invalid', code: 'invalid_attachment' });
    }
    const rows = await fx.env.ctx.database.db
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
