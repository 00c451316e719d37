import { Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../api';
import { ErrorAlert } from '../components/Feedback';
import { PublicLayout } from '../components/PublicLayout';
import { TotpInput } from '../components/TotpInput';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { username: username.trim(), password };
      if (needTotp && totp.trim()) body.totp = totp.trim();
      await api('/api/v1/console/session', { method: 'POST', body });
      await queryClient.invalidateQueries({ queryKey: ['console'] });
      void navigate('/console');
    } catch (err) {
      if (isApiError(err, 'totp_required') && !needTotp) {
        setNeedTotp(true);
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicLayout>
      <Card withBorder radius="md" maw={420} mx="auto" component="form" onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={1} size="h2">
            {t('auth.loginTitle')}
          </Title>
          <TextInput
            label={t('auth.username')}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('auth.password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {needTotp && (
            <>
              <Text size="sm" c="dimmed">
                {t('auth.totpHint')}
              </Text>
              <TotpInput value={totp} onChange={setTotp} autoFocus />
            </>
          )}
          {error !== null && <ErrorAlert error={error} />}
          <Button type="submit" color="red" loading={busy} fullWidth>
            {t('auth.login')}
          </Button>
          <Text size="xs" c="dimmed" data-testid="lost-password">
            {t('auth.lostPassword')}
          </Text>
        </Stack>
      </Card>
    </PublicLayout>
  );
}
