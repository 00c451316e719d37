import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api';
import { MessageBubble, useAuthorLabel } from '../../chat/ChatBubbles';
import { useStickToBottom } from '../../chat/useStickToBottom';
import { ErrorAlert, Forbidden, Loading } from '../../components/Feedback';
import { APP_ICONS, IconText } from '../../components/icons';
import { telHref } from '../../text';
import { ConversationActions } from './ConversationActions';
import { Assignee, DueTime, UrgentBadge, useNow } from './ConversationRow';
import { addMessages, loadOlderMessages, STATUS_COLORS, useConversation, useConversationMessages } from './inboxApi';
import { ReplyBox } from './ReplyBox';

export function ConversationView(props: {
  id: string;
  unitId: string;
  meId: string;
  canAssign: boolean;
  backHref: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const conversation = useConversation(props.id);
  const messages = useConversationMessages(props.id);
  const authorLabel = useAuthorLabel();
  const now = useNow();
  const list = useStickToBottom(`${messages.data?.items.at(-1)?.id ?? ''}:${conversation.isSuccess}`);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderFailed, setOlderFailed] = useState(false);
  const olderCursor = messages.data?.olderCursor;
  const loadOlder = () => {
    if (!olderCursor) return;
    setLoadingOlder(true);
    setOlderFailed(false);
    loadOlderMessages(queryClient, props.id, olderCursor)
      .catch(() => setOlderFailed(true))
      .finally(() => setLoadingOlder(false));
  };

  const back = (
    <Anchor component={Link} to={props.backHref} size="sm" hiddenFrom="md">
      <IconText icon={APP_ICONS.back}>{t('inbox.back')}</IconText>
    </Anchor>
  );
  if (conversation.isPending) return <Loading />;
  if (conversation.isError)
    return (
      <Stack gap="sm">
        {back}
        {isApiError(conversation.error, 403, 404) ? (
          <Forbidden />
        ) : (
          <ErrorAlert error={conversation.error} onRetry={() => void conversation.refetch()} />
        )}
      </Stack>
    );
  const c = conversation.data;
  const name = c.residentName ?? t('inbox.resident');

  return (
    <Card withBorder radius="md" padding="sm" data-testid="conversation-view">
      <Stack gap="sm">
        {back}
        <Group justify="space-between" gap="xs" align="flex-start">
          <Stack gap={0}>
            <Title order={2} size="h4">
              {name}
            </Title>
            {c.residentPhone && (
              <Anchor href={telHref(c.residentPhone)} size="sm">
                {c.residentPhone}
              </Anchor>
            )}
          </Stack>
          <Stack gap={2} align="flex-end">
            {c.urgent && <UrgentBadge size="md" />}
            <Badge variant="light" color={STATUS_COLORS[c.status]} data-testid="conversation-status">
              {t(`inbox.status.${c.status}`)}
            </Badge>
            <Assignee c={c} />
            {c.replyWindowEndsAt && (
              <Badge
                variant="light"
                color={Date.parse(c.replyWindowEndsAt) > now ? 'teal' : 'gray'}
                data-testid="reply-window"
              >
                {Date.parse(c.replyWindowEndsAt) > now
                  ? t('inbox.replyWindowOpen', {
                      days: Math.max(1, Math.ceil((Date.parse(c.replyWindowEndsAt) - now) / 86_400_000)),
                    })
                  : t('inbox.replyWindowClosed')}
              </Badge>
            )}
          </Stack>
        </Group>
        <DueTime c={c} now={now} />
        <ConversationActions c={c} meId={props.meId} canAssign={props.canAssign} />
        <Stack
          ref={list.ref}
          onScroll={list.onScroll}
          onLoadCapture={list.onLoadCapture}
          gap="xs"
          bg="gray.0"
          p="xs"
          mah={{ base: '60vh', md: 480 }}
          mih={160}
          style={{ borderRadius: 8, overflowY: 'auto' }}
          aria-live="polite"
          data-testid="chat-messages"
        >
          {messages.isPending && <Loading />}
          {messages.isError && <ErrorAlert error={messages.error} onRetry={() => void messages.refetch()} />}
          {olderCursor && (
            <Button
              size="compact-xs"
              variant="subtle"
              color={olderFailed ? 'red' : 'gray'}
              loading={loadingOlder}
              onClick={loadOlder}
              data-testid="inbox-older"
            >
              {olderFailed ? t('inbox.olderFailed') : t('chat.older')}
            </Button>
          )}
          {messages.data?.items.map((m) => (
            <MessageBubble key={m.id} message={m} mine={m.author === 'officer'} label={authorLabel(m, name)}>
              {c.channel !== 'web' && m.delivery && m.delivery.status !== 'failed' && (
                <Text size="xs" c="dimmed" ta="right" data-testid={`delivery-${m.delivery.status}`}>
                  <IconText icon={APP_ICONS[m.delivery.status]} size="xs" end>
                    {t(m.delivery.status === 'sent' ? 'inbox.deliverySent' : 'inbox.deliveryQueued')}
                  </IconText>
                </Text>
              )}
              {m.delivery?.status === 'failed' && (
                <Text size="xs" c="red.8" ta="right" data-testid="delivery-failed">
                  {t('inbox.deliveryFailed', { reason: m.delivery.error ?? '' })}
                </Text>
              )}
            </MessageBubble>
          ))}
        </Stack>
        <ReplyBox
          conversationId={c.id}
          unitId={props.unitId}
          onSent={(m) => {
            addMessages(queryClient, c.id, [m]);
            void queryClient.invalidateQueries({ queryKey: ['console', 'conversation', c.id] });
          }}
        />
      </Stack>
    </Card>
  );
}
