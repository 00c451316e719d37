import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../contracts/units';
import { ErrorAlert, Loading } from '../components/Feedback';
import { ChatComposer } from './ChatComposer';
import { MessageBubble, PendingBubble, useAuthorLabel } from './ChatBubbles';
import { ChatProfile } from './ChatProfile';
import { TipOffer } from './ChatTipOffer';
import { tipOffers } from './tip-offers';
import { useResidentChat } from './useResidentChat';
import { useStickToBottom } from './useStickToBottom';

/** "Nhắn tin với CAX …": the resident's conversation with the unit (assistant first, then officers). */
export function ChatPanel({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const chat = useResidentChat(unit.slug);
  const authorLabel = useAuthorLabel();
  const count = chat.messages.length + chat.pending.length;
  const last = chat.messages[chat.messages.length - 1];
  // Follow the newest message (not when earlier ones are loaded above).
  const bottomKey = `${last?.id ?? ''}:${chat.pending.length}:${chat.ready}`;

  const list = useStickToBottom(bottomKey);

  const quickReplies = last?.author === 'bot' && chat.pending.length === 0 ? last.quickReplies : [];
  const status = chat.conversation?.status;
  const offers = tipOffers(chat.messages);
  const conversationId = chat.conversation?.id;

  return (
    <Card
      withBorder
      radius="md"
      component="section"
      aria-label={t('chat.title', { unit: unit.displayName })}
      data-testid="chat-panel"
      data-no-print
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Title order={2} size="h4">
            {t('chat.title', { unit: unit.displayName })}
          </Title>
          {status && (
            <Badge
              variant="light"
              color={status === 'bot' ? 'gray' : status === 'resolved' ? 'green' : 'red'}
              style={{ flexShrink: 0 }}
              data-testid="chat-status"
            >
              {t(`chat.status.${status}`)}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('chat.hint')}
        </Text>
        {chat.loadError !== null && <ErrorAlert error={chat.loadError} onRetry={chat.reload} />}
        {!chat.ready && chat.loadError === null && <Loading />}
        {chat.ready && (
          <Stack
            ref={list.ref}
            onScroll={list.onScroll}
            onLoadCapture={list.onLoadCapture}
            gap="xs"
            aria-live="polite"
            bg="gray.0"
            p="xs"
            mah="60vh"
            mih={120}
            style={{ borderRadius: 8, overflowY: 'auto', overscrollBehavior: 'contain' }}
            data-testid="chat-messages"
          >
            {chat.hasOlder && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                loading={chat.loadingOlder}
                onClick={chat.loadOlder}
              >
                {t('chat.older')}
              </Button>
            )}
            {count === 0 && (
              <Text size="sm" c="dimmed" ta="center" py="md">
                {t('chat.empty_history')}
              </Text>
            )}
            {chat.messages.map((m) => {
              const offer = offers.get(m.id);
              return (
                <MessageBubble
                  key={m.id}
                  message={m}
                  mine={m.author === 'resident'}
                  label={m.author === 'resident' ? null : authorLabel(m)}
                  unitSlug={unit.slug}
                >
                  {conversationId && offer && <TipOffer unit={unit} conversationId={conversationId} {...offer} />}
                  {m === last && quickReplies.length > 0 && (
                    <Group gap={6} mt={4}>
                      {quickReplies.map((q, i) => (
                        <Button
                          key={`${i}-${q.label}`}
                          size="compact-sm"
                          variant="outline"
                          color="red"
                          radius="xl"
                          onClick={() => chat.send({ text: q.text })}
                          data-testid="quick-reply"
                          styles={{
                            root: { height: 'auto', minHeight: 30 },
                            label: { whiteSpace: 'normal', textAlign: 'left' },
                          }}
                        >
                          {q.label}
                        </Button>
                      ))}
                    </Group>
                  )}
                </MessageBubble>
              );
            })}
            {chat.pending.map((p) => (
              <PendingBubble
                key={p.clientId}
                p={p}
                onRetry={() => chat.retry(p.clientId)}
                onDiscard={() => chat.discard(p.clientId)}
              />
            ))}
          </Stack>
        )}
        {!chat.online && chat.ready && (
          <Text size="xs" c="orange.8" role="status">
            {t('chat.reconnecting')}
          </Text>
        )}
        <ChatComposer disabled={!chat.ready} onSend={chat.send} />
        <ChatProfile />
        <Text size="xs" c="dimmed">
          {t('chat.disclaimer')}
        </Text>
      </Stack>
    </Card>
  );
}
