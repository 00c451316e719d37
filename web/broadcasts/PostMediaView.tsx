import { Anchor, Card, Group, Image, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconExternalLink, IconFileText, IconVolume } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from '../text';
import type { PostLink, PostMedia } from './types';

/** A post's images (thumbnails opening the full image), audio clip with its transcript, files and link. */
export function PostMediaView(props: { media: PostMedia[]; audioTranscript: string | null; link: PostLink | null }) {
  const { t, i18n } = useTranslation();
  const images = props.media.filter((m) => m.kind === 'image');
  const audio = props.media.find((m) => m.kind === 'audio');
  const files = props.media.filter((m) => m.kind === 'file');
  if (!images.length && !audio && !files.length && !props.link) return null;
  return (
    <Stack gap="md" data-testid="post-media">
      {images.length > 0 && (
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
          {images.map((m) => (
            <Anchor
              key={m.id}
              href={m.url}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t('postMedia.openImage', { name: m.name })}
            >
              <Image
                src={m.thumbnailUrl ?? m.url}
                alt={m.name}
                radius="sm"
                fit="cover"
                h={140}
                loading="lazy"
                data-testid="post-image"
              />
            </Anchor>
          ))}
        </SimpleGrid>
      )}
      {audio && (
        <Card withBorder radius="md" data-testid="post-audio">
          <Stack gap="xs">
            <Group gap={6}>
              <IconVolume size={20} aria-hidden />
              <Text fw={600}>{t('postMedia.audioTitle')}</Text>
            </Group>
            <audio controls preload="none" src={audio.url} style={{ width: '100%' }}>
              <a href={audio.url}>{audio.name}</a>
            </audio>
            {props.audioTranscript && (
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {t('postMedia.transcript')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }} data-testid="post-transcript">
                  {props.audioTranscript}
                </Text>
              </Stack>
            )}
          </Stack>
        </Card>
      )}
      {files.length > 0 && (
        <Stack gap={4}>
          {files.map((m) => (
            <Group key={m.id} gap={6} wrap="nowrap">
              <IconFileText size={18} aria-hidden />
              <Anchor href={m.url} download={m.name} style={{ overflowWrap: 'anywhere' }}>
                {m.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                ({formatFileSize(m.sizeBytes, i18n.language)})
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {props.link && (
        <Group gap={6} wrap="nowrap" data-testid="post-link">
          <IconExternalLink size={18} aria-hidden />
          <Anchor href={props.link.url} target="_blank" rel="noopener noreferrer nofollow">
            {t('postMedia.linkTo', { host: props.link.host })}
          </Anchor>
        </Group>
      )}
    </Stack>
  );
}
