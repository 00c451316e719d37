// The assistant's learned model: four linear heads over one feature vocabulary — intent (one of 7),
// procedure (one of the procedure ids), aspects (one sigmoid per aspect: a question may ask several)
// and the emergency's service (fire, medical, police, unclear). Trained here from the corpus
// (corpus.ts), deterministically; every training line is also seen typed without diacritics, as
// many residents write. A trained model is cached on disk keyed by the corpus bytes and this
// file's MODEL_VERSION, so processes after the first load it instead of training again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ASPECTS, DANGER_KINDS, INTENTS, PROCEDURE_IDS } from '../../../contracts/assistant.js';
import { corpusFiles, trainingLines, type TrainingLine } from './corpus.js';
import { createFeatureExtractor, type FeatureExtractor } from './features.js';
import { createFollowUpReader, type FollowUpReading } from './follow-up.js';
import { DEFAULT_TRAIN, predict, train, type Example, type Head, type HeadKind } from './linear.js';
import { ASPECT_CUES, FOLLOW_UP_CUES } from './lexicon/aspects.js';
import { GENERIC_PROCEDURE_CUES, INTENT_CUES } from './lexicon/intents.js';
import { PROCEDURE_CUES } from './lexicon/procedures.js';
import { buildMatcher, type Matcher } from './matcher.js';
import { AFTER_NUMBER, CONTEXT_NEXT, CONTEXT_PREV, DIACRITIC_WORDS, FOLDED_WORDS } from './normalize-data.js';
import { foldDiacritics } from './normalize.js';

/** Bump when the feature or head code changes: it invalidates cached models. */
export const MODEL_VERSION = 6;

export interface Heads {
  intent: Head;
  procedure: Head;
  aspect: Head;
  danger: Head;
}

export interface Model {
  vocabulary: ReadonlyMap<string, number>;
  heads: Heads;
}

export interface ModelParts {
  matcher: Matcher;
  extractor: FeatureExtractor;
  followUp: ReturnType<typeof createFollowUpReader>;
}

export function modelParts(): ModelParts {
  const matcher = buildMatcher();
  return { matcher, extractor: createFeatureExtractor(matcher), followUp: createFollowUpReader(matcher) };
}

/** Feature indices of a text (unknown features dropped). */
export function encode(model: Pick<Model, 'vocabulary'>, extractor: FeatureExtractor, text: string): Int32Array {
  return extractor.encodeTokens(extractor.tokens(text), model.vocabulary);
}

/**
 * The texts a line is read from: the intent from the message with its follow-up's subject (so "báo
 * ở đâu?" after a theft is still a tip), the procedure from the subject alone (the follow-up names
 * none: its words, "mất bao lâu", would only mislead), the aspects from the message alone.
 */
export function readingTexts(parts: ModelParts, text: string, history: readonly unknown[] | undefined) {
  const f: FollowUpReading =
    Array.isArray(history) && history.length > 0
      ? parts.followUp(text, history)
      : { subject: null, asksSameAgain: false, hasAspect: false };
  return {
    subjectText: f.subject === null ? text : `${f.subject} ${text}`,
    procedureText: f.subject ?? text,
    aspectText: text,
    followUp: f,
  };
}

function oneHot(n: number, indices: readonly number[]): Float32Array {
  const y = new Float32Array(n);
  const valid = indices.filter((i) => i >= 0);
  for (const i of valid) y[i] = 1 / (valid.length || 1);
  return y;
}

function multiHot(n: number, indices: readonly number[]): Float32Array {
  const y = new Float32Array(n);
  for (const i of indices) if (i >= 0) y[i] = 1;
  return y;
}

/** Trains every head from the lines (deterministic for the same lines). */
export function trainModel(parts: ModelParts, lines: readonly TrainingLine[]): Model {
  // Each line as written and, when it has diacritics, as typed without them.
  const variants = (t: string): string[] => {
    const folded = foldDiacritics(t.normalize('NFC'));
    return folded === t ? [t] : [t, folded];
  };
  interface Prepared {
    line: TrainingLine;
    subject: string[][];
    procedure: string[][];
    aspect: string[][];
  }
  const prepared: Prepared[] = [];
  const counts = new Map<string, number>();
  const count = (fs: string[]) => fs.forEach((f) => counts.set(f, (counts.get(f) ?? 0) + 1));
  for (const line of lines) {
    const subject: string[][] = [];
    const procedure: string[][] = [];
    const aspect: string[][] = [];
    for (const v of variants(line.text)) {
      const r = readingTexts(parts, v, line.history);
      const sf = parts.extractor.features(r.subjectText);
      const af = r.aspectText === r.subjectText ? sf : parts.extractor.features(r.aspectText);
      const pf = r.procedureText === r.subjectText ? sf : parts.extractor.features(r.procedureText);
      for (const fs of new Set([sf, af, pf])) count(fs);
      subject.push(sf);
      procedure.push(pf);
      aspect.push(af);
    }
    prepared.push({ line, subject, procedure, aspect });
  }
  // Word features are kept however rare; pairs and trigrams only when seen at least twice.
  const vocabulary = new Map<string, number>();
  for (const [f, n] of counts)
    if (n >= 2 || f.startsWith('w:') || f.startsWith('q:')) vocabulary.set(f, vocabulary.size);
  const ids = (fs: string[]) => {
    const out: number[] = [];
    for (const f of fs) {
      const id = vocabulary.get(f);
      if (id !== undefined) out.push(id);
    }
    return Int32Array.from(out);
  };

  const intentEx: Example[] = [];
  const procEx: Example[] = [];
  const aspectEx: Example[] = [];
  const dangerEx: Example[] = [];
  for (const { line, subject, procedure, aspect } of prepared) {
    const w = line.weight;
    const intentY = oneHot(INTENTS.length, [INTENTS.indexOf(line.intent)]);
    for (let v = 0; v < subject.length; v++) {
      const sx = ids(subject[v] ?? []);
      const ax = ids(aspect[v] ?? []);
      const px = ids(procedure[v] ?? []);
      intentEx.push({ x: sx, y: intentY, weight: w });
      if (line.intent === 'procedure') {
        procEx.push({
          x: px,
          y: oneHot(
            PROCEDURE_IDS.length,
            line.procedures.map((p) => PROCEDURE_IDS.indexOf(p)),
          ),
          weight: w,
        });
        aspectEx.push({
          x: ax,
          y: multiHot(
            ASPECTS.length,
            line.aspects.map((a) => ASPECTS.indexOf(a)),
          ),
          weight: w,
        });
      }
      if (line.intent === 'emergency' && line.danger) {
        dangerEx.push({ x: ax, y: oneHot(DANGER_KINDS.length, [DANGER_KINDS.indexOf(line.danger)]), weight: w });
      }
    }
  }
  const n = vocabulary.size;
  const head = (kind: HeadKind, classes: number, ex: Example[], seed: number) =>
    train(kind, classes, n, ex, { ...DEFAULT_TRAIN, seed });
  return {
    vocabulary,
    heads: {
      intent: head('softmax', INTENTS.length, intentEx, 1),
      procedure: head('softmax', PROCEDURE_IDS.length, procEx, 2),
      aspect: head('sigmoid', ASPECTS.length, aspectEx, 3),
      danger: head('softmax', DANGER_KINDS.length, dangerEx, 4),
    },
  };
}

// ---- Cache ----
// One file: a 4-byte length, a JSON header (version, vocabulary, each head's shape and bias), then
// every head's weights as raw little-endian float32, in the header's order. Read straight into
// typed arrays: no base64 and no large strings, so loading at start costs little memory.

const HEAD_NAMES = ['intent', 'procedure', 'aspect', 'danger'] as const satisfies readonly (keyof Heads)[];

interface HeaderHead {
  kind: HeadKind;
  classes: number;
  bias: number[];
}

export function serializeModel(m: Model): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      version: MODEL_VERSION,
      vocabulary: [...m.vocabulary.keys()],
      heads: HEAD_NAMES.map((name): HeaderHead => {
        const h = m.heads[name];
        return { kind: h.kind, classes: h.classes, bias: Array.from(h.bias) };
      }),
    }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const weights = HEAD_NAMES.map((name) => {
    const w = m.heads[name].weights;
    return Buffer.from(w.buffer, w.byteOffset, w.byteLength);
  });
  return Buffer.concat([length, header, ...weights]);
}

export function deserializeModel(bytes: Buffer): Model {
  const headerLength = bytes.readUInt32LE(0);
  const o = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as {
    version: number;
    vocabulary: string[];
    heads: HeaderHead[];
  };
  if (o.version !== MODEL_VERSION || o.heads.length !== HEAD_NAMES.length) {
    throw new Error('model cache: other version');
  }
  const vocabulary = new Map(o.vocabulary.map((f, i) => [f, i]));
  const features = vocabulary.size;
  let at = 4 + headerLength;
  const heads = HEAD_NAMES.map((_, i): Head => {
    const h = o.heads[i] as HeaderHead;
    const weights = new Float32Array(features * h.classes);
    const end = at + weights.byteLength;
    if (end > bytes.length) throw new Error('model cache: truncated');
    new Uint8Array(weights.buffer).set(bytes.subarray(at, end));
    at = end;
    return { kind: h.kind, classes: h.classes, features, weights, bias: Float32Array.from(h.bias) };
  });
  if (at !== bytes.length) throw new Error('model cache: wrong length');
  const [intent, procedure, aspect, danger] = heads as [Head, Head, Head, Head];
  return { vocabulary, heads: { intent, procedure, aspect, danger } };
}

/** The cache file of the model trained from the current corpus. */
export function modelFile(root: string): string {
  return path.join(cacheDir(root), `assistant-model-${corpusHash()}.bin`);
}

/** What else shapes the model: the lexicon (its cues are features), the normaliser's tables, the training options. */
function shapingData(): string {
  const table = (m: ReadonlyMap<string, unknown>) => [...m.entries()];
  return JSON.stringify([
    PROCEDURE_CUES,
    ASPECT_CUES,
    FOLLOW_UP_CUES,
    GENERIC_PROCEDURE_CUES,
    INTENT_CUES,
    table(DIACRITIC_WORDS),
    table(FOLDED_WORDS),
    table(AFTER_NUMBER),
    [...CONTEXT_PREV.entries()].map(([k, v]) => [k, table(v)]),
    [...CONTEXT_NEXT.entries()].map(([k, v]) => [k, table(v)]),
    DEFAULT_TRAIN,
  ]);
}

/** Hash of what the model is trained from: the corpus files' bytes, the lexicon, the options, the version. */
export function corpusHash(): string {
  const h = crypto.createHash('sha256').update(`v${MODEL_VERSION}\n`).update(shapingData());
  for (const f of corpusFiles()) h.update(path.basename(f)).update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/** Where trained models are cached: node_modules/.cache when there is one, else the temp dir. */
export function cacheDir(root: string): string {
  const local = path.join(root, 'node_modules', '.cache', 'ketnoi');
  return fs.existsSync(path.join(root, 'node_modules')) ? local : path.join(os.tmpdir(), 'ketnoi-cache');
}

/** Loads the cached model for the current corpus, or trains and caches it (best effort). */
export function loadOrTrain(parts: ModelParts, root: string): { model: Model; trained: boolean } {
  const file = modelFile(root);
  try {
    return { model: deserializeModel(fs.readFileSync(file)), trained: false };
  } catch {
    // not cached yet (or unreadable): train below
  }
  const model = trainModel(parts, trainingLines());
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, serializeModel(model));
    fs.renameSync(tmp, file);
  } catch {
    // a read-only install trains in memory on each start
  }
  return { model, trained: true };
}

export { predict };
