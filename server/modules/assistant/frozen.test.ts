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

  // The targets (joint 0.93, tips 0.95), reached on 2026-12-01 with joint 0.935 and tips
  // 0.951 (58 of 61) after training-side changes chosen on cross-validation. Tips hold by one line:
  // a change that loses it must be fixed at its cause (corpus, rules), never on these lines.
  it('reaches joint accuracy ≥ 0.93', () => {
    expect(report.joint, figures).toBeGreaterThanOrEqual(0.93);
  });

  it('misses no emergency', () => {
    expect(report.emergencyRecall, figures).toBe(1);
  });

  // The service read (fire, medical, police or unclear): the first line names that service's number
  // first and the other two after it, so a misread service still shows the right number.
  it('reads the service of ≥ 95% of emergencies', () => {
    expect(report.emergencyNumber, figures).toBeGreaterThanOrEqual(0.95);
  });

  it('reads ≥ 95% of tips as tips', () => {
    expect(report.tipRecall, figures).toBeGreaterThanOrEqual(0.95);
  });
});
