import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Aspect, Classification, ProcedureId } from '../../../contracts/assistant.js';
import { kbSeedFileSchema, type ProcedureEntry } from '../../../contracts/knowledge.js';
import { projectRoot } from '../../lib/paths.js';
import { composeAnswer, isUnanswered, LOW_CONFIDENCE, type ComposeInput, type UnitProfile } from './compose.js';
import { VI } from './texts.js';

const seed = kbSeedFileSchema.parse(
  JSON.parse(fs.readFileSync(path.join(projectRoot(), 'seed/kb/procedures.json'), 'utf8')),
);
function entry(id: string): ProcedureEntry {
  const e = seed.find((x) => x.id === id);
  if (!e) throw new Error(id);
  return { ...e.content, id: e.id, taxonomyId: e.taxonomyId, version: 1, updatedAt: '', updatedBy: null };
}
const primary = (p: ProcedureId) => entry(seed.find((e) => e.taxonomyId === p)?.id ?? '');

const tranPhu: UnitProfile = {
  displayName: 'CAP Trần Phú',
  address: '12 Trần Phú, TP Hà Tĩnh',
  phone: '0239 3855 123',
  hotline: '0912 345 678',
  openingHours: '7:30–11:30, 13:30–17:00 (T2–T6)',
};

function ask(
  procedure: ProcedureId,
  aspect: Aspect,
  over: Partial<ComposeInput> = {},
): ReturnType<typeof composeAnswer> {
  return composeAnswer({
    classification: { intent: 'procedure', procedure, aspect, confidence: 0.9, alternatives: [] },
    entry: primary(procedure),
    unit: null,
    unitNote: null,
    today: '2026-11-27',
    ...over,
  });
}
const other = (c: Partial<Classification>, unit: UnitProfile | null = tranPhu) =>
  composeAnswer({
    classification: { intent: 'unknown', confidence: 0.9, alternatives: [], ...c },
    entry: null,
    unit,
    unitNote: null,
    today: '2026-11-27',
  });

describe('composeAnswer: procedures', () => {
  it('lists the documents as a printable bulleted list, with the forms', () => {
    const a = ask('thuong_tru', 'documents');
    expect(a.text.split('\n')[0]).toBe('Đăng ký thường trú — Hồ sơ cần chuẩn bị:');
    expect(a.text.match(/^• /gm)).toHaveLength(entry('dang-ky-thuong-tru').documents.length);
    expect(a.text).toContain('Mẫu tờ khai: CT01');
    expect(a).toMatchObject({ clarifying: false, handover: false, procedureEntryId: 'dang-ky-thuong-tru' });
  });

  it('gives the fee in force on the day asked and the công dân số waiver while it lasts', () => {
    const dec31 = ask('can_cuoc_doi', 'fee', { today: '2026-12-31' }).text;
    expect(dec31).toContain('Đổi thẻ CCCD sang thẻ căn cước: 15.000 đồng');
    expect(dec31).toContain('25.000 đồng');
    expect(dec31).toContain('Miễn lệ phí cho công dân số: miễn phí');
    expect(dec31).toContain('Sắp thay đổi:');
    expect(dec31).toContain('• Từ 01/01/2027 — Đổi thẻ CCCD sang thẻ căn cước: 30.000 đồng');
    const jan1 = ask('can_cuoc_doi', 'fee', { today: '2027-01-01' }).text;
    expect(jan1).toContain('Đổi thẻ CCCD sang thẻ căn cước: 30.000 đồng');
    expect(jan1).not.toContain('15.000 đồng');
    expect(jan1).toContain('công dân số');
    const march = ask('can_cuoc_doi', 'fee', { today: '2027-03-01' }).text;
    expect(march).not.toContain('công dân số');
    expect(ask('xoa_tam_tru', 'fee').text).toContain('Không thu lệ phí: miễn phí');
  });

  it('falls back to the summary with a caveat when the fee is not known', () => {
    const a = ask('dang_ky_xe', 'fee').text;
    expect(a).toContain(VI.feeNoRules);
    expect(a).toContain('TT 60/2023/TT-BTC');
    expect(a).toContain(VI.unverifiedCaveat);
  });

  it('answers time and deadline from the entry', () => {
    expect(ask('tam_tru', 'time').text).toContain(entry('dang-ky-tam-tru').processingTime);
    expect(ask('thuong_tru', 'deadline').text).toContain(entry('dang-ky-thuong-tru').deadlines);
  });

  it("answers where with the unit's own name, address, hours and phone, or the generic office", () => {
    const a = ask('tam_tru', 'where', { unit: tranPhu, unitNote: 'Sáng thứ Bảy có tiếp dân.' }).text;
    expect(a).toContain('Bạn có thể nộp hồ sơ tại CAP Trần Phú.');
    expect(a).toContain('Địa chỉ: 12 Trần Phú, TP Hà Tĩnh');
    expect(a).toContain('Giờ làm việc: 7:30–11:30');
    expect(a).toContain('Điện thoại: 0239 3855 123');
    expect(a).toContain('Lưu ý của CAP Trần Phú: Sáng thứ Bảy có tiếp dân.');
    const generic = ask('tam_tru', 'where').text;
    expect(generic).toContain('Công an cấp xã nơi cư trú');
    const bare = ask('tam_tru', 'where', { unit: { ...tranPhu, address: null, phone: null } }).text;
    expect(bare).not.toContain('Địa chỉ:');
  });

  it('answers online with the channels and VNeID, and says so when it cannot be done online', () => {
    const a = ask('tam_tru', 'online').text;
    expect(a).toContain('VNeID');
    expect(a).toContain('https://dichvucong.gov.vn');
    expect(ask('dinh_danh_dien_tu', 'online').text).toContain(VI.onlineNo);
  });

  it('lists form codes with names', () => {
    expect(ask('can_cuoc', 'form').text).toContain('• CC01 — Phiếu thu nhận thông tin căn cước');
    expect(ask('luu_tru', 'form').text).toContain(VI.formNone);
  });

  it('gives an overview with the audience and a short fee line', () => {
    const a = ask('thuong_tru', 'overview').text;
    expect(a).toContain(VI.overviewWho);
    expect(a).toContain('Lệ phí hôm nay: 20.000 đồng');
    expect(ask('can_cuoc', 'overview').text).toContain('Lệ phí hôm nay: miễn phí');
  });

  it('ends with the legal basis, the sources and the check date, and offers the other aspects', () => {
    const a = ask('can_cuoc', 'fee');
    const lines = a.text.split('\n');
    expect(lines.at(-1)).toBe('Cập nhật: 27/11/2026');
    expect(lines.at(-2)).toMatch(/^Nguồn: \d+ tài liệu/);
    expect(lines.at(-3)).toMatch(/^Căn cứ: Luật Căn cước số 26\/2023\/QH15/);
    expect(a.sources.length).toBeGreaterThan(0);
    expect(a.lastChecked).toBe('2026-11-27');
    expect(a.quickReplies.map((q) => q.label)).not.toContain('Lệ phí');
    expect(a.quickReplies).toContainEqual({ label: 'Giấy tờ', text: 'Làm căn cước cần giấy tờ gì?' });
    expect(ask('can_cuoc', 'documents').quickReplies).toContainEqual({
      label: 'Lệ phí',
      text: 'Lệ phí làm căn cước bao nhiêu?',
    });
  });

  it('adds the caveat to unverified entries and never to verified ones', () => {
    expect(entry('cap-doi-the-can-cuoc').verified).toBe(false);
    expect(ask('can_cuoc_doi', 'documents').text).toContain(VI.unverifiedCaveat);
    expect(ask('can_cuoc', 'documents').text).not.toContain(VI.unverifiedCaveat);
  });
});

describe('composeAnswer: other intents', () => {
  it('puts 113/114/115 first on emergencies, with the unit hotline, and hands over', () => {
    const a = other({ intent: 'emergency', confidence: 0.3 });
    expect(a.text.split('\n')[0]).toBe(
      'Nếu đang nguy hiểm, gọi ngay 113 (Công an), 114 (Cứu hỏa), 115 (Cấp cứu) hoặc đường dây nóng của CAP Trần Phú: 0912 345 678.',
    );
    expect(a.handover).toBe(true);
    expect(other({ intent: 'emergency' }, null).text.startsWith(VI.emergencyFirstLine)).toBe(true);
  });

  it('offers to take a tip: goes to an officer, may be anonymous, gives the hotline', () => {
    const a = other({ intent: 'tip' });
    expect(a.handover).toBe(true);
    expect(a.text).toContain('cán bộ CAP Trần Phú');
    expect(a.text).toContain('giấu tên');
    expect(a.text).toContain('0912 345 678');
  });

  it('hands over on request and answers unit questions from the profile', () => {
    expect(other({ intent: 'human' }).handover).toBe(true);
    const info = other({ intent: 'unit_info' }, { ...tranPhu, hotline: null }).text;
    expect(info).toContain('Địa chỉ: 12 Trần Phú');
    expect(info).toContain('Đường dây nóng: chưa cập nhật');
    expect(other({ intent: 'unit_info' }, null).text).toBe(VI.unitInfoUnknown);
  });

  it('replies politely to smalltalk and points elsewhere for other agencies', () => {
    expect(other({ intent: 'smalltalk' }).text).toContain('Xin chào');
    const u = other({ intent: 'unknown' });
    expect(u.text).toContain('UBND xã/phường');
    expect(u.quickReplies).toContainEqual(VI.askOfficer);
    expect(isUnanswered({ intent: 'unknown', confidence: 0.9, alternatives: [] }, u)).toBe(true);
  });

  it('keeps handovers (a possible tip, a person asked for) for officers, not plain answers', () => {
    const tip: Classification = { intent: 'tip', confidence: 0.9, alternatives: [] };
    const t = composeAnswer({ classification: tip, entry: null, unit: null, unitNote: null, today: '2026-11-27' });
    expect(t.handover).toBe(true);
    expect(isUnanswered(tip, t)).toBe(true);
    const thanks: Classification = { intent: 'smalltalk', confidence: 0.9, alternatives: [] };
    const s = composeAnswer({ classification: thanks, entry: null, unit: null, unitNote: null, today: '2026-11-27' });
    expect(isUnanswered(thanks, s)).toBe(false);
  });

  it('asks which reading was meant below the confidence threshold, offering the best 2–3 and an officer', () => {
    const c: Classification = {
      intent: 'procedure',
      procedure: 'can_cuoc_doi',
      aspect: 'fee',
      confidence: LOW_CONFIDENCE - 0.01,
      alternatives: [
        { intent: 'procedure', procedure: 'can_cuoc_doi', aspect: 'fee', score: 0.3 },
        { intent: 'procedure', procedure: 'can_cuoc_lai', aspect: 'fee', score: 0.25 },
        { intent: 'unknown', score: 0.2 },
        { intent: 'tip', score: 0.1 },
        { intent: 'procedure', procedure: 'thuong_tru', score: 0.05 },
      ],
    };
    const a = composeAnswer({ classification: c, entry: null, unit: null, unitNote: null, today: '2026-11-27' });
    expect(a.clarifying).toBe(true);
    expect(a.quickReplies).toEqual([
      { label: 'Cấp đổi thẻ căn cước — Lệ phí', text: 'Lệ phí đổi thẻ căn cước bao nhiêu?' },
      { label: 'Cấp lại thẻ căn cước — Lệ phí', text: 'Lệ phí cấp lại thẻ căn cước bị mất bao nhiêu?' },
      { label: 'Báo tin, tố giác', text: 'Tôi muốn báo tin về một vụ việc' },
      VI.askOfficer,
    ]);
    expect(isUnanswered(c, a)).toBe(true);
    const sure = composeAnswer({
      classification: { ...c, confidence: LOW_CONFIDENCE },
      entry: primary('can_cuoc_doi'),
      unit: null,
      unitNote: null,
      today: '2026-11-27',
    });
    expect(sure.clarifying).toBe(false);
  });

  it('warns about 113 first when a low-confidence reading might be an emergency', () => {
    const a = other({
      intent: 'tip',
      confidence: 0.3,
      alternatives: [{ intent: 'emergency', score: 0.3 }],
    });
    expect(a.clarifying).toBe(true);
    expect(a.text.startsWith(VI.emergencyFirstLine)).toBe(true);
  });
});
