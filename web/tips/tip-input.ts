import { RECEIPT_CODE_LENGTH, receiptCodePattern, TIP_CATEGORIES, type TipCategory } from '../../contracts/tips';

// Pure helpers of the residents' tip pages (kept apart from React so they can be unit-tested).

/** The categories in the order the form offers them ("other" last). */
export const FORM_CATEGORIES: readonly TipCategory[] = TIP_CATEGORIES;

/**
 * A receipt code as residents type it — lower case, with spaces, without the dash or the "TB" — in
 * its printed form `TB-XXXXXXXX`; null when it cannot be one. The server normalises the same way;
 * this lets the page say "check the code" before asking it.
 */
export function normaliseReceiptInput(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s._-]/g, '');
  const body = compact.startsWith('TB') && compact.length === RECEIPT_CODE_LENGTH + 2 ? compact.slice(2) : compact;
  const code = `TB-${body}`;
  return receiptCodePattern.test(code) ? code : null;
}

/** A passphrase as typed: spaces collapsed; empty means none (an identified resident's own tip). */
export function passphraseInput(text: string): string | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean).join(' ');
  return words || undefined;
}

/** A `datetime-local` value (the phone's local time) as an ISO instant, or undefined when blank or invalid. */
export function localDateTimeToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A point rounded to ~11 m (5 decimals): enough to find the place, no more precise than needed. */
export function roundedPoint(latitude: number, longitude: number): { latitude: number; longitude: number } {
  const r = (x: number) => Math.round(x * 1e5) / 1e5;
  return { latitude: r(latitude), longitude: r(longitude) };
}
