import { describe, expect, it } from 'vitest';
import { TIP_STATUSES, type TipStatus } from '../../../contracts/tips.js';
import { PASSPHRASE_WORDS } from './words.js';
import { newPassphrase, newReceiptCode, normalisePassphrase, normaliseReceiptCode } from './receipt.js';
import { deadlineOf, FROM, InvalidTipTransitionError, isFinal, transition, type TipEvent } from './tip-state.js';

const EVENTS: TipEvent[] = [
  { type: 'acknowledge' },
  { type: 'verify' },
  { type: 'handle', outcome: 'Đã xử lý' },
  { type: 'transfer_here', toUnitId: 'u2', fromUnitId: 'u1' },
  { type: 'transfer_out', bodyName: 'Cơ quan Cảnh sát điều tra Công an thành phố Hà Tĩnh' },
  { type: 'reject', kind: 'spam', reason: 'Quảng cáo', relatedTipId: null },
];

// Every event against every state: the allowed ones give exactly this, the rest throw.
const EXPECTED: Record<TipStatus, Partial<Record<TipEvent['type'], TipStatus>>> = {
  received: { acknowledge: 'acknowledged', transfer_here: 'received', transfer_out: 'transferred', reject: 'rejected' },
  acknowledged: {
    verify: 'verifying',
    handle: 'handled',
    transfer_here: 'received',
    transfer_out: 'transferred',
    reject: 'rejected',
  },
  verifying: { handle: 'handled', transfer_here: 'received', transfer_out: 'transferred', reject: 'rejected' },
  handled: {},
  transferred: {},
  rejected: {},
};

describe('tip state machine', () => {
  for (const status of TIP_STATUSES) {
    for (const event of EVENTS) {
      const expected = EXPECTED[status][event.type];
      it(`${event.type} on ${status} → ${expected ?? 'refused'}`, () => {
        if (expected) {
          const t = transition(status, event);
          expect(t.status).toBe(expected);
          expect(t.deadline).toBe(deadlineOf(expected));
          expect(t.moveToUnitId).toBe(event.type === 'transfer_here' ? 'u2' : null);
        } else {
          expect(() => transition(status, event)).toThrow(InvalidTipTransitionError);
          expect(FROM[event.type]).not.toContain(status);
        }
      });
    }
  }

  it('final states have no deadline; open ones do', () => {
    expect(TIP_STATUSES.filter((s) => isFinal(s))).toEqual(['handled', 'transferred', 'rejected']);
    expect(deadlineOf('received')).toBe('acknowledge');
    expect(deadlineOf('acknowledged')).toBe('check');
    expect(deadlineOf('verifying')).toBe('settle');
    expect(deadlineOf('handled')).toBeNull();
  });

  it('refuses steps without what they need', () => {
    const bad: TipEvent[] = [
      { type: 'handle', outcome: '  ' },
      { type: 'transfer_here', toUnitId: 'u1', fromUnitId: 'u1' },
      { type: 'transfer_out', bodyName: '' },
      { type: 'reject', kind: 'spam', reason: '', relatedTipId: null },
      { type: 'reject', kind: 'duplicate', reason: 'Trùng', relatedTipId: null },
    ];
    for (const e of bad) {
      try {
        transition('verifying', e);
        expect.unreachable(e.type);
      } catch (err) {
        expect((err as InvalidTipTransitionError).code).toBe('invalid_tip_event');
      }
    }
    expect(
      transition('verifying', { type: 'reject', kind: 'duplicate', reason: 'Trùng', relatedTipId: 't1' }).status,
    ).toBe('rejected');
  });
});

describe('receipt codes and passphrases', () => {
  it('codes are TB- and 8 symbols without look-alikes, read back however typed', () => {
    for (let i = 0; i < 200; i++) {
      const code = newReceiptCode();
      expect(code).toMatch(/^TB-[2-9A-HJKMNP-TV-Z]{8}$/);
      expect(normaliseReceiptCode(code.toLowerCase().replace('-', ' '))).toBe(code);
    }
    expect(normaliseReceiptCode('TB-0000OOOO')).toBeNull();
    expect(normaliseReceiptCode('hello')).toBeNull();
  });

  it('the word list holds over 1,000 unique short lower-case NFC words, none offensive', () => {
    expect(PASSPHRASE_WORDS.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(PASSPHRASE_WORDS).size).toBe(PASSPHRASE_WORDS.length);
    for (const w of PASSPHRASE_WORDS) {
      expect(w).toBe(w.normalize('NFC').toLowerCase());
      expect(w).toMatch(/^\p{L}{1,7}$/u);
    }
    for (const banned of ['lồn', 'buồi', 'cặc', 'đéo', 'địt', 'đĩ', 'đụ', 'chết', 'giết', 'ngu']) {
      expect(PASSPHRASE_WORDS).not.toContain(banned);
    }
  });

  it('passphrases are five words from the list, compared however they are typed', () => {
    const p = newPassphrase();
    const words = p.split(' ');
    expect(words).toHaveLength(5);
    for (const w of words) expect(PASSPHRASE_WORDS).toContain(w);
    expect(normalisePassphrase(`  ${p.toUpperCase().normalize('NFD').replace(/ /g, '   ')} `)).toBe(p);
  });
});
