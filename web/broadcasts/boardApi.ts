import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Board, BoardMessage, ReportCategory } from '../../contracts/board';
import { api, apiForm, isApiError } from '../api';

// A residential group's board for its members: read (refreshed every 20 s while open), write
// text or a photo with a caption, report a message.

const base = '/api/v1/public';
const boardPath = (groupId: string) => `${base}/groups/${encodeURIComponent(groupId)}/board`;
const boardKey = (groupId: string) => ['public', 'board', groupId] as const;
const REFRESH_MS = 20_000;

export function useBoard(groupId: string) {
  return useInfiniteQuery({
    queryKey: boardKey(groupId),
    queryFn: ({ pageParam, signal }) =>
      api<Board>(`${boardPath(groupId)}${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: REFRESH_MS,
    retry: (count, err) => !isApiError(err, 400, 401, 403, 404) && count < 2,
  });
}

/** Writes a text message, or a photo with the text as its caption. */
export function useWriteBoard(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ text, photo }: { text: string; photo: File | null }) => {
      if (!photo) return api<BoardMessage>(boardPath(groupId), { method: 'POST', body: { text } });
      const form = new FormData();
      // The caption goes before the file: the server reads the fields that precede it.
      form.append('text', text);
      form.append('file', photo, photo.name);
      return apiForm<BoardMessage>(`${boardPath(groupId)}/photo`, form);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: boardKey(groupId) }),
  });
}

export function useReportMessage() {
  return useMutation({
    mutationFn: ({ messageId, category, text }: { messageId: string; category: ReportCategory; text: string }) =>
      api<{ reported: true }>(`${base}/board-messages/${encodeURIComponent(messageId)}/report`, {
        method: 'POST',
        body: text.trim() ? { category, text: text.trim() } : { category },
      }),
  });
}
