import { Alert, Button, Card, Code, CopyButton, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconCopy, IconDeviceFloppy, IconPhoneCall, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import '../print.css';
import { APP_ICONS, InlineIcon } from '../components/icons';
import type { TipReceipt } from './tipApi';

export const FOLLOW_PATH = '/bao-tin/theo-doi';

/** The receipt as a plain text file the resident saves (made in the browser, sent nowhere). */
function saveReceipt(lines: string[], fileName: string): void {
  const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * After a tip is sent: its code (big, copyable), the passphrase of an anonymous tip — shown this
 * once, from the component's memory only — and how to follow up; printable on its own.
 */
export function TipReceiptView({
  receipt,
  unitName,
  onAnother,
}: {
  receipt: TipReceipt;
  unitName: string;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const followUrl = `${window.location.origin}${FOLLOW_PATH}`;
  const how = receipt.passphrase
    ? t('tips.receipt.howAnonymous', { url: followUrl })
    : t('tips.receipt.howIdentified', { url: followUrl });
  // A resident in danger reads the number to call first, before anything about the receipt.
  const numbers = receipt.emergencyNumbers ?? [];
  const callNow = numbers.length ? t('tips.receipt.callNow', { numbers: numbers.join('/') }) : null;
  const lines = [
    ...(callNow ? [callNow, ''] : []),
    t('tips.receipt.fileTitle'),
    unitName,
    `${t('tips.receipt.code')}: ${receipt.receiptCode}`,
    ...(receipt.passphrase ? [`${t('tips.receipt.passphrase')}: ${receipt.passphrase}`] : []),
    '',
    how,
    t('tips.receipt.keepSafe'),
  ];
  return (
    <Stack gap="md" data-testid="tip-receipt">
      {callNow && (
        <Alert color="red" variant="filled" role="alert" data-testid="tip-receipt-emergency" data-print-keep>
          <Stack gap="xs">
            <Text fz="xl" fw={800}>
              {callNow}
            </Text>
            <Text>{t('tips.receipt.callNowWhy')}</Text>
            <Group gap="sm" data-no-print>
              {numbers.map((n) => (
                <Button
                  key={n}
                  component="a"
                  href={`tel:${n}`}
                  size="md"
                  variant="white"
                  color="red"
                  leftSection={<IconPhoneCall size={18} aria-hidden />}
                >
                  {t('tips.receipt.call', { number: n })}
                </Button>
              ))}
            </Group>
          </Stack>
        </Alert>
      )}
      <Title order={2} c="red.9">
        {t('tips.receipt.title')}
      </Title>
      <Text>{t('tips.receipt.sentTo', { unit: unitName })}</Text>
      <Card withBorder radius="md" data-print-keep>
        <Stack gap="md">
          <Stack gap={4}>
            <Text fw={600}>{t('tips.receipt.code')}</Text>
            <Text fz={32} fw={800} ff="monospace" data-testid="tip-receipt-code" style={{ letterSpacing: 2 }}>
              {receipt.receiptCode}
            </Text>
            <CopyButton value={receipt.receiptCode}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'green' : 'red'}
                  size="md"
                  onClick={copy}
                  leftSection={<IconCopy size={18} aria-hidden />}
                  style={{ alignSelf: 'flex-start' }}
                  data-no-print
                >
                  {copied ? t('tips.receipt.copied') : t('tips.receipt.copy')}
                </Button>
              )}
            </CopyButton>
          </Stack>
          {receipt.passphrase && (
            <Stack gap={4}>
              <Text fw={600}>{t('tips.receipt.passphrase')}</Text>
              <Code block fz={24} fw={700} data-testid="tip-receipt-passphrase">
                {receipt.passphrase}
              </Code>
              <Alert color="orange" variant="light" role="note">
                <Text fw={600}>{t('tips.receipt.passphraseWarning')}</Text>
              </Alert>
            </Stack>
          )}
        </Stack>
      </Card>
      <Card withBorder radius="md" data-print-keep>
        <Title order={2} size="h4" mb="xs">
          {t('tips.receipt.howTitle')}
        </Title>
        <List spacing="xs">
          <List.Item>{how}</List.Item>
          <List.Item>{t('tips.receipt.keepSafe')}</List.Item>
        </List>
      </Card>
      <Group gap="sm" data-no-print>
        <Button
          size="md"
          color="red"
          leftSection={<IconPrinter size={18} aria-hidden />}
          onClick={() => window.print()}
        >
          {t('tips.receipt.print')}
        </Button>
        <Button
          size="md"
          variant="default"
          leftSection={<IconDeviceFloppy size={18} aria-hidden />}
          onClick={() => saveReceipt(lines, `${t('tips.receipt.fileName')}-${receipt.receiptCode}.txt`)}
        >
          {t('tips.receipt.save')}
        </Button>
      </Group>
      <Group gap="sm" data-no-print>
        <Button
          component={Link}
          to={FOLLOW_PATH}
          size="md"
          variant="light"
          color="red"
          rightSection={<InlineIcon icon={APP_ICONS.forward} />}
        >
          {t('tips.receipt.follow')}
        </Button>
        <Button size="md" variant="subtle" color="gray" onClick={onAnother}>
          {t('tips.receipt.another')}
        </Button>
      </Group>
    </Stack>
  );
}
