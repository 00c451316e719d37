import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_ATTACHMENT_BYTES, type Attachment, type Conversation, type Message } from '../../contracts/conversations';
import { api, ApiError, apiUpload } from '../api';
import { mergeMessages, newClientId, useEventStream } from './realtime';

type Location = NonNullable<Message['location']>;

/** A message the resident sent that the server has not confirmed yet. */
export interface PendingMessage {
  clientId: string;
  text: string;
  file: File | null;
  /** Object URL for an image being sent, shown until the server's copy arrives. */
  preview: string | null;
  attachmentId: string | null;
  location: Location | null;
  status: 'sending' | 'failed';
  error: unknown;
  startedAt: number;
}

export interface Draft {
  text?: string;
  file?: File;
  location?: Location;
}

interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

interface PostResult {
  message: Message;
  replies: Message[];
  conversation: Conversation;
}

const base = '/api/v1/public';

/** The resident's conversation with a unit: history, realtime updates and optimistic sends. */
export function useResidentChat(slug: string) {
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const pendingRef = useRef(pending);
  useEffect(() => {
    pendingRef.current = pending;
  }, [pending]);

  useEffect(() => {
    const ctl = new AbortController();
    setLoadError(null);
    (async () => {
      const c = await api<Conversation>(`${base}/units/${encodeURIComponent(slug)}/conversations`, {
        method: 'POST',
        body: {},
        signal: ctl.signal,
      });
      setConversation(c);
      const list = await api<MessagePage>(`${base}/conversations/${c.id}/messages`, { signal: ctl.signal });
      setMessages((old) => mergeMessages(old, list.items));
      setCursor(list.nextCursor);
    })().catch((err: unknown) => {
      if (!ctl.signal.aborted) setLoadError(err);
    });
    return () => ctl.abort();
  }, [slug, attempt]);

  const id = conversation?.id ?? null;
  const { online } = useEventStream(id ? `${base}/conversations/${id}/events` : null, {
    onMessage: (m) => {
      if (!m.internal) setMessages((old) => mergeMessages(old, [m]));
    },
    onConversation: setConversation,
  });

  const update = (clientId: string, patch: Partial<PendingMessage>) =>
    setPending((list) => list.map((p) => (p.clientId === clientId ? { ...p, ...patch } : p)));

  const deliver = useCallback(
    async (p: PendingMessage) => {
      if (!id) return;
      update(p.clientId, { status: 'sending', error: null });
      try {
        let attachmentId = p.attachmentId;
        if (p.file && !attachmentId) {
          // No point sending 10+ MB over a slow connection only to be refused.
          if (p.file.size > MAX_ATTACHMENT_BYTES) throw new ApiError(413, { code: 'file_too_large' });
          const a = await apiUpload<Attachment>(`${base}/conversations/${id}/attachments`, p.file, p.file.name);
          attachmentId = a.id;
          update(p.clientId, { attachmentId });
        }
        const body: Record<string, unknown> = { clientId: p.clientId, text: p.text };
        if (attachmentId) body.attachmentIds = [attachmentId];
        if (p.location) body.location = p.location;
        const r = await api<PostResult>(`${base}/conversations/${id}/messages`, { method: 'POST', body });
        setMessages((old) => mergeMessages(old, [r.message, ...r.replies]));
        setConversation(r.conversation);
        setPending((list) => list.filter((x) => x.clientId !== p.clientId));
        if (p.preview) URL.revokeObjectURL(p.preview);
      } catch (error) {
        update(p.clientId, { status: 'failed', error });
      }
    },
    [id],
  );

  const send = useCallback(
    (draft: Draft) => {
      const file = draft.file ?? null;
      const p: PendingMessage = {
        clientId: newClientId(),
        text: draft.text?.trim() ?? '',
        file,
        preview: file && file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
        attachmentId: null,
        location: draft.location ?? null,
        status: 'sending',
        error: null,
        startedAt: Date.now(),
      };
      setPending((list) => [...list, p]);
      void deliver(p);
    },
    [deliver],
  );

  /** Sends a failed message again with the same client id (the server stores it once). */
  const retry = useCallback(
    (clientId: string) => {
      const p = pendingRef.current.find((x) => x.clientId === clientId);
      if (p) void deliver(p);
    },
    [deliver],
  );

  const loadOlder = useCallback(async () => {
    if (!id || !cursor) return;
    setLoadingOlder(true);
    try {
      const page = await api<MessagePage>(`${base}/conversations/${id}/messages?before=${encodeURIComponent(cursor)}`);
      setMessages((old) => mergeMessages(old, page.items));
      setCursor(page.nextCursor);
    } catch {
      // keep the button: the resident can try again
    } finally {
      setLoadingOlder(false);
    }
  }, [id, cursor]);

  const discard = useCallback((clientId: string) => {
    setPending((list) => list.filter((x) => x.clientId !== clientId));
  }, []);

  // A message the stream already delivered is not shown twice while its POST is finishing.
  const visiblePending = pending.filter(
    (p) =>
      p.status === 'failed' ||
      !messages.some(
        (m) =>
          m.author === 'resident' &&
          m.text === p.text &&
          Date.parse(m.createdAt) >= p.startedAt - 5_000 &&
          (p.file === null) === (m.attachments.length === 0),
      ),
  );

  return {
    conversation,
    messages,
    pending: visiblePending,
    loadError,
    reload: () => setAttempt((n) => n + 1),
    online,
    send,
    retry,
    discard,
    ready: conversation !== null,
    hasOlder: cursor !== null,
    loadingOlder,
    loadOlder: () => void loadOlder(),
  };
}
