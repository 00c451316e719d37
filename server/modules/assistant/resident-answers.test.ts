import { describe, expect, it } from 'vitest';
import { ASPECTS, PROCEDURE_IDS, type Aspect, type ProcedureId } from '../../../contracts/assistant.js';
import { seedKbEntries } from '../../test/kb-seed.js';
import { residentSourceProblems, residentTextProblems } from '../../test/resident-text.js';
import { composeAnswer, type UnitProfile } from './compose.js';

// Walks every knowledge-base entry × every aspect (alone, and all together) through the composer,
// in both languages, with and without a unit: what a resident reads holds no research notes, at most
// three official sources, no line or phrase twice.

const entries = seedKbEntries();
const unit: UnitProfile = {
  displayName: 'CAP Trần Phú',
  address: '12 Trần Phú, TP Hà Tĩnh',
  phone: '0239 3855 123',
  hotline: '0912 345 678',
  openingHours: '7:30–11:30, 13:30–17:00 (T2–T6)',
};
const ASKED: Aspect[][] = [...ASPECTS.map((a) => [a]), [...ASPECTS], ['documents', 'where']];

describe('what residents read: every knowledge-base entry × every aspect', () => {
  it.each(entries.map((e) => [e.id, e] as const))('%s', (_id, entry) => {
    // Entries outside the taxonomy answer through the composer all the same (a guide link, an edit).
    const procedure: ProcedureId = entry.taxonomyId ?? 'thuong_tru';
    for (const aspects of ASKED) {
      for (const lang of ['vi', 'en'] as const) {
        for (const u of [null, unit]) {
          const a = composeAnswer({
            classification: {
              intent: 'procedure',
              procedure,
              aspect: aspects[0],
              aspects,
              confidence: 0.9,
              alternatives: [],
            },
            entry,
            unit: u,
            unitNote: null,
            today: '2026-11-27',
            lang,
          });
          const where = `${aspects.join('+')} ${lang} ${u ? 'unit' : 'no unit'}`;
          expect(residentTextProblems(a.text), where).toEqual([]);
          expect(residentSourceProblems(a.sources), where).toEqual([]);
          expect(a.procedureEntryId).toBe(entry.id);
        }
      }
    }
  });

  it('answers tips from the tip entry the same way', () => {
    const entry = entries.find((e) => e.id === 'to-giac-tin-bao-toi-pham') ?? null;
    for (const scam of [false, true]) {
      const a = composeAnswer({
        classification: { intent: 'tip', scam, confidence: 0.9, alternatives: [] },
        entry,
        unit,
        unitNote: null,
        today: '2026-11-27',
      });
      expect(residentTextProblems(a.text)).toEqual([]);
      expect(residentSourceProblems(a.sources)).toEqual([]);
    }
  });

  it('has one primary entry for every procedure id of the taxonomy', () => {
    for (const p of PROCEDURE_IDS) {
      expect(
        entries.filter((e) => e.taxonomyId === p).map((e) => e.taxonomyId),
        p,
      ).toEqual([p]);
    }
  });
});
