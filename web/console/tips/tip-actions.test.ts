import { describe, expect, it } from 'vitest';
import type { TipStatus } from '../../../contracts/tips';
import { canRevealIdentity, canWork, dueState, tipButtons, type TipRights } from './tip-actions';

const officer: TipRights = { canHandle: true, canReveal: false };
const owner: TipRights = { canHandle: true, canReveal: true };
const supervisor: TipRights = { canHandle: false, canReveal: true };
const buttons = (status: TipStatus, rights: TipRights) => tipButtons({ status }, rights);

describe('tip buttons', () => {
  it('follow the state machine: acknowledge, then check or settle, then settle', () => {
    expect(buttons('received', officer)).toEqual(['acknowledge', 'transfer', 'reject', 'merge']);
    expect(buttons('acknowledged', officer)).toEqual(['verify', 'handle', 'transfer', 'reject', 'merge']);
    expect(buttons('verifying', owner)).toEqual(['handle', 'transfer', 'reject', 'merge']);
  });

  it('offer no step on a closed tip', () => {
    for (const s of ['handled', 'transferred', 'rejected'] as const) {
      expect(buttons(s, owner)).toEqual([]);
      expect(canWork({ status: s }, owner)).toEqual({ write: true, priority: false });
    }
  });

  it('leave a supervisor reading, and revealing identities, but not handling', () => {
    expect(buttons('received', supervisor)).toEqual([]);
    expect(canWork({ status: 'received' }, supervisor)).toEqual({ write: false, priority: false });
    expect(canRevealIdentity({ identityLeft: true }, supervisor)).toBe(true);
  });

  it('show "Xem danh tính" only to the owner or a supervisor, and only for an identified tip', () => {
    expect(canRevealIdentity({ identityLeft: true }, officer)).toBe(false);
    expect(canRevealIdentity({ identityLeft: true }, owner)).toBe(true);
    expect(canRevealIdentity({ identityLeft: false }, owner)).toBe(false);
  });
});

describe('due state', () => {
  const now = Date.parse('2026-12-01T08:00:00Z');
  const tip = (dueAt: string | null, overdue = false, status: TipStatus = 'received') => ({ dueAt, overdue, status });
  it('is red when missed, orange within a few hours, plain otherwise, none once closed', () => {
    expect(dueState(tip('2026-12-01T07:00:00Z', true), now)).toBe('overdue');
    expect(dueState(tip('2026-12-01T07:59:00Z'), now)).toBe('overdue');
    expect(dueState(tip('2026-12-01T11:00:00Z'), now)).toBe('soon');
    expect(dueState(tip('2026-12-02T08:00:00Z'), now)).toBe('due');
    expect(dueState(tip(null), now)).toBe(null);
    expect(dueState(tip('2026-12-01T07:00:00Z', true, 'handled'), now)).toBe(null);
  });
});
