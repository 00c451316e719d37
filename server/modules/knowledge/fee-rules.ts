import type { FeeRule } from '../../../contracts/knowledge.js';

// Pure: which fee rules are in force on a day, and how amounts and dates read in Vietnamese.

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const FAR = 8.64e15;

/** The calendar day (YYYY-MM-DD) in Vietnam (UTC+7, no daylight saving) at an instant. */
export function vietnamDate(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

function inForce(rule: FeeRule, date: string): boolean {
  // ISO dates compare correctly as strings; both ends are inclusive.
  return (rule.validFrom === null || rule.validFrom <= date) && (rule.validTo === null || date <= rule.validTo);
}

function span(rule: FeeRule): number {
  const from = rule.validFrom ? Date.parse(rule.validFrom) : -FAR;
  const to = rule.validTo ? Date.parse(rule.validTo) : FAR;
  return to - from;
}

/**
 * The rules in force on `date` (YYYY-MM-DD), in their stored order. When two rules for the same
 * case (label, channel, condition) overlap, the one with the narrower validity wins, so a dated
 * reduction can sit on top of an open-ended base rate.
 */
export function feeRulesInForce(rules: readonly FeeRule[], date: string): FeeRule[] {
  const active = rules.filter((r) => inForce(r, date));
  const key = (r: FeeRule) => `${r.label}\u0000${r.channel}\u0000${r.condition ?? ''}`;
  const best = new Map<string, FeeRule>();
  for (const r of active) {
    const k = key(r);
    const seen = best.get(k);
    if (!seen || span(r) < span(seen)) best.set(k, r);
  }
  return active.filter((r) => best.get(key(r)) === r);
}

/** "15.000 đồng" (dots as thousands separators, as written in Vietnamese). */
export function formatVnd(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

/** "2026-12-31" → "31/12/2026". */
export function formatDateVi(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d ?? ''}/${m ?? ''}/${y ?? ''}`;
}
