import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { serialTipFiles } from './tipApi';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a reporter’s files', () => {
  it('are fetched one at a time with the code and passphrase, a failure not stopping the next', async () => {
    let inFlight = 0;
    let most = 0;
    const asked: { url: string; body: unknown }[] = [];
    const release: (() => void)[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      asked.push({ url, body: JSON.parse(init.body as string) });
      await new Promise<void>((resolve) => release.push(resolve));
      inFlight -= 1;
      return url.endsWith('/b')
        ? new Response(JSON.stringify({ code: 'too_many_attempts' }), { status: 429 })
        : new Response(new Uint8Array([1, 2, 3]), { status: 200 });
    });
    const load = serialTipFiles({ receiptCode: 'TB-ABCDEFGH', passphrase: 'một hai ba bốn' });
    const all = Promise.allSettled([load('a', true), load('b', false), load('c', true)]);
    // Each request waits for the one before it to be answered.
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(release.length).toBe(i + 1));
      release[i]?.();
    }
    const [a, b, c] = await all;
    expect(most).toBe(1);
    expect(asked.map((x) => x.url)).toEqual([
      '/api/v1/public/tips/attachments/a/thumbnail',
      '/api/v1/public/tips/attachments/b',
      '/api/v1/public/tips/attachments/c/thumbnail',
    ]);
    expect(asked[0]?.body).toEqual({ receiptCode: 'TB-ABCDEFGH', passphrase: 'một hai ba bốn' });
    expect(a?.status === 'fulfilled' && a.value.size).toBe(3);
    expect(b?.status === 'rejected' && b.reason instanceof ApiError && b.reason.code).toBe('too_many_attempts');
    expect(c?.status).toBe('fulfilled');
  });
});
