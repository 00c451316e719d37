import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ConsoleTipSummary } from '../../../contracts/tips';
import { notify, ring } from '../inbox/alerts';
import { tipKey } from './tipsApi';

interface TipAlert {
  tip: ConsoleTipSummary;
  reason: 'created' | 'transferred' | 'urgent';
}

/** A `tip.alert` event's data, or null when it is not one. */
function parse(event: Event): TipAlert | null {
  if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return null;
  try {
    const data = JSON.parse(event.data) as Partial<TipAlert> | null;
    return data?.tip && typeof data.tip.id === 'string' && data.reason ? (data as TipAlert) : null;
  } catch {
    return null;
  }
}

/**
 * The tip desk's live events: a tip arrived, was transferred in or raised to urgent. The list
 * refreshes; an urgent tip rings the urgent alarm, notifies the desktop and stays on screen until
 * dismissed or opened, like an emergency handover in the inbox.
 */
export function useTipDeskRealtime(unitId: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [urgent, setUrgent] = useState<ConsoleTipSummary | null>(null);
  const [online, setOnline] = useState(true);
  const onAlert = useRef<(a: TipAlert) => void>(() => undefined);
  useEffect(() => {
    onAlert.current = ({ tip }) => {
      void queryClient.invalidateQueries({ queryKey: ['console', 'tips', unitId] });
      void queryClient.invalidateQueries({ queryKey: tipKey(tip.id) });
      if (!tip.urgent || tip.unitId !== unitId) return;
      setUrgent(tip);
      ring('urgent');
      notify(
        t('tipDesk.alert.urgentTitle'),
        `${tip.receiptCode}: ${tip.excerpt}`,
        `tip-${tip.id}`,
        () => void navigate(`/console/units/${unitId}/tips/${tip.id}`),
        true,
      );
    };
  });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/console/units/${encodeURIComponent(unitId)}/tips/events`, {
      withCredentials: true,
    });
    source.addEventListener('tip.alert', (e) => {
      const alert = parse(e);
      if (alert) onAlert.current(alert);
    });
    // The server ends an officer's stream when the session ends: stop, and let the console ask who is signed in.
    source.addEventListener('session.ended', () => {
      source.close();
      setOnline(false);
      void queryClient.invalidateQueries({ queryKey: ['console', 'me'] });
    });
    source.onopen = () => setOnline(true);
    source.onerror = () => setOnline(source.readyState === EventSource.OPEN);
    return () => source.close();
  }, [unitId, queryClient]);

  return { online, urgent, dismiss: () => setUrgent(null) };
}
