// Zalo's ids (user, OA, app, message) are documented as strings, but they are 19-digit numbers and
// some answers in the wild carry them bare; JSON.parse would round those to the nearest double.
// Before parsing, every integer literal outside a string that a double cannot hold exactly is put
// in quotes, so it arrives as the exact digits. (JSON.parse's reviver only sees the rounded value
// on Node 20; the `context.source` argument needs Node 21.)

/** Parses JSON, turning integers beyond Number.MAX_SAFE_INTEGER into their exact decimal strings. */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text)) as unknown;
}

const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

/** The JSON text with every unsafe integer literal outside strings quoted. */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let i = 0;
  let copiedTo = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      // Skip the string, escapes included.
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      const literal = match?.[0] ?? ch;
      if (match && !match[1] && !match[2] && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(copiedTo, i)}"${literal}"`;
        copiedTo = i + literal.length;
      }
      i += literal.length;
      continue;
    }
    i++;
  }
  return out + text.slice(copiedTo);
}

/** An id from a Zalo answer as a string (numbers that fit a double exactly are written out). */
export function idOf(value: unknown): string | null {
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

/** A field of a JSON object, or undefined. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
