import { describe, expect, it } from 'vitest';
import { classifyZaloError, ZALO_ERROR_CLASSES, ZaloApiError, zaloAnswerError } from './zalo-error.js';

describe('classifyZaloError', () => {
  it('sorts the codes the outbox acts on', () => {
    expect(classifyZaloError(-32)).toBe('rate_limited');
    expect(classifyZaloError(-216)).toBe('token');
    expect(classifyZaloError(-220)).toBe('token');
    expect(classifyZaloError(-230)).toBe('window_closed');
    expect(classifyZaloError(-232)).toBe('window_closed');
    expect(classifyZaloError(-227)).toBe('not_allowed');
    expect(classifyZaloError(-213)).toBe('not_allowed');
    expect(classifyZaloError(-237)).toBe('group_expired');
  });

  it('retries codes it does not know, and failures without a Zalo code', () => {
    expect(classifyZaloError(-200)).toBe('retry');
    expect(classifyZaloError(-100)).toBe('retry');
    expect(classifyZaloError(-99999)).toBe('retry');
    expect(classifyZaloError(null)).toBe('retry');
  });

  it('never retries a refusal of the OAuth endpoint', () => {
    expect(classifyZaloError(-14014)).toBe('not_allowed');
    expect(classifyZaloError(-14019)).toBe('not_allowed');
    expect(classifyZaloError(-14999)).toBe('not_allowed');
  });

  it('lists only classes other than retry in the table', () => {
    expect([...ZALO_ERROR_CLASSES.values()]).not.toContain('retry');
  });
});

describe('ZaloApiError', () => {
  it('carries a stable code, Zalo’s number, its class and message', () => {
    const err = zaloAnswerError(-230, 'User has not interacted with the OA in the past 7 days');
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ code: 'zalo:-230', zaloCode: -230, errorClass: 'window_closed', name: 'ZaloApiError' });
    expect(err.message).toBe('User has not interacted with the OA in the past 7 days');
    expect(zaloAnswerError(-1, '').message).toBe('Zalo error -1');
  });
});
