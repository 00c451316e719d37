import { describe, expect, it } from 'vitest';
import type { Aspect, Classification, ProcedureId } from '../../../contracts/assistant.js';
import type { ProcedureEntry } from '../../../contracts/knowledge.js';
import { seedKbEntries } from '../../test/kb-seed.js';
import { composeAnswer, isUnanswered, LOW_CONFIDENCE, type ComposeInput, type UnitProfile } from './compose.js';
import { EN, VI } from './texts.js';

const entries = seedKbEntries();
function entry(id: string): ProcedureEntry {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new Error(id);
  return e;
}
const primary = (p: ProcedureId) => entry(entries.find((e) => e.taxonomyId === p)?.id ?? '');

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
const other = (c: Partial<Classification>, unit: UnitProfile | null = tranPhu, lang?: 'vi' | 'en') =>
  composeAnswer({
    classification: { intent: 'unknown', confidence: 0.9, alternatives: [], ...c },
    entry: null,
    unit,
    unitNote: null,
    today: '2026-11-27',
    lang,
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

  it('says to ask an officer, with the summary and the caveat, when the fee is not known', () => {
    const a = ask('dang_ky_xe', 'fee').text;
    expect(a).toContain(VI.feeAskOfficer);
    expect(a).toContain('Theo biểu lệ phí đăng ký, cấp biển số');
    expect(a).not.toMatch(/TT 60\/2023|TT 155\/2025|chưa xác minh/);
    expect(a).toContain(VI.unverifiedCaveat);
  });

  it('never states an unverified fee as a fact', () => {
    // The seed's business-licence fee was read from another province's page only.
    const gcn = entry('gcn-du-dieu-kien-antt-cap-xa');
    const a = ask('can_cuoc', 'fee', { entry: gcn }).text;
    expect(a).not.toContain('300.000');
    expect(a).toContain('mức lệ phí này cần hỏi lại cán bộ');
    expect(ask('can_cuoc', 'overview', { entry: gcn }).text).not.toContain('Lệ phí hôm nay');
    // A rule read only through a third party's reading is named without its amount.
    const doi = ask('can_cuoc_doi', 'fee').text;
    expect(doi).toContain('Cấp đổi do Nhà nước sắp xếp đơn vị hành chính (đổi địa giới, tên): mức lệ phí này cần hỏi');
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

  it('ends with the legal basis and the check date, gives official sources apart, and offers the other aspects', () => {
    const a = ask('can_cuoc', 'fee');
    const lines = a.text.split('\n');
    expect(lines.at(-1)).toBe('Cập nhật: 27/11/2026');
    expect(lines.at(-2)).toMatch(/^Căn cứ: Luật Căn cước số 26\/2023\/QH15/);
    // The sources travel beside the text (the ask box links them, the CLI lists them): no "Nguồn" line.
    expect(a.text).not.toContain('Nguồn');
    expect(a.sources.length).toBeGreaterThan(0);
    expect(a.sources.length).toBeLessThanOrEqual(3);
    expect(a.sources.every((s) => /^https:\/\/[^/]*(gov\.vn|chinhphu\.vn)\//.test(`${s}/`))).toBe(true);
    expect(a.lastChecked).toBe('2026-11-27');
    expect(a.quickReplies.map((q) => q.label)).not.toContain('Lệ phí');
    expect(a.quickReplies).toContainEqual({ label: 'Giấy tờ', text: 'Làm căn cước cần giấy tờ gì?' });
    expect(ask('can_cuoc', 'documents').quickReplies).toContainEqual({
      label: 'Lệ phí',
      text: 'Lệ phí làm căn cước bao nhiêu?',
    });
  });

  it('adds the caveat to unverified entries and never to verified ones, without research notes', () => {
    expect(entry('cap-doi-the-can-cuoc').verified).toBe(false);
    expect(ask('can_cuoc_doi', 'documents').text).toContain(VI.unverifiedCaveat);
    expect(ask('can_cuoc', 'documents').text).not.toContain(VI.unverifiedCaveat);
  });
});

describe('composeAnswer: emergencies', () => {
  it('puts the number the danger needs on the first line: 114 fire, 115 medical, 113 police', () => {
    const first = (danger: Classification['danger']) =>
      other({ intent: 'emergency', confidence: 0.95, danger }).text.split('\n')[0] ?? '';
    expect(first('fire')).toMatch(/^Gọi ngay 114 \(Cứu nạn, cứu hộ\)/);
    expect(first('medical')).toMatch(/^Gọi ngay 115 \(Cấp cứu\)/);
    expect(first('police')).toMatch(/^Gọi ngay 113 \(Công an\)/);
    for (const d of ['fire', 'medical', 'police'] as const) {
      // The other numbers follow, for a danger read wrongly.
      const second = other({ intent: 'emergency', confidence: 0.95, danger: d }).text.split('\n')[1] ?? '';
      expect(['113', '114', '115'].filter((n) => second.includes(n))).toHaveLength(2);
    }
  });

  it('gives all three numbers when the danger is unclear or not said, then the hotline, then the handover', () => {
    for (const danger of ['unclear', undefined] as const) {
      const a = other({ intent: 'emergency', confidence: 0.3, ...(danger ? { danger } : {}) });
      const lines = a.text.split('\n');
      expect(lines[0]).toBe(VI.emergencyCall.unclear);
      for (const n of ['113', '114', '115']) expect(lines[0]).toContain(n);
      expect(lines[1]).toBe('Đường dây nóng của CAP Trần Phú: 0912 345 678.');
      expect(lines.at(-1)).toBe(VI.emergencyHandover);
      expect(a.handover).toBe(true);
    }
    const noUnit = other({ intent: 'emergency', danger: 'fire' }, null).text.split('\n');
    expect(noUnit[0]).toBe(VI.emergencyCall.fire);
    expect(noUnit.some((l) => l.startsWith('Đường dây nóng'))).toBe(false);
  });
});

describe('composeAnswer: other intents', () => {
  it('offers to take a tip: goes to an officer, may be anonymous, gives the hotline', () => {
    const a = other({ intent: 'tip' });
    expect(a.handover).toBe(true);
    expect(a.text).toContain('cán bộ CAP Trần Phú');
    expect(a.text).toContain('giấu tên');
    expect(a.text).toContain('0912 345 678');
    // The tip desk is offered, so a tip written here can get a receipt code; nothing else offers it.
    expect(a.actions).toEqual([{ kind: 'tip_form' }]);
    expect(other({ intent: 'human' }).actions).toEqual([]);
    expect(other({ intent: 'unit_info' }).actions).toEqual([]);
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
    expect(a.text.startsWith(VI.emergencyCall.unclear)).toBe(true);
  });

  it('ends every unsure or unknown reply with the 113 line', () => {
    const line = 'Nếu việc đang xảy ra và nguy hiểm, gọi ngay 113.';
    const clarify = other({ intent: 'procedure', procedure: 'tam_tru', confidence: 0.2 });
    expect(clarify.clarifying).toBe(true);
    const noProcedure = other({ intent: 'procedure', confidence: 0.9, alternatives: [] });
    const missing = composeAnswer({
      classification: { intent: 'procedure', procedure: 'tam_tru', confidence: 0.9, alternatives: [] },
      entry: null,
      unit: null,
      unitNote: null,
      today: '2026-11-27',
    });
    expect(missing.text).toContain(VI.procedureMissing);
    for (const a of [clarify, other({ intent: 'unknown' }), noProcedure, missing]) {
      expect(a.text.split('\n').at(-1)).toBe(line);
      expect(a.text.split(line)).toHaveLength(2);
    }
    expect(ask('tam_tru', 'documents').text).not.toContain(line);
  });

  it('starts a scam tip with the warning, then the usual tip flow', () => {
    const a = other({ intent: 'tip', scam: true });
    const lines = a.text.split('\n');
    expect(lines[0]).toBe(VI.scamWarning);
    expect(lines[0]).toMatch(
      /^Công an không bao giờ yêu cầu chuyển tiền, cung cấp mã OTP hay cài ứng dụng qua điện thoại/,
    );
    expect(lines[0]).toContain('đừng chuyển tiền');
    expect(lines.indexOf(VI.tipThanks)).toBeGreaterThan(0);
    expect(a.handover).toBe(true);
    expect(other({ intent: 'tip' }).text.split('\n')[0]).toBe(VI.tipThanks);
  });
});

function askMany(procedure: ProcedureId, aspects: Aspect[], over: Partial<ComposeInput> = {}) {
  return composeAnswer({
    classification: { intent: 'procedure', procedure, aspect: aspects[0], aspects, confidence: 0.9, alternatives: [] },
    entry: primary(procedure),
    unit: null,
    unitNote: null,
    today: '2026-11-27',
    ...over,
  });
}

describe('composeAnswer: several aspects in one question', () => {
  it('answers every aspect asked in one reply, a section each, primary first', () => {
    const a = askMany('tam_tru', ['documents', 'where'], { unit: tranPhu, unitNote: 'Sáng thứ Bảy có tiếp dân.' });
    const lines = a.text.split('\n');
    expect(lines[0]).toBe('Đăng ký tạm trú:');
    const docs = lines.indexOf('Hồ sơ cần chuẩn bị:');
    const where = lines.indexOf('Nơi nộp hồ sơ:');
    expect(docs).toBeGreaterThan(0);
    expect(where).toBeGreaterThan(docs);
    expect(a.text).toContain('Bạn có thể nộp hồ sơ tại CAP Trần Phú.');
    expect(a.quickReplies.map((q) => q.label)).not.toContain('Giấy tờ');
    expect(a.quickReplies.map((q) => q.label)).not.toContain('Nơi nộp');
    expect(a.quickReplies.map((q) => q.label)).toContain('Lệ phí');
  });

  it('says the closing lines once and repeats no line', () => {
    const a = askMany('can_cuoc_doi', ['fee', 'where', 'online', 'documents', 'overview'], {
      unit: tranPhu,
      unitNote: 'Có làm thứ Bảy.',
    });
    const lines = a.text.split('\n');
    for (const head of ['Cập nhật:', 'Căn cứ:', 'Lưu ý của CAP Trần Phú', VI.unverifiedCaveat, 'Nguồn']) {
      expect(lines.filter((l) => l.startsWith(head)).length, head).toBeLessThanOrEqual(1);
    }
    expect(new Set(lines).size).toBe(lines.length);
    // The overview leaves the fee to its own section.
    expect(a.text).not.toContain('Lệ phí hôm nay');
  });

  it('keeps a single aspect in the one-section form', () => {
    expect(askMany('tam_tru', ['fee', 'fee']).text.split('\n')[0]).toBe('Đăng ký tạm trú — Lệ phí:');
  });
});

describe('composeAnswer: ID cards for children', () => {
  const under14 = entry('cap-the-can-cuoc-duoi-14-tuoi');
  const forChild = (text: string, aspect: Aspect = 'overview') =>
    ask('can_cuoc', aspect, { text, related: [under14], unit: tranPhu, unitNote: 'Ghi chú cho người lớn.' });

  it.each([
    'làm căn cước cho con 10 tuổi cần gì',
    'bé 5 tuổi có làm căn cước được không',
    'cháu 3 tuổi làm cccd thế nào',
    'tre 8 tuoi lam can cuoc o dau',
    'trẻ dưới 14 tuổi có phải làm căn cước không',
    'làm căn cước cho con nhỏ',
    'con gái em mới 7 tháng tuổi làm căn cước được không ạ',
    'con trai nhà em năm nay 12t muốn làm cccd',
  ])('answers "%s" with the under-14 procedure', (text) => {
    const a = forChild(text);
    expect(a.procedureEntryId).toBe('cap-the-can-cuoc-duoi-14-tuoi');
    expect(a.text.split('\n')[0]).toBe(VI.childUnder14);
    // Optional, free, under 6 through VNeID, done by the parents: from the knowledge base.
    expect(a.text).toContain('Không bắt buộc');
    expect(a.text).toContain('Miễn lệ phí');
    expect(a.text).toMatch(/dưới 06 tuổi[^.]*VNeID/);
    expect(a.text).toMatch(/cha, mẹ/);
    // The unit's note was written for the adult entry.
    expect(a.text).not.toContain('Ghi chú cho người lớn');
  });

  it.each([
    'làm căn cước cần giấy tờ gì',
    'làm căn cước cho con 16 tuổi',
    'con tôi 20 tuổi làm căn cước ở đâu',
    'thẻ căn cước bị bể có làm lại được không',
  ])('keeps the 14+ procedure for "%s"', (text) => {
    expect(forChild(text).procedureEntryId).toBe('cap-the-can-cuoc-lan-dau');
  });

  it('answers the aspect asked from the under-14 entry', () => {
    const a = forChild('làm căn cước cho bé 4 tuổi cần giấy tờ gì', 'documents');
    expect(a.text).toContain('Cấp thẻ căn cước cho người dưới 14 tuổi — Hồ sơ cần chuẩn bị:');
    expect(a.text).toContain('Người đại diện hợp pháp');
  });
});

describe('composeAnswer: knowledge fixes', () => {
  it('treats a damaged card as re-issuance, with the re-issuance fee', () => {
    const lai = entry('cap-lai-the-can-cuoc');
    expect(lai.audience).toMatch(/hư hỏng không sử dụng được \(gãy, nứt, hỏng chip/);
    expect(lai.legalBasis[0]).toContain('Điều 24 khoản 2');
    const doi = entry('cap-doi-the-can-cuoc');
    expect(doi.fee.rules.some((r) => /hỏng/.test(r.label))).toBe(false);
    expect(doi.audience).toContain('là trường hợp cấp lại');
    expect(ask('can_cuoc_lai', 'fee').text).toContain('Cấp lại thẻ căn cước: 35.000 đồng');
  });

  it('answers driving licences from their own entry: the provincial traffic police and the national portal', () => {
    const gplx = primary('giay_phep_lai_xe');
    expect(gplx.id).toBe('doi-cap-lai-giay-phep-lai-xe');
    const where = ask('giay_phep_lai_xe', 'where', { unit: tranPhu }).text;
    expect(where).toContain('Phòng Cảnh sát giao thông Công an tỉnh');
    expect(where).toContain('dichvucong.gov.vn');
    expect(where).not.toContain('Bạn có thể nộp hồ sơ tại CAP Trần Phú');
    const overview = ask('giay_phep_lai_xe', 'overview').text;
    expect(overview).toMatch(/Từ 01\/03\/2025[^.]*Cảnh sát giao thông/);
    expect(overview).toContain('Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15');
    const fee = ask('giay_phep_lai_xe', 'fee').text;
    expect(fee).toContain(VI.feeAskOfficer);
    // No amount but the verified waiver.
    expect(fee).not.toMatch(/\d{1,3}\.000 đồng/);
  });
});

describe('composeAnswer: English fixed replies', () => {
  const en = (c: Partial<Classification>, unit: UnitProfile | null = tranPhu) => other(c, unit, 'en');

  it('keeps the same keys in both catalogues', () => {
    expect(Object.keys(EN).sort()).toEqual(Object.keys(VI).sort());
  });

  it('answers emergencies, handovers, unknown, tips, scams, clarifications and greetings in English', () => {
    expect(en({ intent: 'emergency', danger: 'fire' }).text.split('\n')[0]).toMatch(/^Call 114 \(fire and rescue\)/);
    expect(en({ intent: 'emergency', danger: 'medical' }).text.split('\n')[0]).toMatch(/^Call 115/);
    expect(en({ intent: 'emergency', danger: 'police' }).text.split('\n')[0]).toMatch(/^Call 113/);
    expect(en({ intent: 'emergency' }).text).toContain('Hotline of CAP Trần Phú: 0912 345 678.');
    expect(en({ intent: 'human' }).text).toMatch(/^I have passed this conversation to an officer of CAP Trần Phú/);
    const unknown = en({ intent: 'unknown' });
    expect(unknown.text.split('\n').at(-1)).toBe(EN.unsureDanger);
    expect(unknown.quickReplies).toEqual([EN.askOfficer]);
    const scam = en({ intent: 'tip', scam: true }).text.split('\n');
    expect(scam[0]).toMatch(/^The police never ask you to transfer money/);
    expect(scam).toContain(EN.tipThanks);
    const clarify = en({ intent: 'procedure', procedure: 'tam_tru', aspect: 'fee', confidence: 0.2 });
    expect(clarify.text).toContain(EN.clarify);
    // The quick replies' questions stay Vietnamese: the classifier reads Vietnamese.
    expect(clarify.quickReplies[0]).toEqual({
      label: 'Đăng ký tạm trú — Fee',
      text: 'Lệ phí đăng ký tạm trú bao nhiêu?',
    });
    expect(en({ intent: 'smalltalk' }).text).toMatch(/^Hello!/);
    for (const a of [
      unknown,
      en({ intent: 'tip' }, null),
      en({ intent: 'human' }, null),
      en({ intent: 'emergency' }, null),
    ]) {
      expect(a.text).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    }
  });

  it('frames procedure facts in English but quotes them in Vietnamese', () => {
    const a = ask('tam_tru', 'documents', { lang: 'en' });
    expect(a.text.split('\n')[0]).toBe('Đăng ký tạm trú — Documents to prepare:');
    expect(a.text).toContain(entry('dang-ky-tam-tru').documents[0]);
    expect(a.text.split('\n').at(-1)).toBe('Updated: 27/11/2026');
  });
});
