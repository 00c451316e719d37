import { describe, expect, it } from 'vitest';
import { idOf, parseJsonKeepingBigIntegers, quoteUnsafeIntegers } from './zalo-json.js';

describe('parseJsonKeepingBigIntegers', () => {
  it('keeps 19-digit ids written as bare numbers exact, as strings', () => {
    const parsed = parseJsonKeepingBigIntegers('{"user_id":7677597454271532329,"oa":[-2512523625412515123]}');
    expect(parsed).toEqual({ user_id: '7677597454271532329', oa: ['-2512523625412515123'] });
    // What JSON.parse alone would have done:
    expect(String((JSON.parse('{"id":7677597454271532329}') as { id: number }).id)).not.toBe('7677597454271532329');
  });

  it('leaves safe integers, decimals, exponents and negative error codes as numbers', () => {
    expect(parseJsonKeepingBigIntegers('{"error":-216,"a":9007199254740991,"b":1.5,"c":15e2}')).toEqual({
      error: -216,
      a: 9007199254740991,
      b: 1.5,
      c: 15e2,
    });
  });

  it('never touches digits inside strings, escaped quotes included', () => {
    const text = '{"text":"mã 7677597454271532329 \\"12345678901234567890\\"","k\\\\":1}';
    expect(quoteUnsafeIntegers(text)).toBe(text);
    expect(parseJsonKeepingBigIntegers(text)).toEqual({
      text: 'mã 7677597454271532329 "12345678901234567890"',
      'k\\': 1,
    });
  });

  it('leaves big decimals and exponents, and strings of digits, as JSON.parse reads them', () => {
    const text = '{"a":1764583200000,"b":10.5,"c":1e21,"d":"12345678901234567890","e":[9007199254740991,true,null]}';
    expect(parseJsonKeepingBigIntegers(text)).toEqual(JSON.parse(text));
  });

  it('still refuses text that is not JSON', () => {
    expect(() => parseJsonKeepingBigIntegers('<html>502</html>')).toThrow(SyntaxError);
    expect(() => parseJsonKeepingBigIntegers('{"id":1')).toThrow();
  });
});

describe('idOf', () => {
  it('reads ids as strings and refuses what is not an exact id', () => {
    expect(idOf('7677597454271532329')).toBe('7677597454271532329');
    expect(idOf(12345)).toBe('12345');
    expect(idOf(Number('7677597454271532329'))).toBeNull();
    expect(idOf('')).toBeNull();
    expect(idOf(null)).toBeNull();
  });
});
