import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_RULE,
  CLIENT_RULE,
  clientNetwork,
  deviceOf,
  newDeviceToken,
  throttleKeys,
  waitAfter,
} from './login-throttle.js';

describe('login throttle rules', () => {
  it('lets a client try 5 times, then doubles its wait from 15 s up to 15 min', () => {
    const waits = Array.from({ length: 14 }, (_, i) => waitAfter(CLIENT_RULE, i + 1) / 1000);
    expect(waits).toEqual([0, 0, 0, 0, 15, 30, 60, 120, 240, 480, 900, 900, 900, 900]);
  });

  it('keeps the account-wide wait at a minute at most', () => {
    const waits = Array.from({ length: 18 }, (_, i) => waitAfter(ACCOUNT_RULE, i + 1) / 1000);
    expect(waits).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(waitAfter(ACCOUNT_RULE, 1_000_000)).toBe(60_000);
  });

  it('counts an IPv6 subscriber by its /64 and a mapped IPv4 address as IPv4', () => {
    expect(clientNetwork('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientNetwork('203.0.113.9')).toBe('203.0.113.9');
    expect(clientNetwork(null)).toBe('unknown');
  });

  it('keys rows by the normalised username without storing it', () => {
    const key = crypto.randomBytes(32);
    const a = throttleKeys(key, '  Truong.CA ', 'net:1.2.3.4');
    expect(a).toEqual(throttleKeys(key, 'truong.ca', 'net:1.2.3.4'));
    expect(a.client).not.toBe(throttleKeys(key, 'truong.ca', 'net:1.2.3.5').client);
    expect(a.account).toBe(throttleKeys(key, 'truong.ca', 'net:1.2.3.5').account);
    expect(JSON.stringify(a)).not.toContain('truong');
  });

  it('recognises a device cookie only for the username it was issued to, and not forged', () => {
    const key = crypto.randomBytes(32);
    const token = newDeviceToken(key, 'truong.ca');
    const id = token.split('.')[0];
    expect(deviceOf(key, 'TRUONG.CA', token)).toBe(id);
    expect(deviceOf(key, 'canbo.a', token)).toBeNull();
    expect(deviceOf(crypto.randomBytes(32), 'truong.ca', token)).toBeNull();
    expect(deviceOf(key, 'truong.ca', `${id}.AAAA`)).toBeNull();
    expect(deviceOf(key, 'truong.ca', `${token}.x`)).toBeNull();
    expect(deviceOf(key, 'truong.ca', undefined)).toBeNull();
  });
});
