import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  Group,
  Image,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { InviteInfo } from '../../contracts/accounts';
import { api, isApiError } from '../api';
import { ErrorAlert, Loading } from '../components/Feedback';
import { PublicLayout } from '../components/PublicLayout';
import { TotpInput } from '../components/TotpInput';
import { formatDateTime } from '../text';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

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

function InviteForm({ token, info, onDone }: { token: string; info: InviteInfo; onDone: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(info.displayName ?? '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [totp, setTotp] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const name = username.trim().toLowerCase();
  const errs = {
    username: USERNAME.test(name) ? null : t('auth.usernameInvalid'),
    password: password.length >= 10 ? null : t('auth.passwordTooShort'),
    repeat: repeat === password ? null : t('auth.passwordMismatch'),
    totp: !info.totpRequired || /^\d{6}$/.test(totp) ? null : t('auth.totpInvalid'),
  };
  const valid = Object.values(errs).every((v) => v === null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { username: name, password };
      if (displayName.trim()) body.displayName = displayName.trim();
      if (info.totpRequired) body.totp = totp;
      await api(`/api/v1/console/invites/${encodeURIComponent(token)}/accept`, { method: 'POST', body });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const show = (v: string | null) => (touched ? v : null);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('auth.username')}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          required
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={show(errs.username)}
          description={t('auth.usernameInvalid')}
        />
        <TextInput
          label={t('auth.displayName')}
          name="displayName"
          autoComplete="name"
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('auth.password')}
          name="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={show(errs.password)}
        />
        <PasswordInput
          label={t('auth.repeatPassword')}
          name="repeatPassword"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={show(errs.repeat)}
        />
        {info.totpRequired && info.totpUri && (
          <Card withBorder radius="md" bg="gray.0">
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('auth.totpSetup')}
              </Title>
              <Text size="sm">{t('auth.totpSetupHint')}</Text>
              <TotpQr uri={info.totpUri} />
              <Text size="sm">{t('auth.secret')}:</Text>
              <Code block data-testid="totp-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                {info.totpSecret}
              </Code>
              <TotpInput value={totp} onChange={setTotp} error={show(errs.totp)} />
            </Stack>
          </Card>
        )}
        {error !== null && <ErrorAlert error={error} />}
        <Button type="submit" color="red" loading={busy} fullWidth>
          {t('auth.finish')}
        </Button>
      </Stack>
    </form>
  );
}

export function InvitePage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const [done, setDone] = useState(false);
  const invite = useQuery({
    queryKey: ['invite', token],
    queryFn: ({ signal }) => api<InviteInfo>(`/api/v1/console/invites/${encodeURIComponent(token)}`, { signal }),
    retry: false,
    refetchOnWindowFocus: false,
    enabled: !done,
  });

  return (
    <PublicLayout>
      <Card withBorder radius="md" maw={480} mx="auto">
        <Stack gap="sm">
          <Title order={1} size="h2">
            {t('auth.inviteTitle')}
          </Title>
          {done ? (
            <Alert color="green" title={t('auth.successTitle')} data-testid="invite-success">
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{t('auth.success')}</Text>
                <Button component={Link} to="/console/login" color="red">
                  {t('auth.goLogin')}
                </Button>
              </Stack>
            </Alert>
          ) : invite.isPending ? (
            <Loading />
          ) : invite.isError ? (
            isApiError(invite.error, 'invite_invalid', 404, 410) ? (
              <Alert color="orange" title={t('auth.inviteInvalidTitle')}>
                <Stack gap="sm" align="flex-start">
                  <Text size="sm">{t('errors.invite_invalid')}</Text>
                  <Anchor component={Link} to="/console/login">
                    {t('auth.goLogin')}
                  </Anchor>
                </Stack>
              </Alert>
            ) : (
              <ErrorAlert error={invite.error} onRetry={() => void invite.refetch()} />
            )
          ) : (
            <>
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {t('auth.inviteRole')}:
                </Text>
                <Text size="sm" fw={600} data-testid="invite-role">
                  {t(`roles.${invite.data.role}`)}
                </Text>
              </Group>
              {invite.data.unitName && (
                <Group gap="xs">
                  <Text size="sm" c="dimmed">
                    {t('auth.inviteUnit')}:
                  </Text>
                  <Text size="sm" fw={600}>
                    {invite.data.unitName}
                  </Text>
                </Group>
              )}
              <Text size="xs" c="dimmed">
                {t('auth.inviteExpires', { at: formatDateTime(invite.data.expiresAt, i18n.language) })}
              </Text>
              <InviteForm token={token} info={invite.data} onDone={() => setDone(true)} />
            </>
          )}
        </Stack>
      </Card>
    </PublicLayout>
  );
}
