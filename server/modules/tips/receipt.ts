import crypto, { randomInt } from 'node:crypto';
import { RECEIPT_ALPHABET, RECEIPT_CODE_LENGTH, receiptCodePattern } from '../../../contracts/tips.js';
import { PASSPHRASE_WORDS } from './words.js';

// Receipt codes and passphrases of tips, from the crypto RNG (like the posts' verification codes).

/** A fresh `TB-XXXXXXXX` code (30^8 ≈ 6.6·10^11 codes). */
export function newReceiptCode(): string {
  const pick = () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)] ?? '';
  return `TB-${Array.from({ length: RECEIPT_CODE_LENGTH }, pick).join('')}`;
}

/** A code as residents type it (lower case, spaces, without the dash) in its stored form, or null. */
export function normaliseReceiptCode(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s._-]/g, '');
  const code = compact.startsWith('TB') ? `TB-${compact.slice(2)}` : `TB-${compact}`;
  return receiptCodePattern.test(code) ? code : null;
}

export const PASSPHRASE_WORD_COUNT = 5;

/** Five words from the list, space-separated (≈ 51 bits). */
export function newPassphrase(words = PASSPHRASE_WORD_COUNT): string {
  return Array.from({ length: words }, () => PASSPHRASE_WORDS[randomInt(PASSPHRASE_WORDS.length)] ?? '').join(' ');
}

/** A passphrase as typed (case, extra spaces, decomposed diacritics) in the form that was hashed. */
export function normalisePassphrase(text: string): string {
  return text.normalize('NFC').toLowerCase().trim().split(/\s+/).join(' ');
}

/** A key of its own for one purpose, derived from the installation's key (HKDF-SHA256). */
export function derivedKey(key: Buffer, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
}

/** A keyed hash (HMAC-SHA256, base64url) that stands for a value without revealing it. */
export function keyedHash(key: Buffer, info: string, value: string): string {
  return crypto.createHmac('sha256', derivedKey(key, info)).update(value).digest('base64url');
}
