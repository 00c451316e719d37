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

export interface FeatureExtractor {
  /** Distinct feature names of a message (order irrelevant). */
  features(text: string): string[];
  /** The same from the message's syllables (`tokens`), when the caller has them already. */
  fromTokens(tokens: readonly string[]): string[];
  /** The syllables the features are made from. */
  tokens(text: string): string[];
}

export function createFeatureExtractor(matcher: Matcher): FeatureExtractor {
  const phraseIds: number[] = [];
  const fromTokens = (tokens: readonly string[]): string[] => {
    const out = new Set<string>();
    out.add(lengthBucket(tokens.length));
    let prev = '^';
    for (const t of tokens) {
      out.add('w:' + t);
      out.add('b:' + prev + ' ' + t);
      prev = t;
      if (t.length >= 3) {
        const padded = '<' + t + '>';
        for (let i = 0; i + 3 <= padded.length; i++) out.add('c:' + padded.slice(i, i + 3));
      }
    }
    if (tokens.length > 0) out.add('b:' + prev + ' $');
    phraseIds.length = 0;
    matcher.phrasesIn(tokens, phraseIds);
    for (const id of phraseIds) out.add('q:' + id);
    return [...out];
  };
  const tokens = (text: string): string[] => tokenizeKeepingAccents(safeText(text));
  return { features: (text) => fromTokens(tokens(text)), fromTokens, tokens };
}
