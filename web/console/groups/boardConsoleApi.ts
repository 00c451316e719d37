import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsoleBoard, ConsoleBoardMessage, Mute, PinnedPost, ReportedMessage } from '../../../contracts/board';
import { api, isApiError } from '../../api';

// The console's side of a group's board: reading it (refreshed every 20 s while open), writing as
// the unit, and the moderation actions, each refreshing the board, reports and counts.

const c = '/api/v1/console';
const retry = (count: number, err: unknown) => !isApiError(err, 400, 401, 403, 404) && count < 2;
const REFRESH_MS = 20_000;
export const boardKeys = {
  all: ['console', 'board'] as const,
  board: (groupId: string) => ['console', 'board', 'messages', groupId] as const,
  reports: (groupId: string) => ['console', 'board', 'reports', groupId] as const,
  mutes: (groupId: string) => ['console', 'board', 'mutes', groupId] as const,
  counts: (unitId: string) => ['console', 'board', 'counts', unitId] as const,
};

export function useConsoleBoard(groupId: string) {
  return useInfiniteQuery({
    queryKey: boardKeys.board(groupId),
    queryFn: ({ pageParam, signal }) =>
      api<ConsoleBoard>(`${c}/groups/${groupId}/board${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`, {
        signal,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: REFRESH_MS,
    retry,
  });
}

export function useReports(groupId: string) {
  return useQuery({
    queryKey: boardKeys.reports(groupId),
    queryFn: ({ signal }) =>
      api<{ items: ReportedMessage[] }>(`${c}/groups/${groupId}/board/reports`, { signal }).then((r) => r.items),
    refetchInterval: REFRESH_MS,
    retry,
  });
}

export function useMutes(groupId: string) {
  return useQuery({
    queryKey: boardKeys.mutes(groupId),
    queryFn: ({ signal }) => api<{ items: Mute[] }>(`${c}/groups/${groupId}/mutes`, { signal }).then((r) => r.items),
    retry,
  });
}

/** Open reports per group of the unit (badges on the groups' cards). */
export function useReportCounts(unitId: string) {
  return useQuery({
    queryKey: boardKeys.counts(unitId),
    queryFn: ({ signal }) =>
      api<{ items: { groupId: string; open: number }[] }>(`${c}/units/${unitId}/board/report-counts`, { signal }).then(
        (r) => new Map(r.items.map((i) => [i.groupId, i.open])),
      ),
    refetchInterval: 60_000,
    retry,
  });
}

export type BoardAction =
  | { kind: 'write'; text: string }
  | { kind: 'hide'; messageId: string; reason: string }
  | { kind: 'unhide' | 'pin' | 'unpin'; messageId: string }
  | { kind: 'resolve'; messageId: string; outcome: 'hide' | 'dismiss'; reason?: string }
  | { kind: 'mute'; residentId: string; duration?: string; until?: string; reason: string }
  | { kind: 'unmute'; residentId: string }
  | { kind: 'pinPost' | 'unpinPost'; postId: string };

function request(groupId: string, a: BoardAction): Promise<unknown> {
  const g = `${c}/groups/${groupId}`;
  switch (a.kind) {
    case 'write':
      return api<ConsoleBoardMessage>(`${g}/board`, { method: 'POST', body: { text: a.text } });
    case 'hide':
      return api(`${c}/board-messages/${a.messageId}/hide`, { method: 'POST', body: { reason: a.reason } });
    case 'unhide':
    case 'pin':
    case 'unpin':
      return api(`${c}/board-messages/${a.messageId}/${a.kind}`, { method: 'POST', body: {} });
    case 'resolve':
      return api(`${c}/board-messages/${a.messageId}/reports/resolve`, {
        method: 'POST',
        body: a.outcome === 'hide' ? { outcome: 'hide', reason: a.reason } : { outcome: 'dismiss' },
      });
    case 'mute':
      return api<Mute>(`${g}/mutes`, {
        method: 'POST',
        body: { residentId: a.residentId, duration: a.duration, until: a.until, reason: a.reason },
      });
    case 'unmute':
      return api(`${g}/mutes/${a.residentId}`, { method: 'DELETE' });
    case 'pinPost':
      return api<PinnedPost>(`${g}/board/pinned-posts`, { method: 'POST', body: { postId: a.postId } });
    case 'unpinPost':
      return api(`${g}/board/pinned-posts/${a.postId}`, { method: 'DELETE' });
  }
}

/** Every moderation action on one group's board. */
export function useBoardAction(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: BoardAction) => request(groupId, a),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: boardKeys.all }),
  });
}
