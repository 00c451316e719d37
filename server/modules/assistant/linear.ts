// A linear classifier over sparse binary features, trained here (no downloaded weights): softmax
// regression for one-of-k heads and independent sigmoids for multi-label heads, by stochastic
// gradient descent with a decaying step, weights averaged over the last epochs, and a seeded shuffle,
// so the same corpus always gives the same model. Each example's features are scaled by
// 1/sqrt(count) so that long messages do not get larger scores just for being long.

export type HeadKind = 'softmax' | 'sigmoid';

export interface Example {
  /** Feature indices (distinct). */
  x: Int32Array;
  /** Target: a distribution over the classes (softmax) or 0/1 per class (sigmoid). */
  y: Float32Array;
  /** How much this example counts (1 by default). */
  weight?: number;
}

export interface Head {
  kind: HeadKind;
  classes: number;
  features: number;
  /** weights[f * classes + k] */
  weights: Float32Array;
  bias: Float32Array;
}

export interface TrainOptions {
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
}

/** Chosen by 4-fold cross-validation on the training corpus (never on the frozen test set). */
export const DEFAULT_TRAIN: TrainOptions = { epochs: 20, rate: 1, l2: 1e-5, seed: 20261130 };

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence, so training is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Raw scores of one example into `out` (length classes). */
// The loops below index typed arrays within their bounds; `as number` only tells the compiler so
// (these loops are the classifier's hot path and the training's inner loop).
export function scores(head: Head, x: Int32Array, out: Float64Array): void {
  const { classes, weights, bias } = head;
  const scale = x.length > 0 ? 1 / Math.sqrt(x.length) : 0;
  for (let k = 0; k < classes; k++) out[k] = 0;
  for (let i = 0; i < x.length; i++) {
    const base = (x[i] as number) * classes;
    for (let k = 0; k < classes; k++) out[k] = (out[k] as number) + (weights[base + k] as number);
  }
  for (let k = 0; k < classes; k++) out[k] = (bias[k] as number) + scale * (out[k] as number);
}

/** Turns raw scores into probabilities in place (softmax or per-class sigmoid). */
export function probabilities(kind: HeadKind, s: Float64Array): void {
  if (kind === 'sigmoid') {
    for (let k = 0; k < s.length; k++) s[k] = 1 / (1 + Math.exp(-(s[k] ?? 0)));
    return;
  }
  let max = -Infinity;
  for (let k = 0; k < s.length; k++) max = Math.max(max, s[k] ?? 0);
  let sum = 0;
  for (let k = 0; k < s.length; k++) {
    const e = Math.exp((s[k] ?? 0) - max);
    s[k] = e;
    sum += e;
  }
  for (let k = 0; k < s.length; k++) s[k] = (s[k] ?? 0) / sum;
}

export function predict(head: Head, x: Int32Array, out: Float64Array): void {
  scores(head, x, out);
  probabilities(head.kind, out);
}

export function train(
  kind: HeadKind,
  classes: number,
  features: number,
  examples: readonly Example[],
  options: TrainOptions = DEFAULT_TRAIN,
): Head {
  const head: Head = {
    kind,
    classes,
    features,
    weights: new Float32Array(features * classes),
    bias: new Float32Array(classes),
  };
  // Averaged over the second half of the epochs: steadier than the last iterate.
  const sumW = new Float64Array(features * classes);
  const sumB = new Float64Array(classes);
  let averaged = 0;
  const order = examples.map((_e, i) => i);
  const random = seededRandom(options.seed);
  const p = new Float64Array(classes);
  const g = new Float64Array(classes);
  const decay = 1 - options.l2;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] ?? 0;
      order[i] = order[j] ?? 0;
      order[j] = t;
    }
    const rate = options.rate / (1 + epoch * 0.5);
    for (const idx of order) {
      const ex = examples[idx];
      if (!ex) continue;
      predict(head, ex.x, p);
      const w = (ex.weight ?? 1) * rate;
      for (let k = 0; k < classes; k++) g[k] = w * ((p[k] ?? 0) - (ex.y[k] ?? 0));
      const scale = ex.x.length > 0 ? 1 / Math.sqrt(ex.x.length) : 0;
      for (let k = 0; k < classes; k++) g[k] = scale * (g[k] as number);
      const weights = head.weights;
      for (let i = 0; i < ex.x.length; i++) {
        const base = (ex.x[i] as number) * classes;
        for (let k = 0; k < classes; k++) {
          weights[base + k] = decay * (weights[base + k] as number) - (g[k] as number);
        }
      }
      for (let k = 0; k < classes; k++)
        head.bias[k] = (head.bias[k] as number) - (0.1 / (scale || 1)) * (g[k] as number);
    }
    if (epoch >= Math.floor(options.epochs / 2)) {
      averaged++;
      for (let i = 0; i < sumW.length; i++) sumW[i] = (sumW[i] ?? 0) + (head.weights[i] ?? 0);
      for (let k = 0; k < classes; k++) sumB[k] = (sumB[k] ?? 0) + (head.bias[k] ?? 0);
    }
  }
  if (averaged > 0) {
    for (let i = 0; i < sumW.length; i++) head.weights[i] = (sumW[i] ?? 0) / averaged;
    for (let k = 0; k < classes; k++) head.bias[k] = (sumB[k] ?? 0) / averaged;
  }
  return head;
}
