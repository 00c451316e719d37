import { describe, expect, it } from 'vitest';
import { pdfText } from '../../test/pdf-text.js';
import { fileSize, renderTipPdf, vietnamTime, type TipFile } from './tip-pdf.js';

// The tip's file renderer alone, from a plain object: what the case record reads.

function file(over: Partial<TipFile> = {}): TipFile {
  return {
    unitName: 'Công an phường Thạch Trung',
    receiptCode: 'TB-ABCD2345',
    category: 'violence',
    status: 'verifying',
    priority: 'urgent',
    anonymous: false,
    identityLeft: true,
    createdAt: '2026-11-30T17:30:00.000Z',
    occurredAt: '2026-11-30T17:00:00.000Z',
    place: { address: 'Ngõ 5, đường Hà Huy Tập', latitude: 18.35, longitude: 105.9 },
    description: 'Có người đánh nhau trước quán nước, một người cầm gậy.',
    dueAt: '2026-12-03T17:30:00.000Z',
    overdue: false,
    escalatedAt: null,
    deadline: { category: 'violence', acknowledgeHours: 24, checkHours: 72, settleDays: 20 },
    outcome: null,
    transferredTo: null,
    rejectKind: null,
    rejectReason: null,
    history: [
      {
        action: 'received',
        actorName: null,
        unitName: 'Công an phường Thạch Trung',
        note: null,
        at: '2026-11-30T17:30:00.000Z',
      },
      {
        action: 'acknowledged',
        actorName: 'Trần Văn Cán',
        unitName: 'Công an phường Thạch Trung',
        note: 'Đã gọi tổ tuần tra',
        at: '2026-11-30T18:00:00.000Z',
      },
    ],
    messages: [
      {
        author: 'officer',
        officerName: 'Trần Văn Cán',
        text: 'Chúng tôi đang đến.',
        at: '2026-11-30T18:01:00.000Z',
        files: [],
      },
      {
        author: 'resident',
        officerName: null,
        text: 'Họ đã chạy về phía chợ.',
        at: '2026-11-30T18:05:00.000Z',
        files: ['anh-2.jpg'],
      },
    ],
    notes: [{ officerName: 'Lê Thị Ghi', text: 'Nghi đối tượng quen mặt.', at: '2026-11-30T18:10:00.000Z' }],
    attachments: [{ name: 'hien-truong.jpg', sizeBytes: 245_760, mimeType: 'image/jpeg', thumbnail: null }],
    related: [{ receiptCode: 'TB-ZZZZ9999', reason: 'Cùng vụ việc' }],
    reveals: [],
    exportedAt: '2026-12-01T03:15:00.000Z',
    exportedBy: 'Trần Văn Cán (can.tv)',
    ...over,
  };
}

/** The file's text as one line: wrapped lines and label–value pieces joined, spaces collapsed. */
const joined = (pdf: Buffer) => pdfText(pdf).join(' ').replace(/\s+/g, ' ');

describe('tip file PDF', () => {
  it('is an A4 PDF whose text holds the tip in Vietnamese, times in Vietnam time', async () => {
    const pdf = await renderTipPdf(file(), { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = joined(pdf);
    for (const expected of [
      'HỒ SƠ TIN BÁO',
      'Công an phường Thạch Trung',
      'TB-ABCD2345',
      'Bạo lực, đánh nhau',
      'Đang xác minh',
      'Khẩn cấp',
      // 17:30 UTC is 00:30 the next day in Vietnam.
      '00:30 01/12/2026',
      'Ngõ 5, đường Hà Huy Tập · 18.35000, 105.90000',
      'Người báo tin đã để lại danh tính',
      'Có người đánh nhau trước quán nước',
      'Xác nhận tiếp nhận',
      'Trần Văn Cán, Công an phường Thạch Trung',
      'Đã gọi tổ tuần tra',
      'Họ đã chạy về phía chợ.',
      'Tệp: anh-2.jpg',
      'Nghi đối tượng quen mặt.',
      'hien-truong.jpg — 240,0 KB (image/jpeg)',
      'TB-ZZZZ9999 — Cùng vụ việc',
      'giải quyết trong 20 ngày',
      'Trích xuất lúc 10:15 01/12/2026 bởi Trần Văn Cán (can.tv)',
      'Trang 1/',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('says "Ẩn danh" for an anonymous tip and numbers every page', async () => {
    const long = Array.from({ length: 60 }, (_, i) => ({
      author: 'resident' as const,
      officerName: null,
      text: `Tin nhắn số ${i + 1}: thêm chi tiết về vụ việc.`,
      at: '2026-11-30T18:05:00.000Z',
      files: [],
    }));
    const pdf = await renderTipPdf(file({ anonymous: true, identityLeft: false, messages: long }));
    const text = joined(pdf);
    expect(text).toContain('Người báo tin: Ẩn danh');
    expect(text).not.toContain('để lại danh tính');
    const pages = [...text.matchAll(/Trang (\d+)\/(\d+)/g)];
    const total = Number(pages[0]?.[2]);
    expect(total).toBeGreaterThan(1);
    expect(pages.map((p) => Number(p[1]))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(text).toContain('Tin nhắn số 60');
  });

  it('formats times and sizes the way the file shows them', () => {
    expect(vietnamTime('2026-12-31T20:05:00.000Z')).toBe('03:05 01/01/2027');
    expect(fileSize(900)).toBe('900 B');
    expect(fileSize(3 * 1024 * 1024)).toBe('3,0 MB');
  });
});
