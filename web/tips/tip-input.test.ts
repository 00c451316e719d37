import { describe, expect, it } from 'vitest';
import { TIP_CATEGORIES, TIP_STATUSES } from '../../contracts/tips';
import en from '../i18n/en.json';
import vi from '../i18n/vi.json';
import { FORM_CATEGORIES, localDateTimeToIso, normaliseReceiptInput, passphraseInput, roundedPoint } from './tip-input';

describe('tip form helpers', () => {
  it('offers every category, "other" last, each with a label in both languages', () => {
    expect([...FORM_CATEGORIES].sort()).toEqual([...TIP_CATEGORIES].sort());
    expect(FORM_CATEGORIES.at(-1)).toBe('other');
    for (const c of TIP_CATEGORIES) {
      expect(vi.tips.categories[c], c).toMatch(/\S/);
      expect(en.tips.categories[c], c).toMatch(/\S/);
    }
    expect(new Set(Object.values(vi.tips.categories)).size).toBe(TIP_CATEGORIES.length);
  });

  it('says every status in plain words in both languages', () => {
    for (const s of TIP_STATUSES) {
      expect(vi.tips.follow.statuses[s], s).toMatch(/\S/);
      expect(en.tips.follow.statuses[s], s).toMatch(/\S/);
    }
  });

  it('reads a receipt code however it was typed', () => {
    for (const typed of [
      'TB-7K3M9QXA',
      'tb-7k3m9qxa',
      ' TB 7K3M 9QXA ',
      'TB7K3M9QXA',
      '7k3m9qxa',
      '7K3M-9QXA',
      'tb.7k3m.9qxa',
    ])
      expect(normaliseReceiptInput(typed), typed).toBe('TB-7K3M9QXA');
    // A code whose own symbols begin with "TB".
    expect(normaliseReceiptInput('TBTB2345')).toBe('TB-TBTB2345');
    expect(normaliseReceiptInput('TB-TBTB2345')).toBe('TB-TBTB2345');
  });

  it('refuses what cannot be a receipt code (look-alike letters, wrong length, blank)', () => {
    for (const bad of [
      '',
      '   ',
      'TB-7K3M9QX',
      'TB-7K3M9QXAB',
      'TB-0K3M9QXA',
      'TB-IK3M9QXA',
      'TB-LK3M9QXA',
      'TB-UK3M9QXA',
      'TB-7K3M9QX!',
    ])
      expect(normaliseReceiptInput(bad), bad).toBeNull();
  });

  it('collapses a typed passphrase and treats a blank one as none', () => {
    expect(passphraseInput('  mây   trắng  cánh đồng ')).toBe('mây trắng cánh đồng');
    expect(passphraseInput('   ')).toBeUndefined();
    expect(passphraseInput('')).toBeUndefined();
  });

  it('turns the phone’s local date and time into an instant, and nothing into nothing', () => {
    expect(localDateTimeToIso('')).toBeUndefined();
    expect(localDateTimeToIso('không phải ngày')).toBeUndefined();
    const iso = localDateTimeToIso('2026-11-30T21:15');
    expect(iso).toBe(new Date(2026, 10, 30, 21, 15).toISOString());
  });

  it('rounds a position to about ten metres', () => {
    expect(roundedPoint(18.3427149, 105.9057321)).toEqual({ latitude: 18.34271, longitude: 105.90573 });
  });
});
