import { Alert, Anchor, Button, Grid, Group, Text } from '@mantine/core';
import { IconBell, IconBellOff } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext, useParams, useSearchParams } from 'react-router-dom';
import { APP_ICONS, InlineIcon } from '../../components/icons';
import type { UnitOutletContext } from '../session';
import { notificationPermission, requestNotifications, unlockAudio } from './alerts';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { VIEWS, type InboxView } from './inboxApi';
import { useInboxRealtime } from './useInboxRealtime';

/** Asks for desktop notifications (the inbox's and the tip desk's alerts). */
export function NotificationsButton() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(notificationPermission);
  if (permission === 'granted' || permission === 'unsupported')
    return (
      <Text size="xs" c="dimmed">
        {permission === 'granted' ? t('inbox.notify.on') : ''}
      </Text>
    );
  return (
    <Button
      size="compact-sm"
      variant="light"
      color="red"
      disabled={permission === 'denied'}
      onClick={() => void requestNotifications().then(setPermission)}
      leftSection={<InlineIcon icon={permission === 'denied' ? IconBellOff : IconBell} />}
    >
      {permission === 'denied' ? t('inbox.notify.denied') : t('inbox.notify.enable')}
    </Button>
  );
}

/** "Hộp thư": the unit's conversations with residents, list and conversation side by side. */
export function InboxTab() {
  const { t } = useTranslation();
  const { unit, me, permissions } = useOutletContext<UnitOutletContext>();
  const { conversationId = null } = useParams();
  const [params, setParams] = useSearchParams();
  const wide = useMediaQuery('(min-width: 62em)', true);
  const realtime = useInboxRealtime(unit.id);
  const raw = params.get('view');
  const view: InboxView = (VIEWS as readonly string[]).includes(raw ?? '') ? (raw as InboxView) : 'unassigned';
  const label = params.get('label') ?? '';
  const base = `/console/units/${unit.id}/inbox`;
  const query = params.toString() ? `?${params.toString()}` : '';

  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const showList = wide || !conversationId;
  const showView = wide || conversationId;
  const h = realtime.handover;

  return (
    <div onClick={unlockAudio}>
      <Group justify="space-between" mb="sm" gap="xs">
        <NotificationsButton />
        {!realtime.online && (
          <Text size="xs" c="orange.8" role="status">
            {t('inbox.reconnecting')}
          </Text>
        )}
      </Group>
      {h && h.id !== conversationId && (
        <Alert
          color="red"
          // An emergency is filled red, with its own text and role=alert; a plain handover is light.
          variant={h.urgent ? 'filled' : 'light'}
          role={h.urgent ? 'alert' : undefined}
          icon={<InlineIcon icon={h.urgent ? APP_ICONS.urgent : IconBell} size="md" />}
          mb="sm"
          withCloseButton
          onClose={realtime.dismissHandover}
          data-testid="handover-alert"
          data-urgent={h.urgent || undefined}
        >
          <Anchor
            component={Link}
            to={`${base}/${h.id}${query}`}
            onClick={realtime.dismissHandover}
            size="sm"
            c={h.urgent ? 'white' : undefined}
            fw={h.urgent ? 700 : undefined}
          >
            {h.urgent ? t('inbox.notify.urgentTitle') : t('inbox.notify.title')}:{' '}
            {h.residentName ?? t('inbox.resident')}
          </Anchor>
        </Alert>
      )}
      <Grid gap="md">
        {showList && (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <ConversationList
              unitId={unit.id}
              view={view}
              label={label}
              activeId={conversationId}
              onView={(v) => setParam('view', v === 'unassigned' ? '' : v)}
              onLabel={(l) => setParam('label', l)}
              hrefFor={(id) => `${base}/${id}${query}`}
            />
          </Grid.Col>
        )}
        {showView && (
          <Grid.Col span={{ base: 12, md: 7 }}>
            {conversationId ? (
              <ConversationView
                key={conversationId}
                id={conversationId}
                unitId={unit.id}
                meId={me.officer.id}
                canAssign={permissions.canManage}
                backHref={`${base}${query}`}
              />
            ) : (
              <Text c="dimmed" ta="center" py="xl" size="sm">
                {t('inbox.choose')}
              </Text>
            )}
          </Grid.Col>
        )}
      </Grid>
    </div>
  );
}
