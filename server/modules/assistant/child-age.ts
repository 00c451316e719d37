import { foldDiacritics } from './normalize.js';

// Pure: does a question ask about a child under 14 ("làm căn cước cho con 10 tuổi")? The classifier
// says which procedure is asked; the age decides which of its knowledge-base entries answers.

/** Age from which the ID card is compulsory and the adult procedure applies (Luật Căn cước 2023). */
export const CHILD_AGE_LIMIT = 14;

// Written with diacritics; the folded forms are derived below. A message written with diacritics is
// matched only against these, so "bể" (broken, of a card) never reads as "bé" (a small child).
const CHILD_WORD = '(?:con|bé|cháu|trẻ|nhóc|đứa|thằng|cu|em bé|con bé|con trai|con gái|bé gái|bé trai)';
const AGE_UNIT = '(tuổi|tủi|t|tháng|th)';
const PATTERNS_VI = {
  // "con 10 tuổi", "bé nhà em 5 tuổi", "cháu 3 tháng", "con trai nhà em năm nay 8t".
  age: `(?:^|[^\\p{L}])${CHILD_WORD}(?:\\s+\\p{L}+){0,4}?\\s*(\\d{1,2})\\s*${AGE_UNIT}(?!\\p{L})`,
  // "dưới 14 tuổi", "chưa đủ 6 tuổi".
  under: '(?:dưới|chưa đủ|chưa tới|chưa đến|chưa tròn)\\s*(\\d{1,2})\\s*tuổi',
  // Words that name a small child without an age.
  words:
    '(?:^|[^\\p{L}])(?:con nhỏ|con còn nhỏ|trẻ em|trẻ nhỏ|trẻ con|sơ sinh|mới sinh|mới đẻ|em bé|cháu bé|mẫu giáo|mầm non|tiểu học)(?!\\p{L})',
};

function compile(patterns: typeof PATTERNS_VI, fold: boolean) {
  const f = (s: string) => (fold ? foldDiacritics(s) : s);
  return {
    age: new RegExp(f(patterns.age), 'gu'),
    under: new RegExp(f(patterns.under), 'gu'),
    words: new RegExp(f(patterns.words), 'u'),
  };
}
const ACCENTED = compile(PATTERNS_VI, false);
const FOLDED = compile(PATTERNS_VI, true);

/** Whether the text names a child under 14: an age below it, "dưới 14 tuổi", or a word like "con nhỏ". */
export function mentionsChildUnder14(text: string): boolean {
  const lower = text.normalize('NFC').toLowerCase();
  const folded = foldDiacritics(lower);
  // Without diacritics in the message, only the folded patterns can match it.
  const re = folded === lower ? FOLDED : ACCENTED;
  if (re.words.test(lower)) return true;
  for (const m of lower.matchAll(re.under)) {
    if (Number(m[1]) <= CHILD_AGE_LIMIT) return true;
  }
  for (const m of lower.matchAll(re.age)) {
    const unit = m[2] ?? '';
    if (unit.startsWith('th')) return true;
    if (Number(m[1]) < CHILD_AGE_LIMIT) return true;
  }
  return false;
}
