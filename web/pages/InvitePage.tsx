import { Alert, Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { InviteInfo } from '../../contracts/accounts';
import { api, isApiError } from '../api';
import { ErrorAlert, Loading } from '../components/Feedback';
import { NewPasswordFields, newPasswordErrors } from '../components/NewPasswordFields';
import { PublicLayout } from '../components/PublicLayout';
import { TotpEnrolment } from '../components/TotpEnrolment';
import { formatDateTime } from '../text';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

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
    ...newPasswordErrors(t, password, repeat),
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
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          errors={{ password: show(errs.password), repeat: show(errs.repeat) }}
        />
        {info.totpRequired && info.totpUri && (
          <TotpEnrolment
            uri={info.totpUri}
            secret={info.totpSecret ?? ''}
            code={totp}
            onCode={setTotp}
            error={show(errs.totp)}
          />
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
