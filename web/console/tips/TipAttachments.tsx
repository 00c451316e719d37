import { Anchor, Group, Image, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TipAttachment } from '../../../contracts/tips';
import { APP_ICONS, IconText } from '../../components/icons';
import { formatFileSize } from '../../text';

const fileHref = (id: string, thumbnail = false) =>
  `/api/v1/console/tip-attachments/${encodeURIComponent(id)}${thumbnail ? '/thumbnail' : ''}`;

/** Photos (thumbnails opening the full image in a new tab) and files (downloads) of a tip or a reporter's reply. */
export function TipAttachments({ attachments }: { attachments: TipAttachment[] }) {
  const { t, i18n } = useTranslation();
  if (attachments.length === 0) return null;
  const photos = attachments.filter((a) => a.kind === 'image');
  const others = attachments.filter((a) => a.kind !== 'image');
  return (
    <Stack gap={6} data-testid="tip-attachments">
      {photos.length > 0 && (
        <Group gap="xs">
          {photos.map((a) => (
            <Anchor
              key={a.id}
              href={fileHref(a.id)}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t('tipDesk.files.openPhoto', { name: a.name })}
            >
              <Image
                src={fileHref(a.id, a.hasThumbnail)}
                alt={a.name}
                w={120}
                h={120}
                fit="cover"
                radius="sm"
                loading="lazy"
                data-testid="tip-photo"
              />
            </Anchor>
          ))}
        </Group>
      )}
      {others.map((a) => (
        <Anchor key={a.id} href={fileHref(a.id)} download={a.name} size="sm" data-testid="tip-file-link">
          <IconText icon={APP_ICONS.download}>
            {a.name} ({formatFileSize(a.sizeBytes, i18n.language)})
          </IconText>
        </Anchor>
      ))}
    </Stack>
  );
}
