import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../contracts/conversations.js';
import { choiceFromNumber, numberedLines, planZaloSends, zaloAttachmentKind } from './outbound-plan.js';

function attachment(mimeType: string, sizeBytes: number, kind: Attachment['kind'] = 'file'): Attachment {
  return { id: `a-${mimeType}`, kind, mimeType, name: 'x', sizeBytes, url: '/files/x', thumbnailUrl: null };
}

const quickReplies = [
  { label: 'Tạm trú', text: 'Tôi muốn đăng ký tạm trú' },
  { label: 'Căn cước', text: 'Tôi muốn làm căn cước' },
];

describe('planZaloSends', () => {
  it('sends a short answer as one text with its quick replies as query buttons', () => {
    expect(planZaloSends({ text: 'Bạn cần gì?', quickReplies, attachments: [] }, 'buttons')).toEqual([
      {
        kind: 'text',
        text: 'Bạn cần gì?',
        buttons: [
          { type: 'query', title: 'Tạm trú', payload: 'Tôi muốn đăng ký tạm trú' },
          { type: 'query', title: 'Căn cước', payload: 'Tôi muốn làm căn cước' },
        ],
      },
    ]);
  });

  it('cuts a long answer into texts of at most 2,000 characters, buttons under the last', () => {
    const text = 'Hồ sơ đăng ký thường trú gồm tờ khai CT01 và giấy tờ chứng minh chỗ ở hợp pháp. '.repeat(60);
    const steps = planZaloSends({ text, quickReplies, attachments: [] }, 'buttons');
    expect(steps.length).toBeGreaterThan(2);
    for (const step of steps) {
      expect(step.kind).toBe('text');
      if (step.kind === 'text') expect(step.text.length).toBeLessThanOrEqual(2000);
    }
    expect(steps.map((s) => (s.kind === 'text' ? s.buttons.length : -1))).toEqual([
      ...Array.from({ length: steps.length - 1 }, () => 0),
      2,
    ]);
  });

  it('writes quick replies as numbered lines when asked, and when there are too many for buttons', () => {
    const numbered = planZaloSends({ text: 'Bạn cần gì?', quickReplies, attachments: [] }, 'numbered');
    expect(numbered).toEqual([{ kind: 'text', text: 'Bạn cần gì?\n\n1. Tạm trú\n2. Căn cước', buttons: [] }]);
    const many = Array.from({ length: 6 }, (_, i) => ({ label: `L${i}`, text: `T${i}` }));
    const steps = planZaloSends({ text: 'Chọn', quickReplies: many, attachments: [] }, 'buttons');
    expect(steps).toEqual([{ kind: 'text', text: numberedLines('Chọn', many), buttons: [] }]);
  });

  it('gives buttons a text to hang under when the message has none', () => {
    const steps = planZaloSends({ text: '', quickReplies, attachments: [] }, 'buttons');
    expect(steps).toMatchObject([{ kind: 'text', text: 'Tạm trú · Căn cước' }]);
  });

  it('sends attachments after the text: jpg/png as images, pdf/doc/docx as files, the rest reported', () => {
    const photo = attachment('image/jpeg', 200_000, 'image');
    const form = attachment('application/pdf', 300_000);
    const voice = attachment('audio/webm', 50_000, 'audio');
    const steps = planZaloSends({ text: 'Gửi bạn', quickReplies: [], attachments: [photo, form, voice] }, 'buttons');
    expect(steps).toEqual([
      { kind: 'text', text: 'Gửi bạn', buttons: [] },
      { kind: 'image', attachment: photo },
      { kind: 'file', attachment: form },
      { kind: 'unsupported', attachment: voice, reason: 'Zalo does not take audio/webm' },
    ]);
  });
});

describe('zaloAttachmentKind', () => {
  it('holds to Zalo’s upload types and sizes', () => {
    expect(zaloAttachmentKind(attachment('image/png', 1024 * 1024))).toEqual({ kind: 'image' });
    expect(zaloAttachmentKind(attachment('image/png', 1024 * 1024 + 1))).toMatchObject({ kind: 'unsupported' });
    expect(zaloAttachmentKind(attachment('image/webp', 1000))).toMatchObject({ kind: 'unsupported' });
    expect(
      zaloAttachmentKind(attachment('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 1000)),
    ).toEqual({ kind: 'file' });
    expect(zaloAttachmentKind(attachment('application/pdf', 5 * 1024 * 1024 + 1))).toMatchObject({
      kind: 'unsupported',
    });
  });
});

describe('choiceFromNumber', () => {
  it('reads a typed number back as the quick reply it stands for', () => {
    expect(choiceFromNumber('2', quickReplies)).toBe('Tôi muốn làm căn cước');
    expect(choiceFromNumber(' 1. ', quickReplies)).toBe('Tôi muốn đăng ký tạm trú');
    expect(choiceFromNumber('3', quickReplies)).toBeNull();
    expect(choiceFromNumber('0', quickReplies)).toBeNull();
    expect(choiceFromNumber('2 cái', quickReplies)).toBeNull();
  });
});
