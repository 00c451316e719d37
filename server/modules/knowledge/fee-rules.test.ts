import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kbSeedFileSchema, type FeeRule } from '../../../contracts/knowledge.js';
import { projectRoot } from '../../lib/paths.js';
import { feeRulesInForce, formatDateVi, formatVnd, vietnamDate } from './fee-rules.js';

const seed = kbSeedFileSchema.parse(
  JSON.parse(fs.readFileSync(path.join(projectRoot(), 'seed/kb/procedures.json'), 'utf8')),
);
const rulesOf = (id: string): FeeRule[] => seed.find((e) => e.id === id)?.content.fee.rules ?? [];
const amounts = (rules: FeeRule[]) => rules.map((r) => [r.label, r.channel, r.amountVnd]);

const rule = (over: Partial<FeeRule>): FeeRule => ({
  label: 'Lệ phí',
  amountVnd: 1000,
  channel: 'any',
  validFrom: null,
  validTo: null,
  condition: null,
  legalBasis: null,
  ...over,
});

describe('fee rules', () => {
  it('ID-card renewal costs 15.000/25.000 đ on 31/12/2026 and 30.000/50.000 đ from 01/01/2027', () => {
    const paid = (date: string) =>
      feeRulesInForce(rulesOf('cap-doi-the-can-cuoc'), date).filter((r) => r.amountVnd > 0);
    expect(paid('2026-12-31').map((r) => r.amountVnd)).toEqual([15_000, 25_000]);
    expect(paid('2027-01-01').map((r) => r.amountVnd)).toEqual([30_000, 50_000]);
    expect(paid('2025-06-30').map((r) => r.amountVnd)).toEqual([30_000, 50_000]);
    expect(paid('2025-07-01').map((r) => r.amountVnd)).toEqual([15_000, 25_000]);
  });

  it('applies the "công dân số" waiver from 15/08/2026 to 28/02/2027 inclusive, online only', () => {
    const waiver = (date: string) =>
      feeRulesInForce(rulesOf('cap-doi-the-can-cuoc'), date).filter((r) => r.amountVnd === 0 && r.channel === 'online');
    expect(waiver('2026-08-14')).toHaveLength(0);
    expect(waiver('2026-08-15')).toHaveLength(1);
    expect(waiver('2027-02-28')).toHaveLength(1);
    expect(waiver('2027-03-01')).toHaveLength(0);
    expect(waiver('2026-08-15')[0]?.condition).toContain('VNeID');
    // Residence fees carry the same waiver.
    for (const id of ['dang-ky-thuong-tru', 'dang-ky-tam-tru', 'gia-han-tam-tru', 'tach-ho']) {
      expect(amounts(feeRulesInForce(rulesOf(id), '2026-11-27')), id).toContainEqual([
        'Miễn lệ phí cho công dân số',
        'online',
        0,
      ]);
      expect(
        feeRulesInForce(rulesOf(id), '2027-03-01').every((r) => r.amountVnd > 0),
        id,
      ).toBe(true);
    }
  });

  it('keeps base residence fees and the free procedures as one 0 đ rule', () => {
    expect(amounts(feeRulesInForce(rulesOf('dang-ky-thuong-tru'), '2027-06-01'))).toEqual([
      ['Nộp trực tiếp hoặc qua bưu chính', 'in_person', 20_000],
      ['Nộp trực tuyến', 'online', 10_000],
    ]);
    expect(rulesOf('xoa-dang-ky-tam-tru')).toHaveLength(1);
    expect(rulesOf('xoa-dang-ky-tam-tru')[0]?.amountVnd).toBe(0);
    // Unknown vehicle fees are not invented.
    expect(rulesOf('dang-ky-xe-lan-dau')).toEqual([]);
  });

  it('lets a dated rule override an open-ended rule for the same case', () => {
    const base = rule({ amountVnd: 30_000 });
    const cut = rule({ amountVnd: 15_000, validFrom: '2025-07-01', validTo: '2026-12-31' });
    expect(feeRulesInForce([base, cut], '2026-12-31')).toEqual([cut]);
    expect(feeRulesInForce([base, cut], '2027-01-01')).toEqual([base]);
    const other = rule({ amountVnd: 0, channel: 'online', condition: 'x' });
    expect(feeRulesInForce([base, cut, other], '2026-01-01')).toEqual([cut, other]);
  });

  it('formats amounts and dates the Vietnamese way', () => {
    expect(formatVnd(15_000)).toBe('15.000 đồng');
    expect(formatVnd(1_234_567)).toBe('1.234.567 đồng');
    expect(formatVnd(0)).toBe('0 đồng');
    expect(formatDateVi('2026-12-31')).toBe('31/12/2026');
    // 17:30 UTC on 31/12 is already 01/01 in Vietnam.
    expect(vietnamDate(Date.parse('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(vietnamDate(Date.parse('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
  });
});
