// The procedures assistant's classifier. Safety first: the danger-now phrases (safety.ts) run
// before anything else and their verdict cannot be outvoted. Then a linear model trained here
// (model.ts) reads intent, procedure and the aspects asked, over the message's syllables, word
// pairs, character trigrams and the hand-written lexicon's cues. History is read only for
// follow-ups that name no subject of their own (follow-up.ts).
import {
  ASPECTS,
  DANGER_KINDS,
  INTENTS,
  PROCEDURE_IDS,
  type Aspect,
  type Classification,
  type DangerKind,
  type Intent,
  type ProcedureId,
} from '../../../contracts/assistant.js';
import { projectRoot } from '../../lib/paths.js';
import { SCAM_DEMANDS, SCAM_POSING } from './lexicon/scam.js';
import { encode, loadOrTrain, modelParts, predict, readingTexts, type Model, type ModelParts } from './model.js';
import { createSafetyLayer, dangerKind, PhraseSet } from './safety.js';
import { safeText } from './features.js';
import { readSyllables } from './normalize.js';

export interface Classifier {
  classify(text: string, history?: string[]): Classification;
}

/**
 * The model's emergency probability above which a message is an emergency even when no danger
 * phrase matched. Low on purpose: a procedure question wrongly flagged costs a minute, a missed
 * emergency costs a life.
 */
export const EMERGENCY_THRESHOLD = 0.4;
/** An aspect other than the primary one is also answered when its probability reaches this. */
const EXTRA_ASPECT = 0.5;
const MAX_ASPECTS = 3;
/** The most an "unknown" reading is trusted (below the composer's threshold for answering). */
const UNKNOWN_CONFIDENCE = 0.4;
/** The service head must be this sure to name one number instead of all three. */
const DANGER_KIND_SURE = 0.6;

const EMERGENCY = INTENTS.indexOf('emergency');
const PROCEDURE = INTENTS.indexOf('procedure');
const TIP = INTENTS.indexOf('tip');

function argmax(xs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] ?? 0) > (xs[best] ?? 0)) best = i;
  return best;
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

/** The indices of the k largest values, largest first (insertion into a short list: k is small). */
function ranked(xs: ArrayLike<number>, k = xs.length): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] ?? 0;
    let at = out.length;
    while (at > 0 && (xs[out[at - 1] ?? 0] ?? 0) < v) at--;
    if (at < k) {
      out.splice(at, 0, i);
      if (out.length > k) out.pop();
    }
  }
  return out;
}

export function createClassifier(options: { model?: Model; parts?: ModelParts } = {}): Classifier {
  const parts = options.parts ?? modelParts();
  const model = options.model ?? loadOrTrain(parts, projectRoot()).model;
  const safety = createSafetyLayer();
  const posing = PhraseSet.of(SCAM_POSING);
  const demands = PhraseSet.of(SCAM_DEMANDS);
  const pIntent = new Float64Array(INTENTS.length);
  const pAlone = new Float64Array(INTENTS.length);
  const pProc = new Float64Array(PROCEDURE_IDS.length);
  const pAspect = new Float64Array(ASPECTS.length);
  const pDanger = new Float64Array(DANGER_KINDS.length);

  /**
   * An emergency's service: the phrases' (or, with none, the model's when it is sure). When the
   * phrases and the model name different services, the message is unclear and gets every number.
   */
  const emergency = (fromPhrases: DangerKind | null, x: Int32Array, confidence: number): Classification => {
    predict(model.heads.danger, x, pDanger);
    const best = argmax(pDanger);
    const learned = (pDanger[best] ?? 0) >= DANGER_KIND_SURE ? (DANGER_KINDS[best] ?? 'unclear') : 'unclear';
    let danger: DangerKind = fromPhrases ?? learned;
    if (fromPhrases !== null && fromPhrases !== 'unclear' && learned !== fromPhrases) danger = 'unclear';
    return { intent: 'emergency', danger, confidence: round(confidence), alternatives: [] };
  };

  const aspectsOf = (x: Int32Array): { aspects: Aspect[]; confidence: number } => {
    predict(model.heads.aspect, x, pAspect);
    const order = ranked(pAspect);
    const first = order[0] ?? 0;
    const aspects: Aspect[] = [ASPECTS[first] ?? 'overview'];
    for (const j of order.slice(1)) {
      const a = ASPECTS[j];
      if (a && a !== 'overview' && (pAspect[j] ?? 0) >= EXTRA_ASPECT && aspects.length < MAX_ASPECTS) aspects.push(a);
    }
    // A specific aspect asked alongside "overview" is the one to lead with.
    if (aspects[0] === 'overview' && aspects.length > 1) aspects.shift();
    return { aspects, confidence: Math.max(0.5, pAspect[first] ?? 0) };
  };

  const classify = (rawText: string, rawHistory?: string[]): Classification => {
    const text = safeText(rawText);
    const history = Array.isArray(rawHistory) ? rawHistory : [];
    const { tokens, withDiacritics } = readSyllables(text);
    const syllables = { tokens, folded: !withDiacritics };
    if (tokens.length === 0) return { intent: 'unknown', confidence: 0.05, alternatives: [] };

    // 1. Safety: danger phrases in this message decide alone.
    const alone = parts.extractor.encodeTokens(tokens, model.vocabulary);
    const safe = safety.read(syllables);
    if (safe.danger) return emergency(dangerKind(safe.services), alone, 0.95);
    // The model, on this message alone, may add an emergency the phrases missed (a tip it finds
    // likelier stays a tip; a danger phrase the layer placed in the past stays there).
    predict(model.heads.intent, alone, pAlone);
    const pEmergency = pAlone[EMERGENCY] ?? 0;
    if (pEmergency >= EMERGENCY_THRESHOLD && pEmergency >= (pAlone[TIP] ?? 0) && !safe.backgroundOnly) {
      return emergency(null, alone, pEmergency);
    }

    // 2. Intent, with a follow-up's subject from the history.
    const reading = readingTexts(parts, text, history);
    const subjectX = reading.subjectText === text ? alone : encode(model, parts.extractor, reading.subjectText);
    if (subjectX === alone) pIntent.set(pAlone);
    else predict(model.heads.intent, subjectX, pIntent);
    // Emergencies are decided above, on the message itself; a history never makes one.
    pIntent[EMERGENCY] = 0;

    const isScam = posing.has(syllables) && demands.has(syllables);
    let best = argmax(pIntent);
    if (isScam) best = TIP;
    const intent: Intent = INTENTS[best] ?? 'unknown';
    const intentConfidence = isScam ? Math.max(0.9, pIntent[TIP] ?? 0) : (pIntent[best] ?? 0);
    const intentAlternatives = ranked(pIntent, 4)
      .filter((i) => i !== best && i !== PROCEDURE && (pIntent[i] ?? 0) > 0.05)
      .slice(0, 2)
      .map((i) => ({ intent: INTENTS[i] ?? 'unknown', score: round(pIntent[i] ?? 0) }));

    if (intent !== 'procedure') {
      // "Unknown" is the absence of a reading: never a confident answer.
      const confidence = intent === 'unknown' ? Math.min(intentConfidence, UNKNOWN_CONFIDENCE) : intentConfidence;
      const scam = intent === 'tip' && (isScam || posing.has(syllables));
      return {
        intent,
        ...(scam ? { scam: true } : {}),
        confidence: round(confidence),
        alternatives: intentAlternatives,
      };
    }

    // 3. Procedure and the aspects asked.
    const procedureX = reading.procedureText === text ? alone : encode(model, parts.extractor, reading.procedureText);
    predict(model.heads.procedure, procedureX, pProc);
    const procOrder = ranked(pProc, 3);
    const procBest = procOrder[0] ?? 0;
    const procedure: ProcedureId = PROCEDURE_IDS[procBest] ?? 'tam_tru';
    let aspectRead = aspectsOf(alone);
    const previous = history.at(-1);
    if (reading.followUp.asksSameAgain && typeof previous === 'string') {
      // "còn làm căn cước thì sao?" asks the previous question again, about another procedure.
      aspectRead = aspectsOf(encode(model, parts.extractor, safeText(previous)));
    }
    const [aspect = 'overview'] = aspectRead.aspects;
    const alternatives: Classification['alternatives'] = procOrder
      .slice(1, 3)
      .filter((j) => (pProc[j] ?? 0) > 0.05)
      .map((j) => ({
        intent: 'procedure' as const,
        procedure: PROCEDURE_IDS[j] ?? procedure,
        aspect,
        score: round(pProc[j] ?? 0),
      }));
    alternatives.push(...intentAlternatives.slice(0, 1));
    return {
      intent: 'procedure',
      procedure,
      aspect,
      aspects: aspectRead.aspects,
      confidence: round(intentConfidence * (pProc[procBest] ?? 0) * aspectRead.confidence),
      alternatives: alternatives.sort((a, b) => b.score - a.score),
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

let instance: Classifier | undefined;

/** The shared classifier, built on first use (loads the cached model, or trains it once). */
export function getClassifier(): Classifier {
  instance ??= createClassifier();
  return instance;
}
