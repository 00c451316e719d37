import { describe, expect, it } from 'vitest';
import { readLabelledFile, DEV_FILE, type TrainingLine } from './corpus.js';
import { crossValidate } from './cross-validate.js';

describe('cross-validation over the hand-written lines', () => {
  it('scores every hand-written line once, by a model that did not see it, and never a generated one', () => {
    const dev = readLabelledFile(DEV_FILE());
    const lines: TrainingLine[] = [
      ...dev.slice(0, 120),
      // A generated line (weight below 1) is always trained on, never scored.
      { ...dev[0]!, id: 'gen-x', weight: 0.5 },
    ];
    const progress: number[] = [];
    const report = crossValidate(lines, 3, (done) => progress.push(done));
    expect(progress).toEqual([1, 2, 3]);
    expect(report.total).toBe(120);
    expect(report.misses.some((m) => m.id === 'gen-x')).toBe(false);
    // Held-out scoring is worse than perfect on so few lines, and better than chance.
    expect(report.intent).toBeGreaterThan(0.3);
  });
});
