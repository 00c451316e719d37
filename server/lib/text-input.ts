// Text as clients send it, checked once for every route (see edge.ts), so no route can forget:
// - NUL and lone UTF-16 surrogates are refused. PostgreSQL cannot store NUL in text at all (the
//   request failed with 500), and a lone surrogate would be stored as U+FFFD, silently changed.
//   Refusing names the field; stripping would save something else than what was typed.
// - Bidi controls (U+202A–U+202E, U+2066–U+2069) are removed from bodies: they can make a name or
//   message show others something else than what it says ("RLO" reversing a phone number). No
//   Vietnamese text needs them, so removing them changes nothing a resident or officer meant.

const NUL = '\u0000';
/** With the u flag, a well-formed pair is one astral code point: only lone halves match. */
const LONE_SURROGATE = /\p{Cs}/u;
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Secrets are compared as typed, never shown: their bidi characters stay. */
const KEEP_AS_TYPED = new Set(['password']);

export interface TextProblem {
  /** Where, as validation errors name it: `body.forms.0.name`, `query.q`, `params.id`. */
  path: string;
  message: string;
}

function problemIn(s: string): string | null {
  if (s.includes(NUL)) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate';
  return null;
}

type Container = Record<string, unknown> | unknown[];

/** Parsed JSON and query objects; raw bytes (a Buffer body) hold no text to check. */
function isWalkable(value: unknown): value is Container {
  return value !== null && typeof value === 'object' && !ArrayBuffer.isView(value);
}

/**
 * Checks every string (and object key) of a parsed request part, iteratively (a body may nest
 * thousands deep), and with `stripBidi` removes bidi controls from its strings in place.
 * Returns the cleaned value, or the first problem found.
 */
export function checkText(
  value: unknown,
  root: string,
  stripBidi: boolean,
): { ok: true; value: unknown } | { ok: false; problem: TextProblem } {
  if (typeof value === 'string') {
    const message = problemIn(value);
    if (message) return { ok: false, problem: { path: root, message } };
    return { ok: true, value: stripBidi ? value.replace(BIDI_CONTROLS, '') : value };
  }
  if (!isWalkable(value)) return { ok: true, value };
  const stack: { node: Container; path: string; keep: boolean }[] = [{ node: value, path: root, keep: false }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, path, keep } = item;
    for (const key of Object.keys(node)) {
      const keyProblem = problemIn(key);
      if (keyProblem) return { ok: false, problem: { path: `${path}.${key}`, message: `its name ${keyProblem}` } };
      const child: unknown = (node as Record<string, unknown>)[key];
      const childPath = `${path}.${key}`;
      const childKeep = keep || (!Array.isArray(node) && KEEP_AS_TYPED.has(key));
      if (typeof child === 'string') {
        const message = problemIn(child);
        if (message) return { ok: false, problem: { path: childPath, message } };
        if (stripBidi && !childKeep) (node as Record<string, unknown>)[key] = child.replace(BIDI_CONTROLS, '');
      } else if (isWalkable(child)) {
        stack.push({ node: child, path: childPath, keep: childKeep });
      }
    }
  }
  return { ok: true, value };
}
