// Text normalisation for the procedures assistant: residents type with or without diacritics, in
// teencode and in the Nghệ Tĩnh dialect, so everything is reduced to one folded, lower-case,
// space-separated form before matching. The output is a fixed point (normalize is idempotent): every
// replacement produces tokens that no rule rewrites again, and rules keyed on diacritic spellings can
// never fire on already-folded text.
import { CONTEXT_NEXT, CONTEXT_PREV, AFTER_NUMBER, DIACRITIC_WORDS, FOLDED_WORDS } from './normalize-data.js';

// Letters, digits and combining marks of any script; everything else separates tokens.
const TOKEN_RE = /[\p{L}\p{N}\p{M}]+/gu;
const VN_MARKS_RE = /[\u0300-\u036f]/g;
const ASCII_RE = /^[\x20-\x7e]*$/;
const DIGITS_RE = /^\p{N}+$/u;
const EMOJI_RE = /\p{Extended_Pictographic}/gu;
/** At most this many distinct emoji of a message become syllables. */
const MAX_EMOJI = 3;
const LETTER_DIGIT_RE = /(\p{N})(?=\p{L})|(\p{L})(?=\p{N})/gu;
const TRIPLE_RE = /(\p{L})\1{2,}/gu;
// "cA"/"CA" is how residents write "công an"; only the capitalised spelling is unambiguous, and it
// is gone after lower-casing, so it is rewritten first (the replacement is lower-case: idempotent).
const CA_RE = /(^|[^\p{L}\p{N}])(?:cA|CA)(?=$|[^\p{L}\p{N}])/gu;

/** Removes Vietnamese (Latin) diacritics and maps đ to d; other scripts keep their marks. */
export function foldDiacritics(token: string): string {
  if (ASCII_RE.test(token)) return token;
  return token.normalize('NFD').replace(VN_MARKS_RE, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

function splitLetterDigit(token: string): string[] {
  return token.replace(LETTER_DIGIT_RE, '$1$2 ').split(' ');
}

/** Raw (NFC, lower-case) tokens of a string, before folding. */
function rawTokens(text: string): string[] {
  let s: string;
  try {
    s = text.normalize('NFC');
  } catch {
    s = text;
  }
  s = s.replace(CA_RE, '$1công an').toLowerCase();
  return s.match(TOKEN_RE) ?? [];
}

// Residents use a few thousand distinct syllables, so folding is memoised per raw token (Unicode
// normalisation per token is the costliest step). The cache is dropped when it grows too large, which
// bounds memory on adversarial input.
const FOLD_CACHE_LIMIT = 50_000;
const foldCache = new Map<string, readonly string[]>();

function foldUncached(raw: string): readonly string[] {
  const dialect = DIACRITIC_WORDS.get(raw);
  if (dialect !== undefined) return dialect;
  return splitLetterDigit(foldDiacritics(raw)).filter((part) => part.length > 0);
}

/** Folds one raw token into zero or more folded tokens (dialect words with diacritics first). */
function foldToken(raw: string, out: string[]): void {
  let parts = foldCache.get(raw);
  if (parts === undefined) {
    parts = foldUncached(raw);
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(raw, parts);
  }
  for (const t of parts) out.push(t);
}

/**
 * Collapses stretched letters ("nhaaa") and drops fillers ("ah", "ak") first, so that the context
 * rules below see the same neighbours on every pass (which keeps normalisation idempotent).
 */
function clean(tokens: string[]): string[] {
  const out: string[] = [];
  for (let tok of tokens) {
    if (tok.length >= 3 && !FOLDED_WORDS.has(tok) && !CONTEXT_PREV.has(tok) && !CONTEXT_NEXT.has(tok)) {
      tok = tok.replace(TRIPLE_RE, '$1');
    }
    if (FOLDED_WORDS.get(tok)?.length === 0) continue;
    out.push(tok);
  }
  return out;
}

/** Expands teencode and abbreviations, using the neighbours for the ambiguous ones. */
function expand(raw: string[]): string[] {
  const tokens = clean(raw);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] ?? '';
    const prev = out.length > 0 ? (out[out.length - 1] ?? '') : '';
    const next = tokens[i + 1] ?? '';
    let replacement: readonly string[] | undefined;
    if (prev !== '' && DIGITS_RE.test(prev)) replacement = AFTER_NUMBER.get(tok);
    if (replacement === undefined) replacement = CONTEXT_PREV.get(tok)?.get(prev);
    if (replacement === undefined) replacement = CONTEXT_NEXT.get(tok)?.get(next);
    if (replacement === undefined) replacement = FOLDED_WORDS.get(tok);
    if (replacement === undefined) out.push(tok);
    else for (const t of replacement) out.push(t);
  }
  return out;
}

/** Normalised syllables of a message: folded, lower-case, teencode and dialect expanded. */
export function tokenize(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const folded: string[] = [];
  for (const raw of rawTokens(text)) foldToken(raw, folded);
  return expand(folded);
}

// Per raw token, memoised like folding: [has diacritics, keeps them for the model].
const markCache = new Map<string, readonly [boolean, boolean]>();

function marks(raw: string): readonly [boolean, boolean] {
  let m = markCache.get(raw);
  if (m === undefined) {
    const folded = foldDiacritics(raw);
    const marked = folded !== raw;
    // Dialect words and teencode typed with đ ("đc", "đk") are read in the folded space.
    m = [marked, marked && !DIACRITIC_WORDS.has(raw) && !FOLDED_WORDS.has(folded)];
    if (markCache.size >= FOLD_CACHE_LIMIT) markCache.clear();
    markCache.set(raw, m);
  }
  return m;
}

/**
 * Syllables the normaliser writes itself (dialect and teencode expanded to their folded standard
 * form: "mô" → "dau"). They carry no diacritics even in a message written with them, and mean
 * exactly their standard word.
 */
export const EXPANDED_WORDS: ReadonlySet<string> = new Set(
  [...DIACRITIC_WORDS.values(), ...FOLDED_WORDS.values(), ...AFTER_NUMBER.values()].flat(),
);

/** Share of syllables with diacritics above which a message counts as written with them. */
const WRITTEN_WITH_DIACRITICS = 0.3;

/**
 * Whether the resident wrote this message with diacritics (Vietnamese written normally marks most
 * syllables; a few marked words among unmarked ones is still typing without them).
 */
export function writtenWithDiacritics(text: string): boolean {
  return readSyllables(text).withDiacritics;
}

/**
 * Syllables for the learned model, which keeps what the resident wrote: a syllable written with
 * diacritics stays as written ("đòi" is not "đổi", "tiện" is not "tiền"), and only a syllable
 * written without them is read in the folded space, where teencode and dialect are expanded. So a
 * folded reading applies exactly where the resident typed without accents. Dialect words and
 * teencode that carry marks ("mô", "đc") are folded like the rest: their folded reading is theirs.
 */
export function tokenizeKeepingAccents(text: string): string[] {
  return readSyllables(text).tokens;
}

/** The model's syllables of a message and whether it was written with diacritics, in one pass. */
export function readSyllables(text: string): { tokens: string[]; withDiacritics: boolean } {
  if (typeof text !== 'string' || text.length === 0) return { tokens: [], withDiacritics: false };
  const out: string[] = [];
  let words = 0;
  let marked = 0;
  for (const raw of rawTokens(text)) {
    const ascii = ASCII_RE.test(raw);
    const m = ascii ? null : marks(raw);
    if (!DIGITS_RE.test(raw)) {
      words++;
      if (m?.[0]) marked++;
    }
    if (m?.[1]) out.push(raw);
    else foldToken(raw, out);
  }
  const tokens = expand(out);
  // Emoji carry meaning on their own ("👍", "🙏": thanks, agreement), so each distinct one is a
  // syllable of its own, after the words; they count neither as words nor as diacritics.
  const emoji = text.match(EMOJI_RE);
  if (emoji) for (const e of [...new Set(emoji)].slice(0, MAX_EMOJI)) tokens.push(`emoji:${e}`);
  return { tokens, withDiacritics: words > 0 && marked / words >= WRITTEN_WITH_DIACRITICS };
}

/**
 * Normalises a resident's message to the matching form: NFC, lower-case, no control characters or
 * punctuation, Vietnamese diacritics folded (đ → d), teencode and Nghệ Tĩnh dialect expanded, tokens
 * joined by single spaces. Idempotent, linear in the input, never throws.
 */
export function normalize(text: string): string {
  return tokenize(text).join(' ');
}
