import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../../contracts/accounts';
import type { Unit, UnitKind } from '../../contracts/units';
import { permissionsFor } from './session';

const unit = (id: string, kind: UnitKind, parentId: string | null): Unit => ({
  id,
  slug: id,
  kind,
  name: id,
  displayName: id,
  parentId,
  description: null,
  address: null,
  phone: null,
  hotline: null,
  openingHours: null,
  latitude: null,
  longitude: null,
  avatarUrl: null,
  mergedInto: null,
  hasAccount: kind === 'ward' || kind === 'commune',
  updatedAt: '2026-12-01T00:00:00Z',
});
const province = unit('province', 'province', null);
const ward = unit('ward', 'ward', 'province');
const units = [province, ward];
const me = (role: Role, unitId: string | null): Me => ({
  officer: { id: 'o', username: 'o', displayName: 'O', totpEnabled: true },
  roles: [{ role, unitId, unitName: null }],
});
const tips = (role: Role, unitId: string | null, on = ward) => {
  const p = permissionsFor(me(role, unitId), on, units);
  return [p.canReadTips, p.canHandleTips, p.canRevealTips, p.canConfigureTips];
};

describe('tip permissions (as the server policy)', () => {
  it('let officers read and handle, never reveal or configure', () => {
    expect(tips('officer', 'ward')).toEqual([true, true, false, false]);
  });
  it('let the owner do everything, a supervisor above read and reveal only', () => {
    expect(tips('owner', 'ward')).toEqual([true, true, true, true]);
    expect(tips('supervisor', 'province')).toEqual([true, false, true, false]);
    expect(tips('admin', null)).toEqual([true, true, true, true]);
  });
  it('give no tip desk to a province (tips belong to wards and communes)', () => {
    expect(tips('supervisor', 'province', province)).toEqual([false, false, false, false]);
  });
});
