import { describe, expect, it } from 'vitest';
import en from './en.json';
import vi from './vi.json';

// The same characters eslint.config.js refuses in the web app's code: emoji drawn as icons show as
// empty boxes on older phones, so icons come from @tabler/icons-react, never from the texts.
const EMOJI =
  /[\p{Extended_Pictographic}\u{2300}-\u{23FF}\u{25A0}-\u{25FF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{1F000}-\u{1FAFF}]|\u{FE0F}/u;

/** Where a text would show an emoji; a character quoted as itself (“⚠”, a marker officers look for) is named, not drawn. */
function emojiIn(text: string): boolean {
  return EMOJI.test(text.replace(/“[^”]*”/gu, ''));
}

function texts(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
  return [];
}

describe('UI texts', () => {
  it('recognises the emoji the app once used as icons', () => {
    for (const s of ['🚨 Khẩn cấp', '📎 tệp', '📍', '🎤', '👤 An', '🔔', '■ Dừng', '⚠️ chú ý', '✅'])
      expect(emojiIn(s), s).toBe(true);
    for (const s of ['Khẩn cấp: người dân báo nguy hiểm', '“⚠”', '• mục', 'Hạn trả lời đầu: 20:45'])
      expect(emojiIn(s), s).toBe(false);
  });

  it('hold no emoji in either language', () => {
    for (const [lang, catalogue] of [
      ['vi', vi],
      ['en', en],
    ] as const) {
      const found = texts(catalogue)
        .filter(([, text]) => emojiIn(text))
        .map(([key]) => `${lang}:${key}`);
      expect(found).toEqual([]);
    }
  });
});
