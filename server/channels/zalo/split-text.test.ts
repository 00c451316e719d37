import { describe, expect, it } from 'vitest';
import { splitText, ZALO_MAX_TEXT_CHARS } from './split-text.js';

// Every piece within the limit, nothing lost but the whitespace at the cuts, nothing cut inside a
// character as the resident sees it.
function expectLossless(text: string, pieces: string[], max: number) {
  for (const piece of pieces) {
    expect(piece.length).toBeLessThanOrEqual(max);
    expect(piece).toBe(piece.trim());
    expect(piece).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  }
  expect(pieces.join('').replace(/\s+/g, '')).toBe(text.normalize('NFC').replace(/\s+/g, ''));
}

const SENTENCE =
  'Công dân từ đủ 14 tuổi trở lên được cấp thẻ căn cước tại Công an cấp xã nơi cư trú hoặc bộ phận một cửa. ';

describe('splitText', () => {
  it('keeps a text within the limit as one message', () => {
    expect(splitText('Xin chào! Tôi có thể giúp gì?')).toEqual(['Xin chào! Tôi có thể giúp gì?']);
    expect(splitText('x'.repeat(ZALO_MAX_TEXT_CHARS))).toHaveLength(1);
  });

  it('gives no message for an empty or blank text', () => {
    expect(splitText('')).toEqual([]);
    expect(splitText(' \n\t ')).toEqual([]);
  });

  it('cuts a long Vietnamese answer between sentences, each piece at most 2,000 characters', () => {
    const text = SENTENCE.repeat(40).trim(); // ~4,200 characters
    const pieces = splitText(text);
    expect(pieces.length).toBe(3);
    expectLossless(text, pieces, ZALO_MAX_TEXT_CHARS);
    for (const piece of pieces) expect(piece.endsWith('bộ phận một cửa.')).toBe(true);
  });

  it('cuts at a sentence end before the limit rather than filling the piece', () => {
    const pieces = splitText('Câu thứ nhất khá dài. Câu thứ hai.', 25);
    expect(pieces).toEqual(['Câu thứ nhất khá dài.', 'Câu thứ hai.']);
  });

  it('cuts a sentence longer than the limit between words', () => {
    const text = 'Hồ sơ gồm tờ khai, giấy tờ chứng minh chỗ ở hợp pháp và bản sao giấy khai sinh của trẻ em';
    const pieces = splitText(text, 20);
    expectLossless(text, pieces, 20);
    const words = new Set(text.split(' '));
    for (const piece of pieces) for (const word of piece.split(' ')) expect(words.has(word)).toBe(true);
  });

  it('cuts a word longer than the limit between characters, never inside a surrogate pair', () => {
    // 1,500 faces (3,000 UTF-16 units): a cut after an odd number of units would split one.
    const text = 'a' + '\u{1F600}'.repeat(1500);
    const pieces = splitText(text);
    expectLossless(text, pieces, ZALO_MAX_TEXT_CHARS);
    expect(pieces).toHaveLength(2);
    expect(pieces[0]).toHaveLength(1999);
  });

  it('never separates an emoji sequence or a letter from its marks', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // one grapheme, 8 UTF-16 units
    const text = family.repeat(5);
    const pieces = splitText(text, 10);
    expect(pieces).toEqual([family, family, family, family, family]);
    // Decomposed Vietnamese (NFD, as some keyboards send it) is composed first: "ệ" counts once.
    const nfd = 'Nghệ An '.normalize('NFD').repeat(3).trim();
    expect(splitText(nfd, 8)).toEqual(['Nghệ An', 'Nghệ An', 'Nghệ An']);
  });

  it('keeps paragraph breaks inside a piece and drops them at a cut', () => {
    const text = 'Dòng một.\nDòng hai.\n\nDòng ba rất dài, dài hơn.';
    const pieces = splitText(text, 22);
    expect(pieces[0]).toBe('Dòng một.\nDòng hai.');
    expectLossless(text, pieces, 22);
  });
});
