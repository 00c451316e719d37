import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConsoleTip,
  ConsoleTipSummary,
  TipDeadline,
  TipPriority,
  TipStatus,
  TipTransitionInput,
} from '../../../contracts/tips';
import { api, isApiError } from '../../api';

const retry = (count: number, err: unknown) => !isApiError(err, 400, 401, 403, 404) && count < 2;
const tipPath = (id: string) => `/api/v1/console/tips/${encodeURIComponent(id)}`;
const unitPath = (unitId: string) => `/api/v1/console/units/${encodeURIComponent(unitId)}`;
export const tipKey = (id: string) => ['console', 'tip', id];
const listKey = (unitId: string) => ['console', 'tips', unitId];

/** The CSV export of the unit's tips (in one status, or all). */
export function tipsCsvHref(unitId: string, status: TipStatus | null): string {
  return `${unitPath(unitId)}/tips.csv${status ? `?status=${status}` : ''}`;
}

/** The unit's tips in one status (or all), overdue first, a page at a time. */
export function useTipList(unitId: string, status: TipStatus | null) {
  return useInfiniteQuery({
    queryKey: [...listKey(unitId), status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const qs = new URLSearchParams();
      if (status) qs.set('status', status);
      if (pageParam) qs.set('cursor', pageParam);
      return api<{ items: ConsoleTipSummary[]; nextCursor: string | null }>(`${unitPath(unitId)}/tips?${qs}`, {
        signal,
      });
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry,
    staleTime: 5_000,
  });
}

export function useTip(id: string) {
  return useQuery({ queryKey: tipKey(id), queryFn: ({ signal }) => api<ConsoleTip>(tipPath(id), { signal }), retry });
}

/** A changed tip: its own cache now, the lists and the unit's audit log on next read. */
function useStoreTip(unitId: string) {
  const queryClient = useQueryClient();
  return (tip: ConsoleTip) => {
    queryClient.setQueryData(tipKey(tip.id), tip);
    void queryClient.invalidateQueries({ queryKey: listKey(unitId) });
    void queryClient.invalidateQueries({ queryKey: ['console', 'audit', unitId] });
  };
}

export type TipAction =
  | { kind: 'message' | 'note'; text: string }
  | { kind: 'transition'; input: TipTransitionInput }
  | { kind: 'priority'; priority: TipPriority }
  | { kind: 'merge'; intoTipId: string; reason: string };

/** Every change of a tip but the reveal: messages, notes, steps, priority, merging. */
export function useTipAction(unitId: string, id: string) {
  const store = useStoreTip(unitId);
  return useMutation({
    mutationFn: (action: TipAction) => {
      switch (action.kind) {
        case 'message':
        case 'note':
          return api<ConsoleTip>(`${tipPath(id)}/${action.kind}s`, { method: 'POST', body: { text: action.text } });
        case 'transition':
          return api<ConsoleTip>(`${tipPath(id)}/transition`, { method: 'POST', body: action.input });
        case 'priority':
          return api<ConsoleTip>(`${tipPath(id)}/priority`, { method: 'POST', body: { priority: action.priority } });
        case 'merge':
          return api<ConsoleTip>(`${tipPath(id)}/merge`, {
            method: 'POST',
            body: { intoTipId: action.intoTipId, reason: action.reason },
          });
      }
    },
    onSuccess: store,
  });
}

/** Opens the identity vault with a written reason; the answer is shown once, never cached. */
export function useReveal(unitId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<{ name: string | null; phone: string | null }>(`${tipPath(id)}/reveal`, {
        method: 'POST',
        body: { reason },
      }),
    // The reveal is listed on the tip and in the audit log.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tipKey(id) });
      void queryClient.invalidateQueries({ queryKey: ['console', 'audit', unitId] });
    },
  });
}

export function useTipDeadlines(unitId: string) {
  return useQuery({
    queryKey: ['console', 'tip-deadlines', unitId],
    queryFn: ({ signal }) =>
      api<{ items: TipDeadline[] }>(`${unitPath(unitId)}/tip-deadlines`, { signal }).then((r) => r.items),
    retry,
  });
}

export function useSaveTipDeadlines(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: TipDeadline[]) =>
      api<{ items: TipDeadline[] }>(`${unitPath(unitId)}/tip-deadlines`, { method: 'PUT', body: { items } }),
    onSuccess: (r) => {
      queryClient.setQueryData(['console', 'tip-deadlines', unitId], r.items);
      void queryClient.invalidateQueries({ queryKey: listKey(unitId) });
    },
  });
}
