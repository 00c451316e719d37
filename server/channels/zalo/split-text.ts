// Zalo refuses cs and group texts over 2,000 characters (§4.1 of the platform brief). Long answers are
// sent as several messages, cut where a reader would pause: between sentences, else between words,
// else between characters as the reader sees them (graphemes) — never inside an emoji, a surrogate
// pair or a letter with its combining marks.

/** The longest text Zalo accepts in one message. */
export const ZALO_MAX_TEXT_CHARS = 2000;

type Granularity = 'sentence' | 'word' | 'grapheme';

const segmenters = new Map<Granularity, Intl.Segmenter>();

function segments(text: string, granularity: Granularity): string[] {
  let segmenter = segmenters.get(granularity);
  if (!segmenter) {
    segmenter = new Intl.Segmenter('vi', { granularity });
    segmenters.set(granularity, segmenter);
  }
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

const FINER: Record<Granularity, Granularity | null> = { sentence: 'word', word: 'grapheme', grapheme: null };

// Pieces no longer than max, each a run of whole segments of the given granularity (finer ones
// inside a segment that alone is too long).
function pieces(text: string, max: number, granularity: Granularity): string[] {
  const out: string[] = [];
  let current = '';
  for (const segment of segments(text, granularity)) {
    if (current.length + segment.length <= max) {
      current += segment;
      continue;
    }
    if (current) out.push(current);
    current = '';
    if (segment.length <= max) {
      current = segment;
      continue;
    }
    const finer = FINER[granularity];
    // A grapheme longer than the limit (thousands of combining marks) is cut between code points.
    const parts = finer ? pieces(segment, max, finer) : codePointPieces(segment, max);
    out.push(...parts.slice(0, -1));
    current = parts.at(-1) ?? '';
  }
  if (current) out.push(current);
  return out;
}

function codePointPieces(text: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const cp of text) {
    if (current.length + cp.length > max) {
      out.push(current);
      current = '';
    }
    current += cp;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Splits a text into messages of at most `max` UTF-16 code units (a conservative reading of Zalo's
 * "characters": never more than the code points), after NFC normalisation so Vietnamese letters
 * count once. Whitespace at the cuts is dropped; an empty or blank text gives no message.
 */
export function splitText(text: string, max = ZALO_MAX_TEXT_CHARS): string[] {
  if (max < 2) throw new RangeError('max must leave room for a surrogate pair');
  const normalized = text.normalize('NFC');
  if (!normalized.trim()) return [];
  if (normalized.length <= max) return [normalized];
  // Trimming can only shorten a piece, so each stays within the limit.
  return pieces(normalized, max, 'sentence')
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0);
}
