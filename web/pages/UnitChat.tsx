import { Button, Card, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../contracts/units';
import { Loading } from '../components/Feedback';
import { APP_ICONS, InlineIcon } from '../components/icons';
import { AskPanel } from './AskPanel';

// The chat (recorder, uploads, realtime) loads only when a resident opens it.
const ChatPanel = lazy(() => import('../chat/ChatPanel').then((m) => ({ default: m.ChatPanel })));

const storageKey = (slug: string) => `ketnoi.chat.${slug}`;

function wasOpened(slug: string): boolean {
  try {
    return localStorage.getItem(storageKey(slug)) === '1';
  } catch {
    return false;
  }
}

/**
 * Messaging the unit. Until the resident starts a conversation the page offers the quick
 * procedures box and a button to start one; once started (remembered on this device) the chat
 * takes the box's place, since the assistant answers there too.
 */
export function UnitChat({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => wasOpened(unit.slug));

  function start() {
    try {
      localStorage.setItem(storageKey(unit.slug), '1');
    } catch {
      // private mode: the chat stays open for this visit only
    }
    setOpen(true);
  }

  if (open)
    return (
      <Suspense fallback={<Loading />}>
        <ChatPanel unit={unit} />
      </Suspense>
    );
  return (
    <>
      <Card
        withBorder
        radius="md"
        component="section"
        aria-label={t('chat.title', { unit: unit.displayName })}
        data-no-print
      >
        <Stack gap="xs">
          {/* Not a heading: the page has one heading with the unit's name until the chat opens. */}
          <Text fw={700} size="lg">
            {t('chat.title', { unit: unit.displayName })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('chat.intro')}
          </Text>
          <Button
            color="red"
            onClick={start}
            leftSection={<InlineIcon icon={APP_ICONS.chat} />}
            data-testid="chat-start"
          >
            {t('chat.start')}
          </Button>
        </Stack>
      </Card>
      <AskPanel unit={unit} onOpenChat={start} />
    </>
  );
}
