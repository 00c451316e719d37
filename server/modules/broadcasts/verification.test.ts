import { describe, expect, it } from 'vitest';
import { VERIFICATION_ALPHABET, verificationCodePattern } from '../../../contracts/broadcasts.js';
import { codeIn, foldName, linkedPostId, newVerificationCode, phoneDigits } from './verification.js';

const ID = '01963f0e-8a2b-7c3d-9e4f-0123456789ab';

describe('verification codes and what residents paste', () => {
  it('makes KN-XXXX-XX codes without look-alike characters', () => {
    expect(VERIFICATION_ALPHABET).not.toMatch(/[01OILU]/);
    const codes = Array.from({ length: 2000 }, newVerificationCode);
    for (const code of codes) expect(code).toMatch(verificationCodePattern);
    // Random: 2000 draws from 729 million codes do not repeat.
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('finds a code typed loosely, or inside a link', () => {
    expect(codeIn('KN-7F3K-2Q')).toBe('KN-7F3K-2Q');
    expect(codeIn('  kn-7f3k-2q ')).toBe('KN-7F3K-2Q');
    expect(codeIn('kn 7f3k 2q')).toBe('KN-7F3K-2Q');
    expect(codeIn('KN7F3K2Q')).toBe('KN-7F3K-2Q');
    expect(codeIn('Mã xác minh: KN-7F3K-2Q.')).toBe('KN-7F3K-2Q');
    expect(codeIn('https://ketnoi.example/xac-minh?code=KN-7F3K-2Q&utm=zalo')).toBe('KN-7F3K-2Q');
    expect(codeIn('https://ketnoi.example/xac-minh?code=KN%2D7F3K%2D2Q')).toBe('KN-7F3K-2Q');
  });

  it('finds no code in look-alikes, wrong lengths or other words', () => {
    for (const text of ['KN-7F3K-2O', 'KN-1F3K-2Q', 'KN-7F3K-2QX', 'KN-7F3-2Q', 'XKN-7F3K-2Q', '', 'knock knock']) {
      expect(codeIn(text), text).toBeNull();
    }
  });

  it('reads a post id from a bare path or a link to this site only', () => {
    expect(linkedPostId(`/tin-tuc/${ID}`, 'ketnoi.example')).toBe(ID);
    expect(linkedPostId(`https://ketnoi.example/tin-tuc/${ID}?ref=zalo`, 'ketnoi.example')).toBe(ID);
    expect(linkedPostId(`ketnoi.example/tin-tuc/${ID.toUpperCase()}`, 'KetNoi.example')).toBe(ID);
    expect(linkedPostId(`https://ketnoi.example.evil.vn/tin-tuc/${ID}`, 'ketnoi.example')).toBeNull();
    expect(linkedPostId(`https://evil.vn/ketnoi.example/tin-tuc/${ID}`, 'ketnoi.example')).toBeNull();
    expect(linkedPostId(`/tin-tuc/${ID}0`, 'ketnoi.example')).toBeNull();
    expect(linkedPostId('/tin-tuc/abc', 'ketnoi.example')).toBeNull();
  });

  it('reads phone numbers in their national form', () => {
    expect(phoneDigits('0239 3855 113')).toBe('02393855113');
    expect(phoneDigits('+84 239 3855 113')).toBe('02393855113');
    expect(phoneDigits('0084-239-3855-113')).toBe('02393855113');
    expect(phoneDigits('(0239) 3.855.113')).toBe('02393855113');
    expect(phoneDigits('113')).toBe('113');
    expect(phoneDigits('12')).toBeNull();
    expect(phoneDigits('gọi tôi')).toBeNull();
  });

  it('folds account names without diacritics, spelling out CAP and CAX', () => {
    expect(foldName('CAP Bắc Hà')).toBe('cong an phuong bac ha');
    expect(foldName('Công an phường Bắc Hà')).toBe('cong an phuong bac ha');
    expect(foldName('cong an phuong  bac-ha')).toBe('cong an phuong bac ha');
    expect(foldName('CAX Thạch Trung')).toBe('cong an xa thach trung');
    expect(foldName('ĐẠI NÀI')).toBe('dai nai');
  });
});
