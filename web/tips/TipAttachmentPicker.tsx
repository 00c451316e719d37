import {
  ActionIcon,
  Alert,
  Button,
  Center,
  FileButton,
  Group,
  Image,
  Paper,
  Progress,
  Stack,
  Text,
} from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TIP_ATTACHMENTS } from '../../contracts/tips';
import { ACCEPT } from '../chat/ChatComposer';
import { APP_ICONS, InlineIcon } from '../components/icons';
import { formatFileSize } from '../text';
import { keptCount, type TipFileItem } from './tip-files';
import type { TipFiles } from './useTipFiles';

function FileRow({ item, onRemove }: { item: TipFileItem; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const failed = item.status === 'failed';
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      data-testid="tip-file"
      data-status={item.status}
      style={failed ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Group gap="sm" wrap="nowrap" align="center">
        {/* A refused "photo" may not be one: no preview for it. */}
        {item.previewUrl && !failed ? (
          <Image
            src={item.previewUrl}
            alt={item.name}
            w={72}
            h={72}
            fit="cover"
            radius="sm"
            data-testid="tip-file-preview"
          />
        ) : (
          <Center w={72} h={72} bg="gray.1" style={{ borderRadius: 4, flexShrink: 0 }}>
            <InlineIcon icon={APP_ICONS.file} size="md" />
          </Center>
        )}
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {item.name}
          </Text>
          <Text size="xs" c="dimmed">
            {formatFileSize(item.sizeBytes, i18n.language)}
          </Text>
          {item.status === 'uploading' && (
            <Stack gap={2} role="status">
              <Text size="xs">{t('tips.files.uploading', { percent: Math.round(item.progress * 100) })}</Text>
              <Progress value={item.progress * 100} size="sm" color="red" aria-hidden />
            </Stack>
          )}
          {item.status === 'done' && (
            <Text size="xs" c="green.8">
              {t('tips.files.uploaded')}
            </Text>
          )}
          {failed && item.problem && (
            <Text size="sm" c="red.8" role="alert" data-testid="tip-file-error">
              {t(item.problem.key, item.problem.values)}
            </Text>
          )}
        </Stack>
        <ActionIcon
          size={48}
          variant="subtle"
          color="gray"
          onClick={onRemove}
          aria-label={t('tips.files.remove', { name: item.name })}
          data-testid="tip-file-remove"
        >
          <InlineIcon icon={APP_ICONS.remove} size="md" />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

/**
 * "Ảnh, tệp": up to five photos or files, each uploaded as soon as it is picked, with its
 * progress, a preview for photos, a large remove button and the reason a file was refused.
 */
export function TipAttachmentPicker({ files, label }: { files: TipFiles; label?: string }) {
  const { t } = useTranslation();
  const full = keptCount(files.items) >= MAX_TIP_ATTACHMENTS;
  // Cleared after each pick, so the same photo picked again (after removing it) is noticed.
  const resetRef = useRef<() => void>(null);
  return (
    <Stack gap="xs" data-testid="tip-files">
      <Text fw={500} size="md">
        {label ?? t('tips.files.label')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('tips.files.hint', { count: MAX_TIP_ATTACHMENTS, max: 10 })}
      </Text>
      {files.items.map((item) => (
        <FileRow key={item.key} item={item} onRemove={() => files.remove(item.key)} />
      ))}
      {files.problems.map((p) => (
        <Alert key={p.key + JSON.stringify(p.values)} color="orange" variant="light" role="alert">
          <Text size="sm">{t(p.key, p.values)}</Text>
        </Alert>
      ))}
      <FileButton
        onChange={(picked) => {
          files.add(picked);
          resetRef.current?.();
        }}
        resetRef={resetRef}
        accept={ACCEPT}
        multiple
        disabled={full}
      >
        {(props) => (
          <Button
            {...props}
            size="md"
            variant="default"
            disabled={full}
            leftSection={<InlineIcon icon={APP_ICONS.photo} size="md" />}
            style={{ alignSelf: 'flex-start' }}
            data-testid="tip-file-add"
          >
            {full ? t('tips.files.full', { count: MAX_TIP_ATTACHMENTS }) : t('tips.files.add')}
          </Button>
        )}
      </FileButton>
    </Stack>
  );
}
