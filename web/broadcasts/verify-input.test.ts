import { describe, expect, it } from 'vitest';
import { verifyQueryFor, verifyQueryFromParams } from './verify-input';

describe('verify input', () => {
  it('reads a post code however it was typed', () => {
    for (const typed of ['KN-7F3K-2Q', 'kn-7f3k-2q', ' KN 7F3K 2Q ', 'KN7F3K2Q', 'Mã xác minh: KN-7F3K-2Q'])
      expect(verifyQueryFor(typed), typed).toEqual({ param: 'code', value: 'KN-7F3K-2Q' });
  });

  it('sends a pasted link whole as the code', () => {
    for (const link of [
      'https://ketnoi.example.vn/tin-tuc/0190a1b2-c3d4',
      'http://ketnoi.example.vn/xac-minh?code=KN-7F3K-2Q',
      'www.ketnoi.example.vn/tin-tuc/abc',
      'ketnoi.example.vn/tin-tuc/abc',
    ])
      expect(verifyQueryFor(link), link).toEqual({ param: 'code', value: link });
  });

  it('takes mostly digits for a phone number', () => {
    for (const phone of ['0912 345 678', '+84 912.345.678', '(0239) 3855 113', '113', '0912-345-678'])
      expect(verifyQueryFor(phone), phone).toEqual({ param: 'phone', value: phone });
  });

  it('takes anything else for an account name', () => {
    for (const name of ['Công an xã Thạch Trung', 'CAX Thạch Trung', 'Zalo 0912 cán bộ Hùng', '12'])
      expect(verifyQueryFor(name), name).toEqual({ param: 'name', value: name });
  });

  it('asks nothing for blank input', () => {
    expect(verifyQueryFor('   ')).toBeNull();
  });

  it('reads the question back from the address', () => {
    expect(verifyQueryFromParams(new URLSearchParams('code=KN-7F3K-2Q'))).toEqual({
      param: 'code',
      value: 'KN-7F3K-2Q',
    });
    expect(verifyQueryFromParams(new URLSearchParams('phone=113'))).toEqual({ param: 'phone', value: '113' });
    expect(verifyQueryFromParams(new URLSearchParams('x=1'))).toBeNull();
  });
});
