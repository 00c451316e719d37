import { describe, expect, it } from 'vitest';
import { parseJsonKeepingBigIntegers } from './big-json.js';

describe('parseJsonKeepingBigIntegers', () => {
  it('reads integer literals beyond 2^53 as their digits', () => {
    expect(parseJsonKeepingBigIntegers('{"id":7677597454271532329,"n":-9007199254740993}')).toEqual({
      id: '7677597454271532329',
      n: '-9007199254740993',
    });
  });

  it('leaves safe numbers, decimals, exponents and strings as JSON.parse reads them', () => {
    const text = '{"a":1764583200000,"b":10.5,"c":1e21,"d":"12345678901234567890","e":[9007199254740991,true,null]}';
    expect(parseJsonKeepingBigIntegers(text)).toEqual(JSON.parse(text));
  });

  it('is not fooled by digits and escaped quotes inside strings', () => {
    expect(parseJsonKeepingBigIntegers('{"t":"a \\" 12345678901234567890","id":12345678901234567890}')).toEqual({
      t: 'a " 12345678901234567890',
      id: '12345678901234567890',
    });
  });

  it('still refuses text that is not JSON', () => {
    expect(() => parseJsonKeepingBigIntegers('{"id":1')).toThrow();
  });
});
