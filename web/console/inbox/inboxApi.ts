import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Conversation, Message, MessageDeliveryEvent } from '../../../contracts/conversations';
import { api, isApiError } from '../../api';
import { mergeMessages } from '../../chat/realtime';

export const VIEWS = ['unassigned', 'mine', 'all', 'pending', 'resolved', 'bot'] as const;
export type InboxView = (typeof VIEWS)[number];

const VIEW_PARAMS: Record<InboxView, Record<string, string>> = {
  unassigned: { status: 'open', assignee: 'none' },
  mine: { assignee: 'me' },
  all: { assignee: 'all' },
  pending: { status: 'pending' },
  resolved: { status: 'resolved' },
  bot: { status: 'bot' },
};

export interface CannedReply {
  id: string;
  title: string;
  text: string;
  createdAt: string;
}

const retry = (count: number, err: unknown) => !isApiError(err, 400, 401, 403, 404) && count < 2;
export const conversationPath = (id: string) => `/api/v1/console/conversations/${encodeURIComponent(id)}`;

export function useInboxList(unitId: string, view: InboxView, q: string, label: string) {
  const params = new URLSearchParams(VIEW_PARAMS[view]);
  if (q) params.set('q', q);
  if (label) params.set('label', label);
  return useQuery({
    queryKey: ['console', 'inbox', unitId, view, q, label],
    queryFn: ({ signal }) =>
      api<{ items: Conversation[] }>(`/api/v1/console/units/${unitId}/conversations?${params.toString()}`, {
        signal,
      }).then((r) => r.items),
    retry,
    staleTime: 5_000,
  });
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: ['console', 'conversation', id],
    queryFn: ({ signal }) => api<Conversation>(conversationPath(id), { signal }),
    retry,
  });
}

interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

/** A conversation's newest messages (the realtime stream adds new ones to this list). */
export function useConversationMessages(id: string) {
  return useQuery({
    queryKey: ['console', 'conversation-messages', id],
    queryFn: ({ signal }) =>
      api<MessagePage>(`${conversationPath(id)}/messages`, { signal }).then((r) => ({
        items: mergeMessages([], r.items),
        olderCursor: r.nextCursor,
      })),
    retry,
  });
}

/** Adds the page of messages before the oldest one shown, and where the next older page starts. */
export async function loadOlderMessages(queryClient: QueryClient, id: string, before: string): Promise<void> {
  const page = await api<MessagePage>(`${conversationPath(id)}/messages?before=${encodeURIComponent(before)}`);
  queryClient.setQueryData<ConversationMessages>(['console', 'conversation-messages', id], (old) =>
    old ? { items: mergeMessages(old.items, page.items), olderCursor: page.nextCursor } : old,
  );
}

type ConversationMessages = { items: Message[]; olderCursor: string | null };

export function useCannedReplies(unitId: string) {
  return useQuery({
    queryKey: ['console', 'canned-replies', unitId],
    queryFn: ({ signal }) =>
      api<{ items: CannedReply[] }>(`/api/v1/console/units/${unitId}/canned-replies`, { signal }).then((r) => r.items),
    retry,
    staleTime: 60_000,
  });
}

/** Puts messages into an open conversation's cached list, once each. */
export function addMessages(queryClient: QueryClient, conversationId: string, messages: Message[]): void {
  queryClient.setQueryData<ConversationMessages>(['console', 'conversation-messages', conversationId], (old) =>
    old ? { ...old, items: mergeMessages(old.items, messages) } : old,
  );
}

/** An outbound message's new delivery state, in an open conversation's cached list. */
export function setDelivery(queryClient: QueryClient, event: MessageDeliveryEvent): void {
  queryClient.setQueryData<ConversationMessages>(['console', 'conversation-messages', event.conversationId], (old) =>
    old
      ? { ...old, items: old.items.map((m) => (m.id === event.messageId ? { ...m, delivery: event.delivery } : m)) }
      : old,
  );
}

/** A changed conversation: its own cache now, the lists on their next render. */
export function putConversation(queryClient: QueryClient, c: Conversation): void {
  queryClient.setQueryData(['console', 'conversation', c.id], c);
  void queryClient.invalidateQueries({ queryKey: ['console', 'inbox', c.unitId] });
}

/** The timer that matters now: first response until answered, then resolution. */
export function dueOf(c: Conversation): { kind: 'first' | 'resolution'; at: string } | null {
  if (c.status !== 'open' && c.status !== 'pending') return null;
  if (!c.firstResponseAt && c.firstResponseDueAt) return { kind: 'first', at: c.firstResponseDueAt };
  if (c.resolutionDueAt) return { kind: 'resolution', at: c.resolutionDueAt };
  return null;
}

export const STATUS_COLORS: Record<Conversation['status'], string> = {
  bot: 'gray',
  open: 'red',
  pending: 'yellow',
  resolved: 'green',
};
