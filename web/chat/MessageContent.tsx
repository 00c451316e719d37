import { Anchor, Image, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Attachment, Message } from '../../contracts/conversations';
import { APP_ICONS, IconText } from '../components/icons';
import { LinkedText } from '../components/LinkedText';
import { osmHref } from './realtime';

function formatSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1000))} KB`;
}

function AttachmentView({ a, inverted }: { a: Attachment; inverted: boolean }) {
  const { t } = useTranslation();
  const color = inverted ? 'white' : undefined;
  if (a.kind === 'image')
    return (
      <Anchor href={a.url} target="_blank" rel="noopener noreferrer" aria-label={t('chat.openImage', { name: a.name })}>
        <Image
          src={a.thumbnailUrl ?? a.url}
          alt={a.name}
          loading="lazy"
          radius="sm"
          maw={220}
          mah={220}
          fit="contain"
          data-testid="chat-image"
        />
      </Anchor>
    );
  if (a.kind === 'audio')
    return (
      <audio controls preload="none" src={a.url} style={{ maxWidth: 240 }} data-testid="chat-audio">
        <a href={a.url}>{a.name}</a>
      </audio>
    );
  return (
    <Anchor href={a.url} download={a.name} size="sm" c={color} underline="always" data-testid="chat-file">
      <IconText icon={APP_ICONS.attach}>
        {a.name} ({formatSize(a.sizeBytes)})
      </IconText>
    </Anchor>
  );
}

/** Text (with links), attachments and a shared location of one message. */
export function MessageContent({
  message,
  inverted = false,
}: {
  message: Pick<Message, 'text' | 'attachments' | 'location'>;
  inverted?: boolean;
}) {
  const { t } = useTranslation();
  const loc = message.location;
  return (
    <Stack gap={6}>
      {message.text &&
        (inverted ? (
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {message.text}
          </Text>
        ) : (
          <LinkedText size="sm">{message.text}</LinkedText>
        ))}
      {message.attachments.map((a) => (
        <AttachmentView key={a.id} a={a} inverted={inverted} />
      ))}
      {loc && (
        <Anchor
          href={osmHref(loc.latitude, loc.longitude)}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          c={inverted ? 'white' : undefined}
          underline="always"
          data-testid="chat-location"
        >
          <IconText icon={APP_ICONS.location}>{loc.label ?? t('chat.locationLink')}</IconText>
        </Anchor>
      )}
    </Stack>
  );
}
