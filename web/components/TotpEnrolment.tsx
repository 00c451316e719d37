import { Button, Card, Code, Image, Stack, Text, Title } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from './Feedback';
import { TotpInput } from './TotpInput';

function TotpQr({ uri }: { uri: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(uri, { margin: 1, width: 220 })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [uri]);
  return src ? <Image src={src} alt={t('auth.totpQrAlt')} w={220} h={220} mx="auto" /> : <Loading />;
}

/**
 * Enrolling a TOTP secret: the QR code to scan, on a phone a link that opens the authenticator app
 * on the same phone (the otpauth:// URI), the secret to type, and the code that proves it worked.
 */
export function TotpEnrolment(props: {
  uri: string;
  secret: string;
  code: string;
  onCode: (v: string) => void;
  error?: string | null | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" bg="gray.0">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('auth.totpSetup')}
        </Title>
        <Text size="sm">{t('auth.totpSetupHint')}</Text>
        <TotpQr uri={props.uri} />
        {/* A phone cannot scan its own screen: let it hand the secret to its authenticator app. */}
        <Button component="a" href={props.uri} variant="light" color="red" hiddenFrom="sm" data-testid="totp-app-link">
          {t('auth.totpAddToApp')}
        </Button>
        <Text size="sm">{t('auth.secret')}:</Text>
        <Code block data-testid="totp-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {props.secret}
        </Code>
        <TotpInput value={props.code} onChange={props.onCode} error={props.error} />
      </Stack>
    </Card>
  );
}
