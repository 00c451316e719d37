import { Alert, Anchor, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ResetLinkInfo } from '../../contracts/accounts';
import { api, isApiError } from '../api';
import { ErrorAlert, Loading } from '../components/Feedback';
import { NewPasswordFields, newPasswordErrors } from '../components/NewPasswordFields';
import { PublicLayout } from '../components/PublicLayout';
import { TotpEnrolment } from '../components/TotpEnrolment';
import { TotpInput } from '../components/TotpInput';
import { formatDateTime } from '../text';

// The page a password or 2FA reset link opens: the officer sets what the link resets, proving who
// they are with the factor they keep.

function ResetForm({ token, info, onDone }: { token: string; info: ResetLinkInfo; onDone: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [current, setCurrent] = useState('');
  const [totp, setTotp] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const setsPassword = info.kind !== 'totp';
  const asksCode = info.totpUri !== null || info.currentTotpRequired;
  const errs = {
    ...(setsPassword ? newPasswordErrors(t, password, repeat) : { password: null, repeat: null }),
    current: !info.currentPasswordRequired || current ? null : t('reset.currentPasswordMissing'),
    totp: !asksCode || /^\d{6}$/.test(totp) ? null : t('auth.totpInvalid'),
  };
  const valid = Object.values(errs).every((v) => v === null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = {};
      if (setsPassword) body.newPassword = password;
      if (info.currentPasswordRequired) body.currentPassword = current;
      if (asksCode) body.totp = totp;
      await api(`/api/v1/console/reset-links/${encodeURIComponent(token)}`, { method: 'POST', body });
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
        <Text size="sm">{t(`reset.intro.${info.kind}`)}</Text>
        {info.currentPasswordRequired && (
          <PasswordInput
            label={t('reset.currentPassword')}
            name="currentPassword"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={show(errs.current)}
          />
        )}
        {setsPassword && (
          <NewPasswordFields
            label={t('reset.newPassword')}
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            errors={{ password: show(errs.password), repeat: show(errs.repeat) }}
          />
        )}
        {info.currentTotpRequired && (
          <>
            <Text size="sm" c="dimmed">
              {t('reset.currentTotpHint')}
            </Text>
            <TotpInput value={totp} onChange={setTotp} error={show(errs.totp)} />
          </>
        )}
        {info.totpUri && (
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
          {t('reset.submit')}
        </Button>
      </Stack>
    </form>
  );
}

export function ResetPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const [done, setDone] = useState(false);
  const link = useQuery({
    queryKey: ['reset-link', token],
    queryFn: ({ signal }) => api<ResetLinkInfo>(`/api/v1/console/reset-links/${encodeURIComponent(token)}`, { signal }),
    retry: false,
    refetchOnWindowFocus: false,
    enabled: !done,
  });

  return (
    <PublicLayout>
      <Card withBorder radius="md" maw={480} mx="auto">
        <Stack gap="sm">
          <Title order={1} size="h2">
            {t('reset.title')}
          </Title>
          {done ? (
            <Alert color="green" title={t('reset.successTitle')} data-testid="reset-success">
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{t('reset.success')}</Text>
                <Button component={Link} to="/console/login" color="red">
                  {t('auth.goLogin')}
                </Button>
              </Stack>
            </Alert>
          ) : link.isPending ? (
            <Loading />
          ) : link.isError ? (
            isApiError(link.error, 'reset_link_invalid', 404, 410) ? (
              <Alert color="orange" title={t('reset.invalidTitle')} data-testid="reset-invalid">
                <Stack gap="sm" align="flex-start">
                  <Text size="sm">{t('errors.reset_link_invalid')}</Text>
                  <Anchor component={Link} to="/console/login">
                    {t('auth.goLogin')}
                  </Anchor>
                </Stack>
              </Alert>
            ) : (
              <ErrorAlert error={link.error} onRetry={() => void link.refetch()} />
            )
          ) : (
            <>
              <Text size="sm">{t('reset.account', { name: link.data.displayName, username: link.data.username })}</Text>
              <Text size="xs" c="dimmed">
                {t('reset.expires', { at: formatDateTime(link.data.expiresAt, i18n.language) })}
              </Text>
              <ResetForm token={token} info={link.data} onDone={() => setDone(true)} />
            </>
          )}
        </Stack>
      </Card>
    </PublicLayout>
  );
}
