// What a resident pastes into "Có phải công an thật không?" decides what the verify API is asked:
// a post's code or a link to a post, a phone number, or the name of an account.

export type VerifyParam = 'code' | 'phone' | 'name';

export interface VerifyQuery {
  param: VerifyParam;
  value: string;
}

// KN-7F3K-2Q, also typed as "kn 7f3k 2q" or "KN7F3K2Q".
const CODE = /\bKN[\s-]?([0-9A-Z]{4})[\s-]?([0-9A-Z]{2})\b/i;
const LINK = /^(?:https?:\/\/|www\.)|\/tin-tuc\/|\/xac-minh\?/i;

/** Which verify parameter to send for what the resident entered; null when there is nothing to check. */
export function verifyQueryFor(input: string): VerifyQuery | null {
  const value = input.trim().replace(/\s+/g, ' ');
  if (!value) return null;
  // A link is sent whole: the server reads the code or the post id out of it.
  if (LINK.test(value)) return { param: 'code', value };
  const code = CODE.exec(value);
  if (code) return { param: 'code', value: `KN-${code[1]}-${code[2]}`.toUpperCase() };
  const digits = value.replace(/\D/g, '');
  // "Mostly digits": 0912 345 678, +84 912.345.678, (0239) 3855 113, 113.
  if (digits.length >= 3 && digits.length >= value.replace(/[\s.()+-]/g, '').length * 0.8)
    return { param: 'phone', value };
  return { param: 'name', value };
}

/** The query as it was asked, read back from the page's address (?code=, ?phone= or ?name=). */
export function verifyQueryFromParams(params: URLSearchParams): VerifyQuery | null {
  for (const param of ['code', 'phone', 'name'] as const) {
    const value = params.get(param)?.trim();
    if (value) return { param, value };
  }
  return null;
}
