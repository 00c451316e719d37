// Features of a message for the learned classifier: the syllables as written (accents kept where
// the resident typed them, folded where they did not), word pairs, character trigrams of each
// syllable (typos, teencode spellings), the hand-written lexicon's cue phrases found in those
// syllables, and a length bucket. Features are strings; the model maps them to indices.
import type { Matcher } from './matcher.js';
import { tokenizeKeepingAccents } from './normalize.js';

/** Only the start of a long message is read: questions are short, pasted walls of text are noise. */
export const MAX_CHARS = 4000;

export function safeText(x: unknown): string {
  if (typeof x !== 'string') return '';
  return x.length > MAX_CHARS ? x.slice(0, MAX_CHARS) : x;
}

function lengthBucket(n: number): string {
  if (n <= 2) return 'len:1-2';
  if (n <= 5) return 'len:3-5';
  if (n <= 12) return 'len:6-12';
  if (n <= 30) return 'len:13-30';
  return 'len:31+';
}

const SYLLABLE_CACHE_LIMIT = 50_000;

export interface FeatureExtractor {
  /** Distinct feature names of a message (order irrelevant). */
  features(text: string): string[];
  /** The same from the message's syllables (`tokens`), when the caller has them already. */
  fromTokens(tokens: readonly string[]): string[];
  /** Indices of the message's features in `vocabulary`, unknown ones left out (the classifier's hot path). */
  encodeTokens(tokens: readonly string[], vocabulary: ReadonlyMap<string, number>): Int32Array;
  /** The syllables the features are made from. */
  tokens(text: string): string[];
}

export function createFeatureExtractor(matcher: Matcher): FeatureExtractor {
  const phraseIds: number[] = [];
  /** The features of one syllable alone: the word and its character trigrams. */
  const ofSyllable = (t: string, emit: (feature: string) => void): void => {
    emit('w:' + t);
    if (t.length >= 3) {
      const padded = '<' + t + '>';
      for (let i = 0; i + 3 <= padded.length; i++) emit('c:' + padded.slice(i, i + 3));
    }
  };
  const visit = (
    tokens: readonly string[],
    emit: (feature: string) => void,
    syllable: (t: string) => void = (t) => ofSyllable(t, emit),
  ): void => {
    emit(lengthBucket(tokens.length));
    let prev = '^';
    for (const t of tokens) {
      syllable(t);
      emit('b:' + prev + ' ' + t);
      prev = t;
    }
    if (tokens.length > 0) emit('b:' + prev + ' $');
    phraseIds.length = 0;
    matcher.phrasesIn(tokens, phraseIds);
    for (const id of phraseIds) emit('q:' + id);
  };
  const fromTokens = (tokens: readonly string[]): string[] => {
    const out = new Set<string>();
    visit(tokens, (f) => out.add(f));
    return [...out];
  };
  // Reused between calls: the ids found and, per vocabulary index, the call that last saw it.
  let ids = new Int32Array(256);
  let seen = new Uint32Array(0);
  let call = 0;
  // A syllable's own feature ids, per vocabulary (residents use a few thousand syllables; bounded).
  const syllableIds = new WeakMap<ReadonlyMap<string, number>, Map<string, Int32Array>>();
  const encodeTokens = (tokens: readonly string[], vocabulary: ReadonlyMap<string, number>): Int32Array => {
    if (seen.length < vocabulary.size) seen = new Uint32Array(vocabulary.size);
    let cache = syllableIds.get(vocabulary);
    if (!cache) {
      cache = new Map<string, Int32Array>();
      syllableIds.set(vocabulary, cache);
    }
    call = (call + 1) >>> 0 || 1;
    let n = 0;
    const push = (id: number): void => {
      if (seen[id] === call) return;
      seen[id] = call;
      if (n === ids.length) {
        const grown = new Int32Array(ids.length * 2);
        grown.set(ids);
        ids = grown;
      }
      ids[n++] = id;
    };
    const emit = (f: string): void => {
      const id = vocabulary.get(f);
      if (id !== undefined) push(id);
    };
    const known = cache;
    visit(tokens, emit, (t) => {
      let own = known.get(t);
      if (own === undefined) {
        const found: number[] = [];
        ofSyllable(t, (f) => {
          const id = vocabulary.get(f);
          if (id !== undefined) found.push(id);
        });
        own = Int32Array.from(found);
        if (known.size >= SYLLABLE_CACHE_LIMIT) known.clear();
        known.set(t, own);
      }
      for (const id of own) push(id);
    });
    return ids.slice(0, n);
  };
  const tokens = (text: string): string[] => tokenizeKeepingAccents(safeText(text));
  return { features: (text) => fromTokens(tokens(text)), fromTokens, encodeTokens, tokens };
}
