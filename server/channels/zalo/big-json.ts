// Zalo's ids are 19-digit numbers (zalo-platform.md §1, §6.5). They should arrive as JSON strings,
// but an integer literal past 2^53 would be rounded by JSON.parse: any such literal is read as its
// digits, as text, so an id is never silently changed. (The raw bytes are what is stored.)

const DIGIT = /[0-9]/;

/** JSON.parse, except that integer literals beyond Number.MAX_SAFE_INTEGER come back as their text. */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      continue;
    }
    if (ch !== '-' && !DIGIT.test(ch)) continue;
    let end = i + 1;
    while (end < text.length && /[0-9eE.+-]/.test(text[end] ?? '')) end++;
    const literal = text.slice(i, end);
    if (/^-?[0-9]+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
      out += `${text.slice(last, i)}"${literal}"`;
      last = end;
    }
    i = end - 1;
  }
  return JSON.parse(last === 0 ? text : out + text.slice(last));
}
