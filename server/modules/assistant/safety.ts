// The safety layer: runs before the classifier and cannot be outvoted by it. It reads danger-now
// phrases (lexicon/danger.ts) over the message's syllables as the resident wrote them: a phrase
// syllable matches the same syllable, or one typed without any diacritics that folds to it, so
// typing without accents is understood but an accented word never collides with another word's
// folded spelling. Recall comes first: a danger phrase counts unless the message clearly places it
// in the past or in a paperwork question's backstory, and the learned model can add emergencies the
// phrases miss (classifier.ts) but never remove one found here.
import type { DangerKind } from '../../../contracts/assistant.js';
import {
  CONTEXT_MASKS,
  DANGER_PHRASES,
  HARMLESS_PHRASES,
  HELP_CALLS,
  NOW_MARKERS,
  ONGOING_MARKERS,
  RECENT_MARKERS,
  PAPERWORK_ASKS,
  PAST_MARKERS,
  REPORT_MARKERS,
  SCAM_STORY,
  type DangerService,
} from './lexicon/danger.js';
import { EXPANDED_WORDS, foldDiacritics } from './normalize.js';

const GAP = '~';
const MAX_GAP = 4;
const ASCII_RE = /^[\x20-\x7e]*$/;

interface Slot {
  /** Matches only as written with diacritics (the phrase began with "="). */
  exactOnly?: boolean;
  /** Accepted syllables as written (with diacritics). */
  exact: ReadonlySet<string>;
  /** Their folded spellings, accepted only from syllables typed without diacritics. */
  folded: ReadonlySet<string>;
}

type Pattern = readonly (Slot | typeof GAP)[] & { source?: string };

export function compilePattern(phrase: string): Pattern {
  const marked = phrase.startsWith('=');
  const text = marked ? phrase.slice(1) : phrase;
  // One syllable typed without diacritics is too ambiguous to be read folded.
  const exactOnly = marked || !text.trim().includes(' ');
  const slots = text
    .normalize('NFC')
    .toLowerCase()
    .split(' ')
    .filter(Boolean)
    .map((part): Slot | typeof GAP => {
      if (part === GAP) return GAP;
      const alternatives = part.split('|').filter(Boolean);
      return {
        exact: new Set(alternatives),
        folded: new Set(exactOnly ? [] : alternatives.map(foldDiacritics)),
      };
    });
  if (slots.length === 0 || slots[0] === GAP || slots.at(-1) === GAP) throw new Error(`danger: bad phrase "${text}"`);
  return Object.assign(slots, { source: phrase });
}

/**
 * A message's syllables and how to read them: in a message written with diacritics only exact
 * syllables match; in one typed without them, a syllable matches any phrase syllable folding to it.
 */
export interface Syllables {
  tokens: readonly string[];
  folded: boolean;
  /** Which syllables may match by their folded spelling (filled on first use). */
  canFold?: Uint8Array;
}

function foldable(text: Syllables): Uint8Array {
  if (text.canFold) return text.canFold;
  const f = new Uint8Array(text.tokens.length);
  text.tokens.forEach((t, i) => {
    // The normaliser's own expansions ("mô" → "dau") are folded words in any message.
    if ((text.folded || EXPANDED_WORDS.has(t)) && ASCII_RE.test(t)) f[i] = 1;
  });
  text.canFold = f;
  return f;
}

function slotMatches(slot: Slot, token: string, canFold: boolean): boolean {
  return slot.exact.has(token) || (canFold && slot.folded.has(token));
}

function matchFrom(text: Syllables, i: number, p: Pattern, j: number): number {
  if (j === p.length) return i;
  const slot = p[j];
  if (slot === undefined) return -1;
  if (slot === GAP) {
    for (let g = 0; g <= MAX_GAP && i + g <= text.tokens.length; g++) {
      const end = matchFrom(text, i + g, p, j + 1);
      if (end >= 0) return end;
    }
    return -1;
  }
  const token = text.tokens[i];
  return token !== undefined && slotMatches(slot, token, foldable(text)[i] === 1)
    ? matchFrom(text, i + 1, p, j + 1)
    : -1;
}

/**
 * Compiled phrases, each with a tag, indexed by their first syllable (as written and folded), so a
 * message is read in one pass over its syllables whatever the number of phrases.
 */
export class PhraseSet<T = true> {
  private readonly exact = new Map<string, [Pattern, T][]>();
  private readonly folded = new Map<string, [Pattern, T][]>();

  constructor(entries: readonly (readonly [string, T])[]) {
    const add = (index: Map<string, [Pattern, T][]>, key: string, e: [Pattern, T]) => {
      const list = index.get(key);
      if (!list) index.set(key, [e]);
      else if (!list.includes(e)) list.push(e);
    };
    for (const [text, tag] of entries) {
      const p = compilePattern(text);
      const first = p[0];
      if (first === undefined || first === GAP) continue;
      const e: [Pattern, T] = [p, tag];
      for (const x of first.exact) add(this.exact, x, e);
      for (const f of first.folded) add(this.folded, f, e);
    }
  }

  static of(phrases: readonly string[]): PhraseSet {
    return new PhraseSet(phrases.map((p) => [p, true] as const));
  }

  /** Calls `visit` for every occurrence: its tag, phrase, first syllable and the index after its last. */
  scan(text: Syllables, visit: (tag: T, phrase: Pattern, start: number, end: number) => void): void {
    const { tokens } = text;
    const canFold = foldable(text);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] ?? '';
      this.visitAt(text, i, this.exact.get(token), visit);
      if (canFold[i]) this.visitAt(text, i, this.folded.get(token), visit);
    }
  }

  has(text: Syllables): boolean {
    let found = false;
    this.scan(text, () => (found = true));
    return found;
  }

  private visitAt(
    text: Syllables,
    i: number,
    candidates: [Pattern, T][] | undefined,
    visit: (tag: T, phrase: Pattern, start: number, end: number) => void,
  ): void {
    if (!candidates) return;
    for (const [p, tag] of candidates) {
      const end = matchFrom(text, i, p, 0);
      if (end >= 0) visit(tag, p, i, end);
    }
  }
}

export interface SafetyReading {
  /** The phrases say danger is happening now. */
  danger: boolean;
  /** The services named by the phrases found (strong ones if any, else weak ones). */
  services: DangerService[];
  /** A danger phrase was found but the message places it in the past or a paperwork question. */
  backgroundOnly: boolean;
  /** The phrases that decided (for officers and tests: why a message was read as danger). */
  phrases: string[];
}

export interface SafetyLayer {
  read(text: Syllables): SafetyReading;
}

type Tag =
  | { kind: 'critical' | 'strong' | 'weak'; service: DangerService }
  | { kind: 'help' | 'now' | 'ongoing' | 'recent' | 'past' | 'report' | 'scam' | 'paperwork' };

const FIRST_AID = new Set(['cấp', 'cap']);

export function createSafetyLayer(): SafetyLayer {
  const entries: [string, Tag][] = [];
  for (const service of Object.keys(DANGER_PHRASES) as DangerService[]) {
    for (const p of DANGER_PHRASES[service].critical) entries.push([p, { kind: 'critical', service }]);
    for (const p of DANGER_PHRASES[service].strong) entries.push([p, { kind: 'strong', service }]);
    for (const p of DANGER_PHRASES[service].weak) entries.push([p, { kind: 'weak', service }]);
  }
  for (const p of HELP_CALLS) entries.push([p, { kind: 'help' }]);
  for (const p of NOW_MARKERS) entries.push([p, { kind: 'now' }]);
  for (const p of ONGOING_MARKERS) entries.push([p, { kind: 'ongoing' }]);
  for (const p of RECENT_MARKERS) entries.push([p, { kind: 'recent' }]);
  for (const p of PAST_MARKERS) entries.push([p, { kind: 'past' }]);
  for (const p of REPORT_MARKERS) entries.push([p, { kind: 'report' }]);
  for (const p of SCAM_STORY) entries.push([p, { kind: 'scam' }]);
  for (const p of PAPERWORK_ASKS) entries.push([p, { kind: 'paperwork' }]);
  const phrases = new PhraseSet<Tag>(entries);
  const harmless = PhraseSet.of(HARMLESS_PHRASES);
  const contexts = new PhraseSet<ReadonlySet<string>>(
    CONTEXT_MASKS.flatMap(({ context, ignore }) => context.map((c) => [c, new Set(ignore)] as const)),
  );
  const known = new Set(entries.map(([p]) => p));
  for (const { ignore } of CONTEXT_MASKS) {
    for (const p of ignore) if (!known.has(p)) throw new Error(`danger: context mask names no phrase "${p}"`);
  }

  const read = (text: Syllables): SafetyReading => {
    // Syllables of harmless phrases ("nghiên cứu", "phòng cháy") do not start a danger phrase.
    // Each masked syllable keeps the harmless phrase that covers it.
    const maskedBy: (string | undefined)[] = new Array<string | undefined>(text.tokens.length);
    harmless.scan(text, (_t, p, start, end) => maskedBy.fill(p.source ?? '', start, end));
    /** Masked, unless the danger phrase is the harmless one going on ("người lạ" + "đón"). */
    const isMasked = (start: number, end: number, source = ''): boolean => {
      const by = maskedBy[start] ?? maskedBy[end - 1];
      if (by === undefined) return false;
      return !(maskedBy[start] === by && source.startsWith(by + ' '));
    };
    // Danger phrases whose meaning a context in the message changes ("sòng bạc … đang đánh").
    const ignored = new Set<string>();
    contexts.scan(text, (ignore) => ignore.forEach((p) => ignored.add(p)));
    const critical = new Set<DangerService>();
    const strong = new Set<DangerService>();
    const weak = new Set<DangerService>();
    const seen = new Set<string>();
    let help = false;
    let isNow = false;
    let isPast = false;
    let isPaperwork = false;
    let isReport = false;
    let isScam = false;
    let isOngoing = false;
    let isRecent = false;
    phrases.scan(text, (tag, phrase, start, end) => {
      if (tag.kind === 'now') isNow = true;
      else if (tag.kind === 'ongoing') isOngoing = true;
      else if (tag.kind === 'recent') isRecent = true;
      else if (tag.kind === 'scam') isScam = true;
      else if (tag.kind === 'past') isPast = true;
      else if (tag.kind === 'report') isReport = true;
      else if (tag.kind === 'paperwork') isPaperwork = true;
      else if (isMasked(start, end, phrase.source) || ignored.has(phrase.source ?? '')) return;
      // "cứu" inside "cấp cứu" names the ambulance, it is not a cry for help.
      else if (tag.kind === 'help' && start > 0 && FIRST_AID.has(text.tokens[start - 1] ?? '')) return;
      else {
        if (!('service' in tag)) help = true;
        else (tag.kind === 'critical' ? critical : tag.kind === 'strong' ? strong : weak).add(tag.service);
        if (phrase.source) seen.add(phrase.source);
      }
    });
    // A report after the fact places violence and theft in the past, not a fire or a casualty.
    if (isReport && !isNow && !isOngoing && !help) strong.delete('police');
    for (const s of critical) strong.add(s);
    const background =
      (isPast && !isNow && !help) || (isPaperwork && !isNow && !isOngoing && !help) || (isScam && !help);
    let danger = false;
    if (strong.size > 0 || help) danger = !background;
    else if (weak.size > 0)
      danger = (isNow || isOngoing || isRecent) && !isPast && !isPaperwork && !isReport && !isScam;
    const named = strong.size > 0 ? strong : weak;
    return {
      danger,
      services: danger ? [...named] : [],
      backgroundOnly: !danger && (strong.size > 0 || weak.size > 0 || help),
      phrases: [...seen],
    };
  };
  return { read };
}

/** The number to give first: one service's, or every number when several or none are named. */
export function dangerKind(services: readonly DangerService[]): DangerKind {
  const distinct = new Set(services);
  if (distinct.size !== 1) return 'unclear';
  const [only] = distinct;
  if (only === 'fire') return 'fire';
  if (only === 'medical') return 'medical';
  if (only === 'police') return 'police';
  return 'unclear';
}
