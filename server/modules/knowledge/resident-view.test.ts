import { describe, expect, it } from 'vitest';
import type { FeeRule, ProcedureEntry } from '../../../contracts/knowledge.js';
import { seedKbEntries } from '../../test/kb-seed.js';
import { residentSourceProblems, residentTextProblems } from '../../test/resident-text.js';
import {
  INTERNAL_NOTES_HEADING,
  isVerifiedFeeRule,
  officialSources,
  residentEntry,
  residentNotes,
  residentText,
} from './resident-view.js';

const entries = seedKbEntries();

/** Every text of an entry a resident reads on the guide page, one per line (fee rules share their basis). */
function guideText(e: ProcedureEntry): string {
  const texts = [
    e.nameVi,
    e.audience,
    ...e.legalBasis,
    ...e.documents,
    ...e.forms.map((f) => `${f.code} — ${f.name}`),
    ...e.where,
    ...e.online.channels,
    e.processingTime,
    e.fee.summary,
    ...e.fee.rules.flatMap((r) => [r.label, r.condition ?? '', r.legalBasis ?? '']),
    e.deadlines,
    e.notes,
  ];
  return [...new Set(texts.filter((s) => s.trim() !== ''))].join('\n');
}

describe('resident view of the knowledge base', () => {
  it('drops a marked clause whole, keeps the rest of the sentence', () => {
    expect(residentText('Không quá 07 ngày làm việc (theo bản đọc QĐ 5230: 05 ngày).')).toBe('');
    expect(residentText('Công an cấp xã (xã, phường) — theo trang TTHC tỉnh, trong cả nước')).toBe(
      'Công an cấp xã (xã, phường)',
    );
    expect(residentText('Mức gốc 30.000 đ. Giảm 50% (một số báo ghi khác — xem ghi chú). Miễn cho công dân số.')).toBe(
      'Mức gốc 30.000 đ. Miễn cho công dân số.',
    );
    expect(residentText('300.000 đ (theo trang TTHC Công an tỉnh Phú Thọ; văn bản phí chưa đối chiếu).')).toBe('');
    expect(residentText('Không có ghi chú nào.')).toBe('Không có ghi chú nào.');
  });

  it('shows residents the notes before the officers heading only', () => {
    expect(residentNotes(`Mang theo thẻ.\n${INTERNAL_NOTES_HEADING} nguồn mâu thuẫn`)).toBe('Mang theo thẻ.');
    expect(residentNotes(`${INTERNAL_NOTES_HEADING} chỉ cho cán bộ`)).toBe('');
  });

  it('keeps at most three official sources, legal texts and national portals first', () => {
    expect(
      officialSources([
        'https://congan.phutho.gov.vn/article/x',
        'https://cafef.vn/a.chn',
        'https://github.com/x/y (bản đọc)',
        'https://bocongan.gov.vn/bai-viet/a',
        'https://dichvucong.gov.vn',
        'https://vanban.chinhphu.vn/?pageid=1&docid=2',
        'https://hatinh.gov.vn/a',
        'https://vanban.chinhphu.vn/?pageid=1&docid=2',
      ]),
    ).toEqual([
      'https://vanban.chinhphu.vn/?pageid=1&docid=2',
      'https://dichvucong.gov.vn',
      'https://bocongan.gov.vn/bai-viet/a',
    ]);
    expect(officialSources(['javascript:alert(1)', 'gov.vn', 'https://evil.example/?gov.vn'])).toEqual([]);
  });

  it('treats a fee rule as verified unless its basis is a research note', () => {
    const rule = (legalBasis: string | null): FeeRule => ({
      label: 'x',
      amountVnd: 1,
      channel: 'any',
      validFrom: null,
      validTo: null,
      condition: null,
      legalBasis,
    });
    expect(isVerifiedFeeRule(rule('TT 73/2024/TT-BTC'))).toBe(true);
    expect(isVerifiedFeeRule(rule(null))).toBe(true);
    expect(isVerifiedFeeRule(rule('QĐ 5230 (theo bản đọc của bên thứ ba)'))).toBe(false);
  });

  it('finds the research notes the stored entries carry (the check is not blind)', () => {
    const raw = entries.map((e) => [...residentTextProblems(guideText(e)), ...residentSourceProblems(e.sources)]);
    expect(raw.filter((p) => p.length > 0).length).toBeGreaterThan(10);
  });

  it.each(entries.map((e) => [e.id, e] as const))('guide page of %s: official sources, no notes', (_id, e) => {
    const shown = residentEntry(e);
    expect(residentTextProblems(guideText(shown))).toEqual([]);
    expect(residentSourceProblems(shown.sources)).toEqual([]);
    // Nothing residents may read was lost for want of cleaning: the seed keeps notes in `notes`
    // (after the heading) and in the basis of fee rules only.
    const clean = {
      ...e,
      notes: residentNotes(e.notes),
      fee: { ...e.fee, rules: e.fee.rules.map((r) => ({ ...r, legalBasis: null })) },
    };
    expect(residentTextProblems(guideText(clean))).toEqual([]);
  });
});
