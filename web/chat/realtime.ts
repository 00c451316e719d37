import { useEffect, useRef, useState } from 'react';
import type { Conversation, Message, MessageDeliveryEvent } from '../../contracts/conversations';

/** A fresh idempotency key for one message (kept for its retries). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Plain-http pages (not a secure context) have no randomUUID: 16 random bytes in hex.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function byTime(a: Message, b: Message): number {
  return a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1;
}

/** Adds messages to a list, once each (by id), oldest first. */
export function mergeMessages(list: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  let changed = false;
  for (const m of incoming) {
    if (byId.get(m.id) !== m) {
      byId.set(m.id, m);
      changed = true;
    }
  }
  return changed ? [...byId.values()].sort(byTime) : [...list];
}

export interface StreamHandlers {
  onMessage?: (message: Message) => void;
  onConversation?: (conversation: Conversation) => void;
  /** Officers: an outbound message on a channel other than the web was sent or failed. */
  onDelivery?: (event: MessageDeliveryEvent) => void;
  /** The server ended the stream for good (the officer's session ended). */
  onEnded?: () => void;
}

/** A `message.delivery` event's data, or null when it is not one. */
function parseDelivery(event: Event): MessageDeliveryEvent | null {
  if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return null;
  try {
    const data = JSON.parse(event.data) as Partial<MessageDeliveryEvent> | null;
    return data && typeof data.messageId === 'string' && typeof data.conversationId === 'string' && data.delivery
      ? (data as MessageDeliveryEvent)
      : null;
  } catch {
    return null;
  }
}

/** An event's data: `{ "message": … }` / `{ "conversation": … }` (or the bare object). */
function parse<T>(event: Event, key: 'message' | 'conversation'): T | null {
  if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return null;
  try {
    const data = JSON.parse(event.data) as Record<string, unknown> | null;
    if (!data || typeof data !== 'object') return null;
    const inner = key in data ? data[key] : data;
    return inner && typeof inner === 'object' && 'id' in inner ? (inner as T) : null;
  } catch {
    return null;
  }
}

/**
 * Server-sent events of a conversation or a unit's inbox. The browser reconnects by itself and
 * resumes from the last event id; `online` is false while it is reconnecting.
 */
export function useEventStream(url: string | null, handlers: StreamHandlers): { online: boolean } {
  const ref = useRef(handlers);
  const [online, setOnline] = useState(true);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url, { withCredentials: true });
    const onMessage = (e: Event) => {
      const m = parse<Message>(e, 'message');
      if (m) ref.current.onMessage?.(m);
    };
    const onConversation = (e: Event) => {
      const c = parse<Conversation>(e, 'conversation');
      if (c) ref.current.onConversation?.(c);
    };
    const onDelivery = (e: Event) => {
      const d = parseDelivery(e);
      if (d) ref.current.onDelivery?.(d);
    };
    // The server ends an officer's stream when the session ends: stop, do not reconnect.
    const onEnded = () => {
      source.close();
      setOnline(false);
      ref.current.onEnded?.();
    };
    source.addEventListener('session.ended', onEnded);
    source.addEventListener('message.created', onMessage);
    source.addEventListener('conversation.updated', onConversation);
    source.addEventListener('message.delivery', onDelivery);
    source.onopen = () => setOnline(true);
    source.onerror = () => setOnline(source.readyState === EventSource.OPEN);
    return () => source.close();
  }, [url]);
  return { online };
}

export function osmHref(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
}
