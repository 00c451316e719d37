import { describe, expect, it } from 'vitest';
import { evaluate, formatReport, type LabelledLine } from './eval.js';

const lines: LabelledLine[] = [
  { id: '1', text: 'a', intent: 'procedure', procedure: ['thuong_tru', 'tach_ho'], aspects: ['overview'] },
  { id: '2', text: 'b', intent: 'procedure', procedure: 'tam_tru', aspects: ['fee', 'time'] },
  { id: '3', text: 'c', intent: 'tip' },
  { id: '4', text: 'd', intent: 'smalltalk' },
];

describe('evaluate', () => {
  it('accepts any of several procedures or aspects and reports the misses', () => {
    const r = evaluate(lines, [
      { id: '1', intent: 'procedure', procedure: 'tach_ho', aspect: 'overview' },
      { id: '2', intent: 'procedure', procedure: 'tam_tru', aspect: 'where' },
      { id: '3', intent: 'emergency' },
    ]);
    expect(r.total).toBe(4);
    expect(r.joint).toBe(0.25);
    expect(r.intent).toBe(0.5);
    expect(r.procedure).toBe(1);
    expect(r.aspect).toBe(0.5);
    expect(r.confusion.tip.emergency).toBe(1);
    expect(r.confusion.smalltalk.unknown).toBe(1);
    expect(r.aspectConfusions).toEqual([{ expected: 'fee|time', got: 'where', count: 1 }]);
    expect(r.misses.map((m) => m.id)).toEqual(['2', '3', '4']);
    expect(formatReport(r)).toContain('joint accuracy:     25.0%');
    expect(formatReport(r)).not.toContain('expected tip, got emergency'); // misses only on request
    expect(formatReport(r, { misses: true })).toContain('expected tip, got emergency');
  });

  it('reports emergency recall and precision, the number read, and tip recall', () => {
    const r = evaluate(
      [
        { id: 'a', text: 'a', intent: 'emergency', danger: 'fire' },
        { id: 'b', text: 'b', intent: 'emergency', danger: 'medical' },
        { id: 'c', text: 'c', intent: 'emergency', danger: 'police' },
        { id: 'd', text: 'd', intent: 'tip' },
        { id: 'e', text: 'e', intent: 'tip' },
      ],
      [
        { id: 'a', intent: 'emergency', danger: 'fire' },
        { id: 'b', intent: 'emergency', danger: 'unclear' },
        { id: 'c', intent: 'tip' },
        { id: 'd', intent: 'emergency', danger: 'police' },
        { id: 'e', intent: 'tip' },
      ],
    );
    expect(r.emergencyRecall).toBeCloseTo(2 / 3);
    expect(r.emergencyPrecision).toBeCloseTo(2 / 3);
    expect(r.emergencyNumber).toBeCloseTo(2 / 3);
    expect(r.tipRecall).toBe(0.5);
  });
});
