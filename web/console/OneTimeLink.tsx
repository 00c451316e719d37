import { Button, Code, CopyButton, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function absolute(url: string): string {
  try {
    return new URL(url, window.location.origin).toString();
  } catch {
    return url;
  }
}

/** A one-time link (invite, reset) to hand to its officer, with a copy button. */
export function OneTimeLink({ url, testId }: { url: string; testId: string }) {
  const { t } = useTranslation();
  const href = absolute(url);
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Code block data-testid={testId} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', flex: 1, minWidth: 0 }}>
        {href}
      </Code>
      <CopyButton value={href}>
        {({ copied, copy }) => (
          <Button size="xs" variant="light" color={copied ? 'green' : 'gray'} onClick={copy}>
            {copied ? t('officers.copied') : t('officers.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
