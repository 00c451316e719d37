import { ActionIcon, Alert, Button, FileButton, Group, Image, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconMicrophone, IconPaperclip, IconPhoto, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACHMENT_BYTES } from '../../../contracts/conversations';
import {
  MAX_AUDIO_TRANSCRIPT,
  MAX_LINK_URL,
  MAX_POST_MEDIA_OF,
  type PostMedia,
  type PostMediaKind,
} from '../../broadcasts/types';
import { useErrorText } from '../../components/Feedback';
import { formatFileSize } from '../../text';
import { useUploadPostMedia } from './postsApi';

// What the server's sniffer accepts (server/modules/attachments/sniff.ts); it decides by the bytes.
const ACCEPT: Record<PostMediaKind, string> = {
  image: 'image/jpeg,image/png,image/webp,image/gif',
  audio: 'audio/*,.mp3,.m4a,.ogg,.opus,.webm,.wav,.aac',
  file: '.pdf,.docx,.xlsx,application/pdf',
};

export interface MediaValues {
  media: PostMedia[];
  audioTranscript: string;
  linkUrl: string;
}

/** Images with previews, one audio clip with its transcript, files and a link for a post being written. */
export function PostMediaFields(props: {
  unitId: string;
  values: MediaValues;
  onChange: (change: (v: MediaValues) => MediaValues) => void;
  problems: { audioTranscript?: string | undefined; linkUrl?: string | undefined };
  onBusy: (busy: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const upload = useUploadPostMedia(props.unitId);
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { media, audioTranscript, linkUrl } = props.values;
  const ofKind = (kind: PostMediaKind) => media.filter((m) => m.kind === kind);
  const audio = ofKind('audio')[0];

  async function add(kind: PostMediaKind, files: File[]) {
    setProblem(null);
    const room = MAX_POST_MEDIA_OF[kind] - ofKind(kind).length;
    if (files.length > room) {
      setProblem(t('postMedia.tooMany', { count: MAX_POST_MEDIA_OF[kind], kind: t(`postMedia.kinds.${kind}`) }));
      return;
    }
    const tooLarge = files.find((f) => f.size > MAX_ATTACHMENT_BYTES);
    if (tooLarge) {
      setProblem(
        t('postMedia.tooLarge', { name: tooLarge.name, max: formatFileSize(MAX_ATTACHMENT_BYTES, i18n.language) }),
      );
      return;
    }
    setUploading(true);
    props.onBusy(true);
    try {
      for (const file of files) {
        // The bytes decide the kind: a clip picked as a file is shown (and counted) as a clip.
        const stored = await upload.mutateAsync(file);
        props.onChange((v) => ({ ...v, media: [...v.media, stored] }));
      }
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setUploading(false);
      props.onBusy(false);
    }
  }

  const remove = (m: PostMedia) =>
    props.onChange((v) => ({
      ...v,
      media: v.media.filter((x) => x.id !== m.id),
      // The transcript goes with its clip.
      ...(m.kind === 'audio' ? { audioTranscript: '' } : {}),
    }));
  const removeButton = (m: PostMedia) => (
    <ActionIcon
      variant="subtle"
      color="gray"
      onClick={() => remove(m)}
      aria-label={t('postMedia.remove', { name: m.name })}
    >
      <IconX size={16} />
    </ActionIcon>
  );
  const picker = (kind: PostMediaKind, Icon: typeof IconPhoto, multiple: boolean) => (
    <FileButton accept={ACCEPT[kind]} multiple={multiple} onChange={(f) => void add(kind, [f ?? []].flat())}>
      {(button) => (
        <Button
          {...button}
          variant="default"
          size="sm"
          leftSection={<Icon size={18} />}
          loading={uploading}
          disabled={ofKind(kind).length >= MAX_POST_MEDIA_OF[kind]}
          data-testid={`post-add-${kind}`}
        >
          {t(`postMedia.add.${kind}`)}
        </Button>
      )}
    </FileButton>
  );

  return (
    <Stack gap="sm" data-testid="post-media-fields">
      <Text fw={500} size="sm">
        {t('postMedia.label')}
      </Text>
      <Group gap="xs">
        {picker('image', IconPhoto, true)}
        {picker('audio', IconMicrophone, false)}
        {picker('file', IconPaperclip, true)}
      </Group>
      <Text size="xs" c="dimmed">
        {t('postMedia.hint', { max: formatFileSize(MAX_ATTACHMENT_BYTES, i18n.language) })}
      </Text>
      {problem && (
        <Alert color="red" variant="light" role="alert" data-testid="post-media-error">
          {problem}
        </Alert>
      )}
      {ofKind('image').length > 0 && (
        <Group gap="xs">
          {ofKind('image').map((m) => (
            <Stack key={m.id} gap={2} align="center" data-testid="post-editor-image">
              <Image src={m.thumbnailUrl ?? m.url} alt={m.name} w={96} h={96} fit="cover" radius="sm" />
              {removeButton(m)}
            </Stack>
          ))}
        </Group>
      )}
      {audio && (
        <Stack gap={6}>
          <Group gap="xs" wrap="nowrap">
            <audio controls preload="none" src={audio.url} style={{ flex: 1, minWidth: 0 }} />
            {removeButton(audio)}
          </Group>
          <Textarea
            label={t('postMedia.transcript')}
            description={t('postMedia.transcriptHint')}
            value={audioTranscript}
            onChange={(e) => {
              const text = e.currentTarget.value;
              props.onChange((v) => ({ ...v, audioTranscript: text }));
            }}
            error={props.problems.audioTranscript}
            maxLength={MAX_AUDIO_TRANSCRIPT}
            autosize
            minRows={3}
            required
            data-testid="post-transcript-input"
          />
        </Stack>
      )}
      {ofKind('file').map((m) => (
        <Group key={m.id} gap="xs" wrap="nowrap">
          <IconPaperclip size={16} aria-hidden />
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {m.name} ({formatFileSize(m.sizeBytes, i18n.language)})
          </Text>
          {removeButton(m)}
        </Group>
      ))}
      <TextInput
        label={t('postMedia.link')}
        description={t('postMedia.linkHint')}
        placeholder="https://"
        type="url"
        value={linkUrl}
        onChange={(e) => {
          const text = e.currentTarget.value;
          props.onChange((v) => ({ ...v, linkUrl: text }));
        }}
        error={props.problems.linkUrl}
        maxLength={MAX_LINK_URL}
        data-testid="post-link-input"
      />
    </Stack>
  );
}
