import { describe, expect, it } from 'vitest';
import type { DangerKind } from '../../../contracts/assistant.js';
import { getClassifier } from './classifier.js';
import { tokenizeKeepingAccents, writtenWithDiacritics } from './normalize.js';
import { DANGER_PHRASES } from './lexicon/danger.js';
import { SCAM_DEMANDS, SCAM_POSING } from './lexicon/scam.js';
import { createSafetyLayer, dangerKind } from './safety.js';

const safety = createSafetyLayer();
const read = (text: string) =>
  safety.read({ tokens: tokenizeKeepingAccents(text), folded: !writtenWithDiacritics(text) });

// Danger described without any word of an emergency keyword list (the patterns), in
// several writing styles; the service decides the number that comes first.
const DANGER: [string, DangerKind][] = [
  ['ông nhà tui đang say cầm dao dọa cả nhà', 'police'],
  ['ong nha tui dang say cam dao doa ca nha', 'police'],
  ['thằng bé nhà bên trượt chân xuống giếng', 'unclear'],
  ['khói đen bốc lên từ kho hàng cạnh nhà', 'fire'],
  ['khoi den boc len tu kho hang canh nha', 'fire'],
  ['có người nằm bất động giữa đường', 'unclear'],
  ['nó dọa tự tử, đang đứng ngoài lan can', 'police'],
  ['hắn cầm mã tấu đuổi chém người ngoài chợ', 'police'],
  ['con tui uống nhầm thuốc trừ sâu rồi', 'medical'],
  ['bà ngoại tự nhiên co giật sùi bọt mép', 'medical'],
  ['nhà bên có mùi ga nồng nặc', 'fire'],
  ['CỨU VỚI', 'unclear'],
  ['cuu voi', 'unclear'],
  ['nc lu len toi mai nha r, ong ba ko ra dc', 'unclear'],
  ['con bé nhà em đi chợ với bà mà giờ không thấy con đâu', 'police'],
  ['vừa bị 2 thằng đi xe máy giật túi xách', 'police'],
  ['thằng chồng đang đánh vợ ầm ầm bên nhà hàng xóm', 'police'],
  ['anh thợ bị điện giật ngã từ trên cột xuống', 'medical'],
  // Someone about to jump; a structure about to fall on people; a landslide onto a house.
  ['ny e nhan tin dang dung tren cau, chuan bi nhay', 'police'],
  ['cái ban công nhà đối diện sắp sập, có ông cụ đứng trên đó', 'unclear'],
  ['đất trên đồi sạt xuống nhà dân, còn người bên trong', 'unclear'],
  ['con e di hoc ve bi mot nguoi la don, co giao noi khong phai bo me', 'police'],
  ['bình gas nhà tui bị xì mạnh, van không khóa lại được', 'fire'],
  // A context masks only its own phrases: the fire that spreads is still a fire.
  ['đốt rác ở vườn giờ cháy lan sang nhà kho rồi', 'fire'],
  ['đang đánh bài thì thằng kia rút dao đâm người', 'police'],
];

// Not emergencies: the danger word is in the past, a paperwork question's backstory, or a word
// that only collides with a danger word once its diacritics are gone.
const NOT_DANGER = [
  'sổ hộ khẩu nhà em bị cháy năm ngoái giờ làm sao',
  'bố em mất vì tai nạn, giờ xóa thường trú cần gì',
  'hôm qua em bị giật điện thoại ở chợ',
  'làm định danh điện tử cho con dưới 14 tuổi thế nào ạ',
  'a ơi có trang fb mạo danh công an phường nhận làm hộ cccd lấy tiền',
  'tờ khai căn cước mẫu nào',
  'to khai can cuoc mau nao',
  'anh ấy đòi tiền thuê nhà, tiện thể cho hỏi tạm trú',
  'phòng cháy chữa cháy cho nhà trọ cần giấy tờ gì',
  'đăng ký tạm trú cần gì',
  // A context changes what the danger word means: the game, the catch, smoke from rubbish or drugs.
  'sòng bạc xóm 3, tối nay vẫn đang đánh',
  'mấy ông dùng xung điện đánh cá ở hồ, giờ vẫn đang đánh',
  'nhà ai đốt rác khói mù mịt bay vào nhà em',
  'phòng trọ bên cạnh đang dùng ma túy, mùi khét bay sang',
  // A harmless phrase still masks what only overlaps it ("người lạ" is not a danger by itself).
  'có người lạ hỏi thăm nhà ai có người già ở một mình',
  'sợ người lạ vào nhà nên tối nào cũng khóa cửa',
  // A scam story: the ambulance ("cấp cứu") is the scammer's lie, not a cry for help.
  'có người gọi nói con tôi bị tai nạn đang cấp cứu, đòi chuyển tiền mổ gấp',
];

describe('safety layer', () => {
  it.each(DANGER)('reads danger in "%s" (%s first)', (text, kind) => {
    const r = read(text);
    expect(r.danger, r.phrases.join(', ')).toBe(true);
    expect(dangerKind(r.services)).toBe(kind);
  });

  it.each(NOT_DANGER)('finds no danger now in "%s"', (text) => {
    expect(read(text).danger).toBe(false);
  });

  it('matches a folded syllable only in a message typed without diacritics', () => {
    // "dao" (knife) typed plainly is a knife; "đào" (dig) written with its marks is not.
    expect(read('thang do cam dao doa giet ca nha').danger).toBe(true);
    expect(read('ông ấy đang cầm cuốc đào mương').danger).toBe(false);
  });

  it('cannot be outvoted: the classifier answers emergency whenever the layer reads danger', () => {
    const classifier = getClassifier();
    for (const [text, kind] of DANGER) {
      const c = classifier.classify(text, ['đăng ký tạm trú cần giấy tờ gì', 'cảm ơn']);
      expect([text, c.intent]).toEqual([text, 'emergency']);
      // The model may find a second service in it: then every number is given.
      expect([kind, 'unclear']).toContain(c.danger);
    }
  });
});

describe('danger phrase syntax', () => {
  // "a|b" offers one syllable or another; "x y|z" would silently mean "x (y|z)", not "(x y)|z".
  it('puts alternatives only in a slot that ends the phrase or comes before a gap', () => {
    const all = [
      ...Object.values(DANGER_PHRASES).flatMap((p) => [...p.critical, ...p.strong, ...p.weak]),
      ...SCAM_POSING,
      ...SCAM_DEMANDS,
    ];
    const bad = all.filter((phrase) => {
      const slots = phrase.replace(/^=/, '').split(' ');
      return slots.some((s, i) => s.includes('|') && i + 1 < slots.length && slots[i + 1] !== '~');
    });
    expect(bad).toEqual([]);
  });
});
