import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Conversation } from '../../../contracts/conversations';
import { useEventStream } from '../../chat/realtime';
import { notify, ring } from './alerts';
import { addMessages, putConversation, setDelivery } from './inboxApi';

/** How loudly a conversation calls for officers: an open emergency above one waiting unassigned. */
type Alarm = 0 | 1 | 2;
const NONE: Alarm = 0;
const URGENT: Alarm = 2;

function alarmOf(c: Pick<Conversation, 'status' | 'assigneeId' | 'urgent'>): Alarm {
  if (c.urgent) return URGENT;
  return c.status === 'open' && c.assigneeId === null ? 1 : NONE;
}

/** The conversation's alarm before this change, as far as the caches know. */
function knownAlarm(queryClient: QueryClient, c: Conversation): Alarm {
  const single = queryClient.getQueryData<Conversation>(['console', 'conversation', c.id]);
  if (single) return alarmOf(single);
  for (const [, list] of queryClient.getQueriesData<Conversation[]>({ queryKey: ['console', 'inbox', c.unitId] })) {
    const found = list?.find((x) => x.id === c.id);
    if (found) return alarmOf(found);
  }
  return NONE;
}

/**
 * The unit's live events: new messages go into the open conversation, lists refresh, and a
 * conversation handed over to officers rings (sound + desktop notification + on-screen alert);
 * an emergency rings the urgent alarm, whoever it is assigned to.
 */
export function useInboxRealtime(unitId: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const seen = useRef(new Map<string, Alarm>());
  const [handover, setHandover] = useState<Conversation | null>(null);

  const { online } = useEventStream(`/api/v1/console/units/${encodeURIComponent(unitId)}/events`, {
    // Signed out elsewhere, disabled or expired: asking who is signed in sends the console to sign-in.
    onEnded: () => void queryClient.invalidateQueries({ queryKey: ['console', 'me'] }),
    onMessage: (m) => {
      addMessages(queryClient, m.conversationId, [m]);
      void queryClient.invalidateQueries({ queryKey: ['console', 'inbox', unitId] });
    },
    onDelivery: (d) => setDelivery(queryClient, d),
    onConversation: (c) => {
      if (c.unitId !== unitId) return;
      const before = seen.current.get(c.id) ?? knownAlarm(queryClient, c);
      const now = alarmOf(c);
      seen.current.set(c.id, now);
      putConversation(queryClient, c);
      if (now <= before) return;
      const urgent = now === URGENT;
      // An emergency on screen stays until dismissed or opened; a plain handover does not replace it.
      setHandover((shown) => (shown?.urgent && !urgent && shown.id !== c.id ? shown : c));
      ring(urgent ? 'urgent' : 'handover');
      const who = c.residentName ?? t('inbox.resident');
      notify(
        t(urgent ? 'inbox.notify.urgentTitle' : 'inbox.notify.title'),
        `${who}: ${c.lastMessageText ?? ''}`,
        c.id,
        () => void navigate(`/console/units/${unitId}/inbox/${c.id}`),
        urgent,
      );
    },
  });

  return { online, handover, dismissHandover: () => setHandover(null) };
}
