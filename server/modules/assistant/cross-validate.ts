// K-fold cross-validation over the hand-written training lines: the honest way to choose
// thresholds and training options without looking at the frozen test set. Each hand-written line
// (corpus files and dev set) is held out exactly once; the generated knowledge-base questions are
// always trained on. Folds are fixed by a hash of the line's id, so runs compare.
import { createHash } from 'node:crypto';
import { createClassifier } from './classifier.js';
import type { TrainingLine } from './corpus.js';
import { evaluate, type EvalReport, type LabelledLine, type Prediction } from './eval.js';
import { modelParts, trainModel } from './model.js';

function foldOf(id: string, folds: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % folds;
}

export function asLabelled(l: TrainingLine): LabelledLine {
  return {
    id: l.id,
    text: l.text,
    ...(l.history ? { history: l.history } : {}),
    intent: l.intent,
    ...(l.procedures.length > 0 ? { procedure: l.procedures } : {}),
    ...(l.aspects.length > 0 ? { aspects: l.aspects } : {}),
    ...(l.danger ? { danger: l.danger } : {}),
  };
}

/**
 * Trains `folds` models, each without one fold of the hand-written lines, and scores every
 * hand-written line by the model that did not see it. `onFold` reports progress.
 */
export function crossValidate(
  lines: readonly TrainingLine[],
  folds = 4,
  onFold: (done: number, folds: number) => void = () => undefined,
): EvalReport {
  const handWritten = lines.filter((l) => l.weight >= 1);
  const generated = lines.filter((l) => l.weight < 1);
  const parts = modelParts();
  const predictions: Prediction[] = [];
  for (let k = 0; k < folds; k++) {
    const held = handWritten.filter((l) => foldOf(l.id, folds) === k);
    const train = [...handWritten.filter((l) => foldOf(l.id, folds) !== k), ...generated];
    const classifier = createClassifier({ model: trainModel(parts, train), parts });
    for (const l of held) {
      const c = classifier.classify(l.text, l.history);
      predictions.push({
        id: l.id,
        intent: c.intent,
        ...(c.procedure ? { procedure: c.procedure } : {}),
        ...(c.aspect ? { aspect: c.aspect } : {}),
        ...(c.danger ? { danger: c.danger } : {}),
      });
    }
    onFold(k + 1, folds);
  }
  return evaluate(handWritten.map(asLabelled), predictions);
}
