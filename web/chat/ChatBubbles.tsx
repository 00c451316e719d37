import { Anchor, Box, Button, Group, Image, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Message } from '../../contracts/conversations';
import { useErrorText } from '../components/Feedback';
import { APP_ICONS, IconText } from '../components/icons';
import { MessageContent } from './MessageContent';
import type { PendingMessage } from './useResidentChat';

const time = (iso: string, lang: string) =>
  new Date(iso).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'vi-VN', { hour: '2-digit', minute: '2-digit' });

/** Who wrote a message, as shown above it ("Trợ lý tự động", the officer's name, "Hệ thống"). */
export function useAuthorLabel(): (m: Message, residentName?: string | null) => string {
  const { t } = useTranslation();
  return (m, residentName) => {
    switch (m.author) {
      case 'bot':
        return t('chat.author.bot');
      case 'officer':
        return m.authorName ?? t('chat.author.officer');
      case 'system':
        return t('chat.author.system');
      case 'resident':
        return residentName ?? t('chat.author.resident');
    }
  };
}

/**
 * One message: the reader's own side on the right, the other side on the left. An assistant answer
 * from the knowledge base links to its procedures guide page (for the unit, when given).
 */
export function MessageBubble({
  message,
  mine,
  label,
  unitSlug,
  children,
}: {
  message: Message;
  mine: boolean;
  label: string | null;
  unitSlug?: string;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const note = message.internal;
  const bg = note ? 'yellow.1' : mine ? 'red.7' : message.author === 'system' ? 'gray.1' : 'white';
  return (
    <Stack gap={2} style={{ alignSelf: mine ? 'flex-end' : 'flex-start', maxWidth: '88%' }}>
      {(label || note) && (
        <Text size="xs" c="dimmed" ta={mine ? 'right' : 'left'}>
          {note ? `${t('inbox.internalNote')} · ` : ''}
          {label}
        </Text>
      )}
      <Box
        data-testid="chat-message"
        data-author={message.author}
        data-internal={note || undefined}
        bg={bg}
        c={mine && !note ? 'white' : undefined}
        px="sm"
        py={6}
        style={{
          borderRadius: mine ? '12px 12px 2px 12px' : '12px 12px 12px 2px',
          border: mine && !note ? undefined : `1px solid var(--mantine-color-${note ? 'yellow-4' : 'gray-3'})`,
        }}
      >
        <MessageContent message={message} inverted={mine && !note} />
        {message.procedureEntryId && (
          <Anchor
            component={Link}
            to={`/thu-tuc/${encodeURIComponent(message.procedureEntryId)}${unitSlug ? `?don-vi=${encodeURIComponent(unitSlug)}` : ''}`}
            size="sm"
            fw={600}
            display="block"
            mt={4}
            data-testid="chat-guide-link"
          >
            <IconText icon={APP_ICONS.forward} end>
              {t('ask.fullGuide')}
            </IconText>
          </Anchor>
        )}
        <Text size="10px" ta="right" opacity={0.7} mt={2}>
          {time(message.createdAt, i18n.language)}
        </Text>
      </Box>
      {children}
    </Stack>
  );
}

export function PendingBubble({
  p,
  onRetry,
  onDiscard,
}: {
  p: PendingMessage;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const failed = p.status === 'failed';
  return (
    <Stack gap={2} style={{ alignSelf: 'flex-end', maxWidth: '88%' }} data-testid="chat-pending" data-status={p.status}>
      <Box
        data-testid="chat-message"
        data-author="resident"
        bg={failed ? 'red.1' : 'red.4'}
        c={failed ? 'red.9' : 'white'}
        px="sm"
        py={6}
        style={{ borderRadius: '12px 12px 2px 12px' }}
      >
        <Stack gap={4}>
          {p.text && (
            <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {p.text}
            </Text>
          )}
          {p.preview && <Image src={p.preview} alt="" maw={160} radius="sm" />}
          {p.file && !p.preview && (
            <Text size="sm">
              <IconText icon={APP_ICONS.attach}>{p.file.name}</IconText>
            </Text>
          )}
          {p.location && (
            <Text size="sm">
              <IconText icon={APP_ICONS.location}>{t('chat.locationLink')}</IconText>
            </Text>
          )}
        </Stack>
      </Box>
      {failed ? (
        <Group gap={6} justify="flex-end" role="alert">
          <Text size="xs" c="red">
            {errorText(p.error)}
          </Text>
          <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
            {t('chat.retry')}
          </Button>
          <Button size="compact-xs" variant="subtle" color="gray" onClick={onDiscard}>
            {t('chat.discard')}
          </Button>
        </Group>
      ) : (
        <Group gap={4} justify="flex-end">
          <Loader size={10} color="gray" />
          <Text size="xs" c="dimmed">
            {t('chat.sending')}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
