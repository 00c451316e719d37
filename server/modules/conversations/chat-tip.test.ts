import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../../contracts/assistant.js';
import type { Attachment, Message } from '../../../contracts/conversations.js';
import type { ConsoleTipSummary, PublicTip } from '../../../contracts/tips.js';
import { openAsResident, residentCookieOf, residentSays, type TestResident } from '../../test/conversations.js';
import { createOfficer, createTestEnv, signIn, unitBySlug, type TestEnv } from '../../test/helper.js';
import { CONSOLE, PUBLIC, readTip, tipIdOf, REPORTER_PHONE, REPORTER_PHONE_PATTERN } from '../../test/tips.js';
import { jpegWithGps, multipart, pdfBytes } from '../../test/uploads.js';

// A tip written in chat: the assistant offers the tip desk, and with the resident's consent the
// message becomes an identified tip of the conversation's unit, with a receipt code the chat records.

/** Read as a tip by the real classifier (a line of the assistant's dev set). */
const TIP = 'Nhà bên cạnh hát karaoke đến 12 giờ đêm, đã nhắc nhiều lần mà không được';

describe('tips from the chat', () => {
  let env: TestEnv;
  let unitId: string;

  beforeAll(async () => {
    env = await createTestEnv();
    unitId = (await unitBySlug(env, 'thach-trung')).id;
  });
  afterAll(async () => env.close());

  const sendFromChat = (r: TestResident, body: object, cookie = r.cookie, conversationId = r.conversationId) =>
    env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${conversationId}/tips`,
      headers: cookie ? { cookie } : {},
      payload: body,
    });

  const messagesOf = async (r: TestResident) => {
    const res = await env.app.inject({
      url: `${PUBLIC}/conversations/${r.conversationId}/messages`,
      headers: { cookie: r.cookie },
    });
    return res.json<{ items: Message[] }>().items;
  };

  /** A resident who has written the tip in chat, with the assistant's offer checked. */
  async function residentWithTip(): Promise<{ r: TestResident; messageId: string }> {
    const r = await openAsResident(env, 'thach-trung');
    const posted = await residentSays(env, r, TIP);
    expect(posted.conversation.handoverReason).toBe('tip');
    const offer = posted.replies.find((m) => m.author === 'bot');
    expect(offer?.actions).toEqual([{ kind: 'tip_form', messageId: posted.message.id }]);
    return { r, messageId: posted.message.id };
  }

  it('offers the tip desk on a tip written in chat, and nowhere else', async () => {
    const { r } = await residentWithTip();
    const question = await residentSays(env, await openAsResident(env, 'thach-trung'), 'làm căn cước cần gì');
    expect(question.replies.every((m) => m.actions.length === 0)).toBe(true);
    // The offer stays on the stored answer, for a chat opened later.
    expect((await messagesOf(r)).some((m) => m.actions.some((a) => a.kind === 'tip_form'))).toBe(true);
  });

  it('with consent, makes an identified tip of the unit with a receipt, recorded in the chat', async () => {
    const { r, messageId } = await residentWithTip();
    const profile = await env.app.inject({
      method: 'PATCH',
      url: `${PUBLIC}/me`,
      headers: { cookie: r.cookie },
      payload: { displayName: 'Nguyễn Văn A', phone: REPORTER_PHONE },
    });
    expect(profile.statusCode).toBe(200);
    const description = `${TIP}. Nhà số 12, thôn Trung Phú.`;
    const res = await sendFromChat(r, { messageId, category: 'public_order', description });
    expect(res.statusCode).toBe(201);
    const receipt = res.json<{ receiptCode: string; passphrase: string | null; status: string }>();
    expect(receipt).toMatchObject({ passphrase: null, status: 'received' });
    expect(receipt.receiptCode).toMatch(/^TB-[2-9A-HJKMNP-TV-Z]{8}$/);

    const row = await env.ctx.database.db
      .selectFrom('tips')
      .selectAll()
      .where('receiptCode', '=', receipt.receiptCode)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unitId, anonymous: 0, category: 'public_order', description, status: 'received' });

    // The chat says so, with the code, and the offer is spent.
    const sent = (await messagesOf(r)).find((m) => m.actions.some((a) => a.kind === 'tip_sent'));
    expect(sent?.author).toBe('system');
    expect(sent?.text).toContain(receipt.receiptCode);
    expect(sent?.actions).toEqual([{ kind: 'tip_sent', messageId, receiptCode: receipt.receiptCode }]);

    // The resident follows it up by their cookie, like any identified tip.
    const lookup = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/tips/lookup`,
      headers: { cookie: r.cookie },
      payload: { receiptCode: receipt.receiptCode },
    });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json<PublicTip>()).toMatchObject({ status: 'received', category: 'public_order' });

    // The unit's officers find it on the tip desk, its reporter's identity in the vault.
    const officer = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    const list = await env.app.inject({ url: `${CONSOLE}/units/${unitId}/tips`, headers: { cookie: officer } });
    const summary = list
      .json<{ items: ConsoleTipSummary[] }>()
      .items.find((t) => t.receiptCode === receipt.receiptCode);
    expect(summary).toMatchObject({ anonymous: false, identityLeft: true });
    const tip = await readTip(env, officer, await tipIdOf(env, receipt.receiptCode));
    expect(JSON.stringify(tip)).not.toMatch(REPORTER_PHONE_PATTERN);
  });

  it('sends a message once: a second consent is a conflict and makes no second tip', async () => {
    const { r, messageId } = await residentWithTip();
    const countTips = async () =>
      (await env.ctx.database.db.selectFrom('tips').select('id').where('unitId', '=', unitId).execute()).length;
    const before = await countTips();
    const body = { messageId, category: 'public_order', description: TIP };
    // Two at once (a double tap): the locked conversation lets one through.
    const [a, b] = await Promise.all([sendFromChat(r, body), sendFromChat(r, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const again = await sendFromChat(r, body);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('tip_already_sent');
    expect(await countTips()).toBe(before + 1);
    expect((await messagesOf(r)).filter((m) => m.actions.some((x) => x.kind === 'tip_sent'))).toHaveLength(1);
  });

  /** A file the resident uploads and sends in their conversation. */
  async function sendFile(r: TestResident, file: { filename: string; type: string; data: Buffer }): Promise<string> {
    const body = multipart([file]);
    const up = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${r.conversationId}/attachments`,
      headers: { ...body.headers, cookie: r.cookie },
      payload: body.payload,
    });
    expect(up.statusCode).toBe(201);
    const id = up.json<Attachment>().id;
    const sent = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/conversations/${r.conversationId}/messages`,
      headers: { cookie: r.cookie },
      payload: { clientId: `chat-tip-file-${id}`, text: '', attachmentIds: [id] },
    });
    expect(sent.statusCode).toBe(201);
    return id;
  }

  it("copies the resident's chosen chat files to the tip, and only their own sent files", async () => {
    const { r, messageId } = await residentWithTip();
    const photo = await sendFile(r, { filename: 'ảnh.jpg', type: 'image/jpeg', data: await jpegWithGps() });
    const pdf = await sendFile(r, { filename: 'đơn.pdf', type: 'application/pdf', data: pdfBytes() });
    const other = await residentWithTip();
    const theirs = await sendFile(other.r, { filename: 'khác.pdf', type: 'application/pdf', data: pdfBytes() });
    const body = { messageId, category: 'public_order', description: TIP };
    const refused = await sendFromChat(r, { ...body, attachmentIds: [photo, theirs] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ code: string }>().code).toBe('invalid_attachment');

    const res = await sendFromChat(r, { ...body, attachmentIds: [photo, pdf] });
    expect(res.statusCode).toBe(201);
    const officer = await signIn(env, await createOfficer(env, 'officer', 'thach-trung'));
    const tip = await readTip(env, officer, await tipIdOf(env, res.json<{ receiptCode: string }>().receiptCode));
    expect(tip.attachments.map((a) => [a.kind, a.name]).sort()).toEqual([
      ['file', 'đơn.pdf'],
      ['image', 'ảnh.jpg'],
    ]);
  });

  it("answers 404 for someone else's conversation or message, and for messages that are not the resident's", async () => {
    const { r, messageId } = await residentWithTip();
    const other = await residentWithTip();
    const body = { messageId, category: 'theft', description: TIP };
    // Another browser, or none, cannot send from this conversation.
    expect((await sendFromChat(r, body, other.r.cookie)).statusCode).toBe(404);
    expect((await sendFromChat(r, body, '')).statusCode).toBe(404);
    // Nor can a resident send another conversation's message from their own.
    expect((await sendFromChat(other.r, body)).statusCode).toBe(404);
    // The assistant's answer is not the resident's message.
    const botId = (await messagesOf(r)).find((m) => m.author === 'bot')?.id ?? '';
    expect((await sendFromChat(r, { ...body, messageId: botId })).statusCode).toBe(404);
    const tips = await env.ctx.database.db.selectFrom('tips').select('id').where('category', '=', 'theft').execute();
    expect(tips).toHaveLength(0);
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const { r, messageId } = await residentWithTip();
    const ok = { messageId, category: 'public_order', description: TIP };
    const bad = [
      { ...ok, category: 'parking' },
      { ...ok, description: '   ' },
      { ...ok, description: 'x'.repeat(5001) },
      { ...ok, anonymous: true },
      { category: 'public_order', description: TIP },
      { ...ok, messageId: '' },
    ];
    for (const body of bad) {
      const res = await sendFromChat(r, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await messagesOf(r)).some((m) => m.actions.some((a) => a.kind === 'tip_sent'))).toBe(false);
  });

  it('from the ask box: a handed-over tip names its stored message, which can be sent with consent', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: `${PUBLIC}/assistant/ask`,
      payload: { text: TIP, unitSlug: 'thach-trung' },
    });
    expect(res.statusCode).toBe(200);
    const asked = res.json<AskResponse>();
    expect(asked.answer.actions).toEqual([{ kind: 'tip_form' }]);
    expect(asked.conversationId).toBeTruthy();
    expect(asked.messageId).toBeTruthy();
    const r = { cookie: residentCookieOf(res), conversationId: asked.conversationId ?? '' };
    const sent = await sendFromChat(r, { messageId: asked.messageId, category: 'public_order', description: TIP });
    expect(sent.statusCode).toBe(201);
  });
});
