import { Button, Center, Group, Image, Loader, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TipAttachment } from '../../contracts/tips';
import { APP_ICONS, InlineIcon } from '../components/icons';
import { formatFileSize } from '../text';
import type { TipFileLoader } from './tipApi';

/** An object URL of a file of the tip while the component shows it; revoked when it goes. */
function useTipFileUrl(load: TipFileLoader, id: string | null, thumbnail: boolean) {
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    if (!id) return;
    const abort = new AbortController();
    let url: string | null = null;
    setState({ url: null, failed: false });
    load(id, thumbnail, abort.signal)
      .then((blob) => {
        url = URL.createObjectURL(blob);
        setState({ url, failed: false });
      })
      .catch(() => {
        if (!abort.signal.aborted) setState({ url: null, failed: true });
      });
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [load, id, thumbnail]);
  return state;
}

function FullImage({ load, a, onClose }: { load: TipFileLoader; a: TipAttachment; onClose: () => void }) {
  const { t } = useTranslation();
  const { url, failed } = useTipFileUrl(load, a.id, false);
  return (
    <Modal
      opened
      onClose={onClose}
      title={a.name}
      size="xl"
      centered
      closeButtonProps={{ 'aria-label': t('tips.files.close') }}
    >
      {url ? (
        <Image src={url} alt={a.name} fit="contain" mah="75vh" data-testid="tip-photo-full" />
      ) : failed ? (
        <Text c="red.8" role="alert">
          {t('tips.files.openFailed')}
        </Text>
      ) : (
        <Center py="xl">
          <Loader color="red" />
        </Center>
      )}
    </Modal>
  );
}

function Thumbnail({ load, a, onOpen }: { load: TipFileLoader; a: TipAttachment; onOpen: () => void }) {
  const { t } = useTranslation();
  const { url, failed } = useTipFileUrl(load, a.id, a.hasThumbnail);
  return (
    <UnstyledButton onClick={onOpen} aria-label={t('tips.files.openPhoto', { name: a.name })}>
      {url ? (
        <Image src={url} alt={a.name} w={112} h={112} fit="cover" radius="md" data-testid="tip-photo" />
      ) : (
        <Center w={112} h={112} bg="gray.1" style={{ borderRadius: 8 }}>
          {failed ? <InlineIcon icon={APP_ICONS.photo} size="md" /> : <Loader size="sm" color="gray" />}
        </Center>
      )}
    </UnstyledButton>
  );
}

/** Saves a file of the tip: fetched with the code and passphrase, handed to the browser, let go. */
function DownloadButton({ load, a }: { load: TipFileLoader; a: TipAttachment }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  async function download() {
    setBusy(true);
    setFailed(false);
    try {
      const url = URL.createObjectURL(await load(a.id, false));
      const link = document.createElement('a');
      link.href = url;
      link.download = a.name;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has its own copy once started; give it a moment before letting go.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap={2}>
      <Button
        size="md"
        variant="light"
        color="gray"
        loading={busy}
        onClick={() => void download()}
        leftSection={<InlineIcon icon={APP_ICONS.download} size="md" />}
        styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
        style={{ height: 'auto', minHeight: 48, paddingBlock: 6 }}
        data-testid="tip-file-download"
      >
        {a.name} ({formatFileSize(a.sizeBytes, i18n.language)})
      </Button>
      {failed && (
        <Text size="sm" c="red.8" role="alert">
          {t('tips.files.openFailed')}
        </Text>
      )}
    </Stack>
  );
}

/** Photos (thumbnails opening full size) and files (download buttons) of a tip or reply, for its reporter. */
export function TipAttachmentList({ attachments, load }: { attachments: TipAttachment[]; load: TipFileLoader }) {
  const [open, setOpen] = useState<TipAttachment | null>(null);
  if (attachments.length === 0) return null;
  const photos = attachments.filter((a) => a.kind === 'image');
  const others = attachments.filter((a) => a.kind !== 'image');
  return (
    <Stack gap="xs" data-testid="tip-attachments">
      {photos.length > 0 && (
        <Group gap="xs">
          {photos.map((a) => (
            <Thumbnail key={a.id} load={load} a={a} onOpen={() => setOpen(a)} />
          ))}
        </Group>
      )}
      {others.map((a) => (
        <DownloadButton key={a.id} load={load} a={a} />
      ))}
      {open && <FullImage load={load} a={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
