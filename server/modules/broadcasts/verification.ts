import { randomInt } from 'node:crypto';
import { VERIFICATION_ALPHABET } from '../../../contracts/broadcasts.js';
import { foldDiacritics } from '../assistant/normalize.js';

// What residents paste into the verification page, read without trusting any of it: a post's code
// (alone or inside a link), a link to a post on this site, a phone number, an account's name.

/** A fresh `KN-XXXX-XX` code from the crypto RNG (30^6 ≈ 729 million codes). */
export function newVerificationCode(): string {
  const pick = () => VERIFICATION_ALPHABET[randomInt(VERIFICATION_ALPHABET.length)] ?? '';
  const part = (n: number) => Array.from({ length: n }, pick).join('');
  return `KN-${part(4)}-${part(2)}`;
}

const SYMBOL = '[2-9A-HJKMNP-TV-Z]';
// Residents type codes in lower case, with spaces or without the dashes; a link may encode them.
const CODE_IN_TEXT = new RegExp(`(?<![A-Z0-9])KN[\\s._-]*(${SYMBOL}{4})[\\s._-]*(${SYMBOL}{2})(?![A-Z0-9])`);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The code a text holds (upper case, with its dashes), or null. */
export function codeIn(text: string): string | null {
  const m = CODE_IN_TEXT.exec(decoded(text).toUpperCase());
  return m?.[1] && m[2] ? `KN-${m[1]}-${m[2]}` : null;
}

const POST_LINK = /\/tin-tuc\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f])/i;

/**
 * The post id of a link to `/tin-tuc/{id}`: a bare path, or a link to this site (`ownHost`). A page
 * elsewhere that copies a real post's path is not the post: its link verifies nothing.
 */
export function linkedPostId(text: string, ownHost: string): string | null {
  const trimmed = text.trim();
  const m = POST_LINK.exec(trimmed);
  if (!m?.[1]) return null;
  const id = m[1].toLowerCase();
  if (m.index === 0) return id;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  if (!URL.canParse(withScheme)) return null;
  return new URL(withScheme).host.toLowerCase() === ownHost.toLowerCase() ? id : null;
}

/** A phone number's digits in the national form (+84 / 0084 → 0), or null when it cannot be one. */
export function phoneDigits(text: string): string | null {
  let digits = text.replace(/\D/g, '');
  if (digits.startsWith('0084')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('84') && digits.length >= 10) digits = `0${digits.slice(2)}`;
  return digits.length >= 3 && digits.length <= 15 ? digits : null;
}

// How account names are abbreviated: "CAP Bắc Hà" is "Công an phường Bắc Hà".
const ABBREVIATIONS: Record<string, string> = { cap: 'cong an phuong', cax: 'cong an xa', ca: 'cong an' };

/** A name folded for comparison: no diacritics, lower case, single spaces, abbreviations spelt out. */
export function foldName(text: string): string {
  const words = foldDiacritics(text.normalize('NFC'))
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.map((w, i) => (i === 0 ? (ABBREVIATIONS[w] ?? w) : w)).join(' ');
}
