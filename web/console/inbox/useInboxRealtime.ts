import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Conversation } from '../../../contracts/conversations';
import { useEventStream } from '../../chat/realtime';
import { beep, notify } from './alerts';
import { addMessages, putConversation } from './inboxApi';

const handedOver = (c: Pick<Conversation, 'status' | 'assigneeId'>) => c.status === 'open' && c.assigneeId === null;

/** Whether the conversation was already waiting for an officer, as far as the caches know. */
function knownHandedOver(queryClient: QueryClient, c: Conversation): boolean {
  const single = queryClient.getQueryData<Conversation>(['console', 'conversation', c.id]);
  if (single) return handedOver(single);
  for (const [, list] of queryClient.getQueriesData<Conversation[]>({ queryKey: ['console', 'inbox', c.unitId] })) {
    const found = list?.find((x) => x.id === c.id);
    if (found) return handedOver(found);
  }
  return false;
}

/**
 * The unit's live events: new messages go into the open conversation, lists refresh, and a
 * conversation handed over to officers rings (sound + desktop notification + on-screen alert).
 */
export function useInboxRealtime(unitId: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const seen = useRef(new Map<string, boolean>());
  const [handover, setHandover] = useState<Conversation | null>(null);

  const { online } = useEventStream(`/api/v1/console/units/${encodeURIComponent(unitId)}/events`, {
    // Signed out elsewhere, disabled or expired: asking who is signed in sends the console to sign-in.
    onEnded: () => void queryClient.invalidateQueries({ queryKey: ['console', 'me'] }),
    onMessage: (m) => {
      addMessages(queryClient, m.conversationId, [m]);
      void queryClient.invalidateQueries({ queryKey: ['console', 'inbox', unitId] });
    },
    onConversation: (c) => {
      if (c.unitId !== unitId) return;
      const before = seen.current.get(c.id) ?? knownHandedOver(queryClient, c);
      const now = handedOver(c);
      seen.current.set(c.id, now);
      putConversation(queryClient, c);
      if (now && !before) {
        setHandover(c);
        beep();
        const who = c.residentName ?? t('inbox.resident');
        notify(t('inbox.notify.title'), `${who}: ${c.lastMessageText ?? ''}`, c.id, () => {
          void navigate(`/console/units/${unitId}/inbox/${c.id}`);
        });
      }
    },
  });

  return { online, handover, dismissHandover: () => setHandover(null) };
}
