// The frozen test set (testdata/frozen/): never trained or tuned on. Only its aggregate scores are
// asserted and reported; the lines missed are not printed, so that nobody fits the model to them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getClassifier } from './classifier.js';
import { readLabelledFile } from './corpus.js';
import { evaluate } from './eval.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('the frozen test set', () => {
  const lines = readLabelledFile(path.join(here, 'testdata/frozen/frozen.jsonl'));
  const classifier = getClassifier();
  const report = evaluate(
    lines.map((l) => ({ ...l, procedure: l.procedures })),
    lines.map((l) => ({ id: l.id, ...classifier.classify(l.text, l.history) })),
  );
  const figures = JSON.stringify({
    joint: report.joint,
    intent: report.intent,
    procedure: report.procedure,
    aspect: report.aspect,
    emergencyRecall: report.emergencyRecall,
    emergencyPrecision: report.emergencyPrecision,
    tipRecall: report.tipRecall,
  });

  it('has at least 200 questions, 60 of them emergencies', () => {
    expect(lines.length).toBeGreaterThanOrEqual(200);
    expect(lines.filter((l) => l.intent === 'emergency').length).toBeGreaterThanOrEqual(60);
  });

  // Floors a little under the figures measured when the set was frozen (joint 0.928, tips 0.934 on
  // 2026-11-30): they catch regressions; the targets (0.93, 0.95) are reported, not assumed.
  it('reaches joint accuracy ≥ 0.92', () => {
    expect(report.joint, figures).toBeGreaterThanOrEqual(0.92);
  });

  it('misses no emergency', () => {
    expect(report.emergencyRecall, figures).toBe(1);
  });

  // The service read (fire, medical, police or unclear): the first line names that service's number
  // first and the other two after it, so a misread service still shows the right number.
  it('reads the service of ≥ 95% of emergencies', () => {
    expect(report.emergencyNumber, figures).toBeGreaterThanOrEqual(0.95);
  });

  it('reads ≥ 92% of tips as tips', () => {
    expect(report.tipRecall, figures).toBeGreaterThanOrEqual(0.92);
  });
});
