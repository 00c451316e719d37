// The procedures assistant's classifier: intent, procedure and aspect of a resident's message from
// hand-written cue phrases (lexicon/), with the conversation history for follow-ups ("thế mất bao
// lâu?"). No training on labelled lines: every weight is a statement about Vietnamese phrasing.
import {
  ASPECTS,
  PROCEDURE_IDS,
  type Aspect,
  type Classification,
  type Intent,
  type ProcedureId,
} from '../../../contracts/assistant.js';
import { ASPECT_PRIOR } from './lexicon/aspects.js';
import { buildMatcher, emptyScores, OTHER_INTENTS, type Matcher, type MessageScores } from './matcher.js';

export interface Classifier {
  classify(text: string, history?: string[]): Classification;
}

/** Only the start of a long message is read: questions are short, pasted walls of text are noise. */
const MAX_CHARS = 4000;
/** Weight of the history messages, most recent first. */
const HISTORY_DECAY = [1, 0.6, 0.36, 0.2];
/** Below this a message names no procedure by itself, and a follow-up takes it from the history. */
const WEAK_PROCEDURE = 3;
/** Below this a message has no intent of its own either. */
const WEAK_INTENT = 2.5;
/** A reading needs at least this much evidence; otherwise the answer is unknown. */
const MIN_EVIDENCE = 1.5;
/** Intents whose cues carry over from the history ("báo ở đâu?" after a theft is still a tip). */
const CARRIED = new Set<Intent>(['tip', 'emergency', 'unit_info', 'unknown']);
/** Order for equal aspect scores: the more specific question first. */
const ASPECT_TIE_ORDER: readonly Aspect[] = [
  'deadline',
  'fee',
  'time',
  'documents',
  'form',
  'online',
  'where',
  'overview',
];

function argmax(xs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] ?? 0) > (xs[best] ?? 0)) best = i;
  return best;
}

function max(xs: ArrayLike<number>): number {
  return xs[argmax(xs)] ?? 0;
}

/**
 * Probability-like confidence from the margin between the best and the runner-up score: the cue
 * weights are additive evidence, so the margin behaves like a log-odds ratio. `bias` encodes how
 * often the argmax is right when the margin is zero (e.g. a default aspect is usually right).
 */
function marginConfidence(xs: ArrayLike<number>, best: number, scale: number, bias: number): number {
  let second = -Infinity;
  for (let i = 0; i < xs.length; i++) if (i !== best) second = Math.max(second, xs[i] ?? 0);
  const margin = (xs[best] ?? 0) - (Number.isFinite(second) ? second : 0);
  return 1 / (1 + Math.exp(-(margin / scale + bias)));
}

function safeText(x: unknown): string {
  if (typeof x !== 'string') return '';
  return x.length > MAX_CHARS ? x.slice(0, MAX_CHARS) : x;
}

interface Context {
  procedure: Float64Array;
  intent: Float64Array;
  aspect: Float64Array;
}

export function createClassifier(): Classifier {
  const matcher: Matcher = buildMatcher();

  const historyScores = (history: readonly unknown[] | undefined): Context => {
    const ctx = emptyScores();
    if (!Array.isArray(history)) return ctx;
    let k = 0;
    for (let i = history.length - 1; i >= 0 && k < HISTORY_DECAY.length; i--, k++) {
      const w = HISTORY_DECAY[k] ?? 0;
      const s = matcher.score(safeText(history[i]));
      for (let j = 0; j < s.procedure.length; j++)
        ctx.procedure[j] = (ctx.procedure[j] ?? 0) + w * (s.procedure[j] ?? 0);
      for (let j = 0; j < s.intent.length; j++) ctx.intent[j] = (ctx.intent[j] ?? 0) + w * (s.intent[j] ?? 0);
      // The aspect of the most recent history message that has one ("còn làm căn cước thì sao?").
      if (max(ctx.aspect) <= 0 && max(s.aspect) > 0) ctx.aspect.set(s.aspect);
    }
    return ctx;
  };

  const classify = (rawText: string, rawHistory?: string[]): Classification => {
    const cur: MessageScores = matcher.score(safeText(rawText));
    const hist = historyScores(rawHistory);

    const curProc = max(cur.procedure);
    let curOther = 0;
    OTHER_INTENTS.forEach((intent, i) => {
      if (intent !== 'unknown') curOther = Math.max(curOther, cur.intent[i] ?? 0);
    });
    const weak = curProc < WEAK_PROCEDURE && curOther < WEAK_INTENT;

    const procedure = new Float64Array(PROCEDURE_IDS.length);
    const procWeight = weak ? 1 : 0.25;
    for (let j = 0; j < procedure.length; j++) {
      procedure[j] = (cur.procedure[j] ?? 0) + procWeight * (hist.procedure[j] ?? 0);
    }
    const procBest = argmax(procedure);
    const procScore = procedure[procBest] ?? 0;

    // Intent scores: procedure first, then the others in OTHER_INTENTS order.
    const intents: Intent[] = ['procedure', ...OTHER_INTENTS];
    const intentScores: number[] = [
      procScore >= MIN_EVIDENCE ? procScore + 0.5 * Math.min(cur.generic, 2) : 0,
      ...OTHER_INTENTS.map((intent, i) => {
        const carried = weak && CARRIED.has(intent) ? 0.9 * (hist.intent[i] ?? 0) : 0;
        return (cur.intent[i] ?? 0) + carried;
      }),
    ];
    const bestIntentIdx = argmax(intentScores);
    const bestIntentScore = intentScores[bestIntentIdx] ?? 0;

    // The "no signal" reading competes in the softmax so a weak best reading gets a low confidence.
    const withNone = [...intentScores, 1];
    if (bestIntentScore < MIN_EVIDENCE) {
      return {
        intent: 'unknown',
        confidence: cur.tokens === 0 ? 0.05 : 0.25,
        alternatives: alternativesFor(intents, intentScores, -1),
      };
    }
    const intent = intents[bestIntentIdx] ?? 'unknown';
    const strength = 1 - Math.exp(-bestIntentScore / 1.5);
    const pIntent = marginConfidence(withNone, bestIntentIdx, 1.5, 0) * strength;
    if (intent !== 'procedure') {
      return {
        intent,
        confidence: round(pIntent),
        alternatives: alternativesFor(intents, intentScores, bestIntentIdx),
      };
    }

    const aspect = new Float64Array(ASPECTS.length);
    ASPECTS.forEach((a, j) => (aspect[j] = ASPECT_PRIOR[a] + (cur.aspect[j] ?? 0)));
    const specific = ASPECTS.some((a, j) => a !== 'overview' && (cur.aspect[j] ?? 0) > 0);
    if (cur.followUp > 0 && !specific) {
      // "còn làm căn cước thì sao?" asks the previous question (its aspect) about another procedure.
      ASPECTS.forEach((_a, j) => (aspect[j] = (aspect[j] ?? 0) + (hist.aspect[j] ?? 0)));
    }
    let aspectBest: Aspect = 'overview';
    let aspectScore = -Infinity;
    for (const a of ASPECT_TIE_ORDER) {
      const v = aspect[ASPECTS.indexOf(a)] ?? 0;
      if (v > aspectScore) {
        aspectScore = v;
        aspectBest = a;
      }
    }
    const procId: ProcedureId = PROCEDURE_IDS[procBest] ?? 'tam_tru';
    const pProc = marginConfidence(procedure, procBest, 1, 1);
    const pAspect = marginConfidence(aspect, ASPECTS.indexOf(aspectBest), 1, 1.5);
    return {
      intent: 'procedure',
      procedure: procId,
      aspect: aspectBest,
      confidence: round(pIntent * pProc * pAspect),
      alternatives: procedureAlternatives(procedure, aspect, procBest, aspectBest, intents, intentScores),
    };
  };

  return { classify };
}

/**
 * Classifies for a resident, who always gets an answer: an internal failure of the classifier
 * becomes "unknown" (officers then see the question) and is handed to `onError` to be logged.
 */
export function classifyOrUnknown(
  classifier: Pick<Classifier, 'classify'>,
  text: string,
  history: string[] | undefined,
  onError: (err: unknown) => void,
): Classification {
  try {
    const c = classifier.classify(text, history);
    const confidence = Number.isFinite(c.confidence) ? Math.min(1, Math.max(0, c.confidence)) : 0;
    return { ...c, confidence };
  } catch (err) {
    onError(err);
    return { intent: 'unknown', confidence: 0, alternatives: [] };
  }
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

function alternativesFor(
  intents: readonly Intent[],
  scores: readonly number[],
  chosen: number,
): Classification['alternatives'] {
  const total = scores.reduce((a, b) => a + Math.max(0, b), 0) || 1;
  return scores
    .map((s, i) => ({ i, s }))
    .filter(({ i, s }) => i !== chosen && s > 0 && intents[i] !== 'procedure')
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map(({ i, s }) => ({ intent: intents[i] ?? 'unknown', score: round(s / total) }));
}

function procedureAlternatives(
  procedure: Float64Array,
  aspect: Float64Array,
  procBest: number,
  aspectBest: Aspect,
  intents: readonly Intent[],
  intentScores: readonly number[],
): Classification['alternatives'] {
  const procTotal = procedure.reduce((a, b) => a + Math.max(0, b), 0) || 1;
  const alts: Classification['alternatives'] = [];
  const order = [...procedure.keys()].filter((j) => j !== procBest && (procedure[j] ?? 0) > 0);
  order.sort((a, b) => (procedure[b] ?? 0) - (procedure[a] ?? 0));
  for (const j of order.slice(0, 2)) {
    const id = PROCEDURE_IDS[j];
    if (id)
      alts.push({
        intent: 'procedure',
        procedure: id,
        aspect: aspectBest,
        score: round((procedure[j] ?? 0) / procTotal),
      });
  }
  const aspectTotal = aspect.reduce((a, b) => a + Math.max(0, b), 0) || 1;
  const bestAspectIdx = ASPECTS.indexOf(aspectBest);
  const secondAspect = [...aspect.keys()]
    .filter((j) => j !== bestAspectIdx && (aspect[j] ?? 0) > 0)
    .sort((a, b) => (aspect[b] ?? 0) - (aspect[a] ?? 0))[0];
  const bestProc = PROCEDURE_IDS[procBest];
  const secondAspectId = secondAspect === undefined ? undefined : ASPECTS[secondAspect];
  if (bestProc && secondAspectId) {
    alts.push({
      intent: 'procedure',
      procedure: bestProc,
      aspect: secondAspectId,
      score: round((aspect[secondAspect ?? 0] ?? 0) / aspectTotal),
    });
  }
  alts.push(...alternativesFor(intents, intentScores, 0).slice(0, 1));
  return alts.sort((a, b) => b.score - a.score);
}

let instance: Classifier | undefined;

/** The shared classifier, built on first use (the lexicon index takes a few milliseconds). */
export function getClassifier(): Classifier {
  instance ??= createClassifier();
  return instance;
}
