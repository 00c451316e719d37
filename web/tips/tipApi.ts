import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateTipInput,
  myTipsSchema,
  PublicTip,
  TipAttachmentClaim,
  tipReceiptSchema,
} from '../../contracts/tips';
import type { Problem } from '../../contracts/common';
import { api, ApiError, isApiError } from '../api';

// The residents' tip API. Nothing here is cached in storage: the passphrase lives only in the
// calling component's memory (react-query mutations keep no cache of their variables after use).

const base = '/api/v1/public';
export type TipReceipt = z.infer<typeof tipReceiptSchema>;
export type MyTips = z.infer<typeof myTipsSchema>;

/** What opens a tip: its code and passphrase (none for an identified resident's own tip). */
export interface TipKey {
  receiptCode: string;
  passphrase?: string | undefined;
}

export function useSubmitTip(slug: string) {
  return useMutation({
    mutationFn: (input: CreateTipInput) =>
      api<TipReceipt>(`${base}/units/${encodeURIComponent(slug)}/tips`, { method: 'POST', body: input }),
  });
}

export function lookupTip(key: TipKey): Promise<PublicTip> {
  return api<PublicTip>(`${base}/tips/lookup`, { method: 'POST', body: key });
}

export function useReplyTip() {
  return useMutation({
    mutationFn: ({ key, text, attachments }: { key: TipKey; text: string; attachments?: TipAttachmentClaim[] }) =>
      api<{ ok: true }>(`${base}/tips/messages`, {
        method: 'POST',
        body: { ...key, text, ...(attachments?.length ? { attachments } : {}) },
      }),
  });
}

/** The identified resident's own tips; none for a device without a resident cookie. */
export function useMyTips() {
  return useQuery({
    queryKey: ['public', 'me', 'tips'],
    queryFn: async ({ signal }) => {
      try {
        return await api<MyTips>(`${base}/me/tips`, { signal });
      } catch (err) {
        if (isApiError(err, 401, 404)) return { items: [] };
        throw err;
      }
    },
    retry: (count, err) => !isApiError(err, 400, 401, 403, 404) && count < 2,
  });
}

/**
 * A photo or file of the reporter's tip (or its thumbnail): a POST with the code and passphrase, so
 * the page fetches the bytes itself and shows them through an object URL it revokes.
 */
export async function fetchTipFile(key: TipKey, id: string, thumbnail: boolean, signal?: AbortSignal): Promise<Blob> {
  const path = `${base}/tips/attachments/${encodeURIComponent(id)}${thumbnail ? '/thumbnail' : ''}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(key),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'network_error', title: 'Network error' });
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
    throw new ApiError(response.status, problem);
  }
  return response.blob();
}

export type TipFileLoader = (id: string, thumbnail: boolean, signal?: AbortSignal) => Promise<Blob>;

/**
 * Fetches a tip's files one at a time. Each request opens the tip like a look-up, and the server
 * counts every look-up of a code before refunding a good one: a page asking for six thumbnails at
 * once would trip the code's throttle (five free attempts) and lock its own reporter out.
 */
export function serialTipFiles(key: TipKey): TipFileLoader {
  let last: Promise<unknown> = Promise.resolve();
  return (id, thumbnail, signal) => {
    const next = last.then(() => {
      if (signal?.aborted) throw new DOMException('The fetch was cancelled', 'AbortError');
      return fetchTipFile(key, id, thumbnail, signal);
    });
    last = next.catch(() => undefined);
    return next;
  };
}
