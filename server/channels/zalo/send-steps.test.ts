import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../contracts/conversations.js';
import { FakeZalo } from '../../test/fake-zalo.js';
import { planZaloSends } from './outbound-plan.js';
import { sendResultForZaloError, sendZaloSteps, ZALO_RATE_LIMIT_RETRY_MS } from './send-steps.js';
import { createZaloClient, type ZaloClient } from './zalo-client.js';
import { zaloAnswerError } from './zalo-error.js';

// One outgoing message as several Zalo calls, against the fake: every piece once, in order, even
// when a failure in the middle makes the outbox try again.

function attachment(id: string, mimeType: string, sizeBytes = 1000): Attachment {
  const kind = mimeType.startsWith('image/') ? 'image' : mimeType.startsWith('audio/') ? 'audio' : 'file';
  return { id, kind, mimeType, name: `${id}.bin`, sizeBytes, url: `/files/${id}`, thumbnailUrl: null };
}

const files = new Map([
  ['photo', Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
  ['form', Buffer.from('%PDF-1.7')],
]);

async function readAttachment(a: Attachment) {
  return { bytes: files.get(a.id) ?? Buffer.alloc(0), fileName: a.name, mimeType: a.mimeType };
}

describe('sendZaloSteps', () => {
  let fake: FakeZalo;
  let client: ZaloClient;
  let accessToken: string;
  const userId = '7677597454271532329';
  const longText = 'Công dân đăng ký thường trú nộp hồ sơ tại Công an cấp xã nơi mình cư trú. '.repeat(70);

  beforeAll(async () => {
    fake = await FakeZalo.start();
    client = createZaloClient({ apiBase: fake.url, oauthBase: fake.url });
    accessToken = fake.issueTokens().accessToken;
  });
  afterAll(async () => {
    await fake.close();
  });

  it('sends the texts, then uploads and sends the image and the file, and reports what Zalo cannot carry', async () => {
    const voice = attachment('voice', 'audio/webm');
    const steps = planZaloSends(
      {
        text: longText,
        quickReplies: [{ label: 'Hồ sơ', text: 'Hồ sơ gồm gì?' }],
        attachments: [attachment('photo', 'image/jpeg'), attachment('form', 'application/pdf'), voice],
      },
      'buttons',
    );
    const before = fake.sent.length;
    const result = await sendZaloSteps(client, {
      accessToken,
      recipientId: userId,
      target: 'cs',
      steps,
      readAttachment,
    });

    expect(result).toMatchObject({ kind: 'sent', done: steps.length, skipped: [{ attachment: voice }] });
    const sent = fake.sent.slice(before);
    expect(result.messageIds).toEqual(sent.map((s) => s.messageId));
    expect(sent).toHaveLength(5); // three pieces, the image, the file
    expect(sent.slice(0, 3).map((s) => s.message.text)).toEqual(
      steps.flatMap((s) => (s.kind === 'text' ? [s.text] : [])),
    );
    expect(sent[2]?.message.attachment).toBeDefined(); // the buttons, under the last piece
    expect(sent[3]?.message.attachment).toMatchObject({ payload: { template_type: 'media' } });
    expect(fake.uploads.at(-2)?.bytes.equals(files.get('photo') ?? Buffer.alloc(0))).toBe(true);
    expect(sent[4]?.message.attachment).toEqual({ type: 'file', payload: { token: fake.uploads.at(-1)?.id } });
  });

  it('stops at a failure with how far it got, and a retry from there sends each piece once', async () => {
    const steps = planZaloSends({ text: longText, quickReplies: [], attachments: [] }, 'buttons');
    expect(steps).toHaveLength(3);
    const before = fake.sent.length;
    fake.failNext('cs', -32, 1, 1);

    const first = await sendZaloSteps(client, {
      accessToken,
      recipientId: userId,
      target: 'cs',
      steps,
      readAttachment,
    });
    expect(first).toMatchObject({ kind: 'failed', done: 1, error: { zaloCode: -32, errorClass: 'rate_limited' } });
    expect(first.messageIds).toHaveLength(1);

    const second = await sendZaloSteps(client, {
      accessToken,
      recipientId: userId,
      target: 'cs',
      steps,
      from: first.done,
      readAttachment,
    });
    expect(second).toMatchObject({ kind: 'sent', done: 3 });
    const texts = fake.sent.slice(before).map((s) => s.message.text);
    expect(texts).toEqual(steps.map((s) => (s.kind === 'text' ? s.text : null)));
  });

  it('sends to a group with quick replies as numbered lines', async () => {
    const steps = planZaloSends(
      {
        text: 'Họp tổ dân phố tối thứ Bảy.',
        quickReplies: [{ label: 'Tham gia', text: 'Tôi tham gia' }],
        attachments: [],
      },
      'numbered',
    );
    const result = await sendZaloSteps(client, {
      accessToken,
      recipientId: 'f414c8f76fa586fbdfb4',
      target: 'group',
      steps,
      readAttachment,
    });
    expect(result.kind).toBe('sent');
    expect(fake.sent.at(-1)).toMatchObject({
      endpoint: 'group',
      message: { text: 'Họp tổ dân phố tối thứ Bảy.\n\n1. Tham gia' },
    });
  });
});

describe('sendResultForZaloError', () => {
  it('maps each class to what the dispatcher records', () => {
    expect(sendResultForZaloError(zaloAnswerError(-230, 'x'))).toEqual({ kind: 'outside-window' });
    expect(sendResultForZaloError(zaloAnswerError(-227, 'banned'))).toEqual({
      kind: 'permanent-failure',
      error: 'zalo:-227: banned',
    });
    expect(sendResultForZaloError(zaloAnswerError(-237, 'g'))).toMatchObject({ kind: 'permanent-failure' });
    expect(sendResultForZaloError(zaloAnswerError(-32, 'r'))).toEqual({
      kind: 'retry-after',
      ms: ZALO_RATE_LIMIT_RETRY_MS,
    });
    expect(sendResultForZaloError(zaloAnswerError(-216, 't'))).toEqual({ kind: 'retry-after', ms: 0 });
    expect(sendResultForZaloError(zaloAnswerError(-200, 'f'))).toEqual({ kind: 'retry-after', ms: 0 });
  });
});
