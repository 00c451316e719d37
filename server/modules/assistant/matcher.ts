// Compiles the hand-written lexicon into a first-syllable index and scores a tokenised message
// against it. Each phrase counts once per message however often it occurs, so repeating a word
// does not inflate a reading.
import { ASPECTS, PROCEDURE_IDS, type Aspect, type ProcedureId } from '../../../contracts/assistant.js';
import { ASPECT_CUES, FOLLOW_UP_CUES } from './lexicon/aspects.js';
import { GENERIC_PROCEDURE_CUES, INTENT_CUES, type OtherIntent } from './lexicon/intents.js';
import { PROCEDURE_CUES } from './lexicon/procedures.js';
import { tokenize } from './normalize.js';

export const OTHER_INTENTS: readonly OtherIntent[] = ['tip', 'emergency', 'unit_info', 'human', 'smalltalk', 'unknown'];

const GAP = '~';
const MAX_GAP = 3;

const enum Kind {
  Procedure,
  Aspect,
  Intent,
  Generic,
  FollowUp,
}

interface Effect {
  kind: Kind;
  index: number;
  weight: number;
}

interface Phrase {
  tokens: readonly string[];
  effects: Effect[];
}

export interface MessageScores {
  procedure: Float64Array;
  aspect: Float64Array;
  intent: Float64Array;
  generic: number;
  /** "còn X thì sao?": the same question as before, about X. */
  followUp: number;
  /** Number of syllables in the message. */
  tokens: number;
}

export interface Matcher {
  score(text: string): MessageScores;
  /** The lexicon phrases found in already tokenised syllables, by index (features for the model). */
  phrasesIn(tokens: readonly string[], out: number[]): void;
  phraseCount: number;
}

export function emptyScores(): MessageScores {
  return {
    procedure: new Float64Array(PROCEDURE_IDS.length),
    aspect: new Float64Array(ASPECTS.length),
    intent: new Float64Array(OTHER_INTENTS.length),
    generic: 0,
    followUp: 0,
    tokens: 0,
  };
}

/** Parses "phrase words weight"; the phrase goes through the same normaliser as the messages. */
function parseCue(cue: string): { tokens: string[]; weight: number } {
  const cut = cue.lastIndexOf(' ');
  const weight = Number(cue.slice(cut + 1));
  if (cut <= 0 || !Number.isFinite(weight)) throw new Error(`lexicon: bad cue "${cue}"`);
  const tokens: string[] = [];
  for (const part of cue.slice(0, cut).split(' ')) {
    if (part === GAP) tokens.push(GAP);
    else tokens.push(...tokenize(part));
  }
  if (tokens.length === 0 || tokens[0] === GAP) throw new Error(`lexicon: bad cue "${cue}"`);
  return { tokens, weight };
}

function matchAt(tokens: readonly string[], ti: number, phrase: readonly string[], pj: number): boolean {
  if (pj === phrase.length) return true;
  const want = phrase[pj];
  if (want === GAP) {
    for (let g = 0; g <= MAX_GAP && ti + g <= tokens.length; g++) {
      if (matchAt(tokens, ti + g, phrase, pj + 1)) return true;
    }
    return false;
  }
  return tokens[ti] === want && matchAt(tokens, ti + 1, phrase, pj + 1);
}

export function buildMatcher(): Matcher {
  const byText = new Map<string, Phrase>();
  const add = (cues: readonly string[], kind: Kind, index: number): void => {
    for (const cue of cues) {
      const { tokens, weight } = parseCue(cue);
      const key = tokens.join(' ');
      let phrase = byText.get(key);
      if (!phrase) {
        phrase = { tokens, effects: [] };
        byText.set(key, phrase);
      }
      phrase.effects.push({ kind, index, weight });
    }
  };
  PROCEDURE_IDS.forEach((id: ProcedureId, i) => add(PROCEDURE_CUES[id], Kind.Procedure, i));
  ASPECTS.forEach((a: Aspect, i) => add(ASPECT_CUES[a], Kind.Aspect, i));
  OTHER_INTENTS.forEach((intent, i) => add(INTENT_CUES[intent], Kind.Intent, i));
  add(GENERIC_PROCEDURE_CUES, Kind.Generic, 0);
  add(FOLLOW_UP_CUES, Kind.FollowUp, 0);

  const phrases = [...byText.values()];
  const index = new Map<string, number[]>();
  phrases.forEach((p, id) => {
    const first = p.tokens[0] ?? '';
    const list = index.get(first);
    if (list) list.push(id);
    else index.set(first, [id]);
  });
  // Marks which phrases already counted in the current message (a run number instead of clearing).
  const seen = new Uint32Array(phrases.length);
  let run = 0;

  /** Calls `found` once per phrase present in the tokens. */
  const each = (tokens: readonly string[], found: (id: number, phrase: Phrase) => void): void => {
    run = (run + 1) >>> 0 || 1;
    for (let i = 0; i < tokens.length; i++) {
      const candidates = index.get(tokens[i] ?? '');
      if (!candidates) continue;
      for (const id of candidates) {
        if (seen[id] === run) continue;
        const phrase = phrases[id];
        if (!phrase || !matchAt(tokens, i, phrase.tokens, 0)) continue;
        seen[id] = run;
        found(id, phrase);
      }
    }
  };

  const score = (text: string): MessageScores => {
    const s = emptyScores();
    const tokens = tokenize(text);
    s.tokens = tokens.length;
    each(tokens, (_id, phrase) => {
      for (const e of phrase.effects) {
        if (e.kind === Kind.Procedure) s.procedure[e.index] = (s.procedure[e.index] ?? 0) + e.weight;
        else if (e.kind === Kind.Aspect) s.aspect[e.index] = (s.aspect[e.index] ?? 0) + e.weight;
        else if (e.kind === Kind.Intent) s.intent[e.index] = (s.intent[e.index] ?? 0) + e.weight;
        else if (e.kind === Kind.Generic) s.generic += e.weight;
        else s.followUp += e.weight;
      }
    });
    return s;
  };
  const phrasesIn = (tokens: readonly string[], out: number[]): void => each(tokens, (id) => out.push(id));
  return { score, phrasesIn, phraseCount: phrases.length };
}
