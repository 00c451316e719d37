import { Alert, Button, Card, PasswordInput, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlugConnected, IconClipboardText, IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/Feedback';
import { InlineIcon } from '../../components/icons';
import { usePasteZaloTokens, useSendZaloTest, useStartZaloOAuth } from './zaloApi';

const DIGITS = /^[0-9]{1,25}$/;

function useFields<K extends string>(names: readonly K[]) {
  const [values, setValues] = useState(() => Object.fromEntries(names.map((n) => [n, ''])) as Record<K, string>);
  const bind = (name: K) => ({
    value: values[name],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
    },
  });
  const trimmed = Object.fromEntries(names.map((n) => [n, values[n].trim()])) as Record<K, string>;
  return { bind, trimmed };
}

const OAUTH_FIELDS = ['appId', 'appSecret', 'oaSecretKey'] as const;

/** Connect with Zalo's consent page: the app's id and secrets, then the browser goes to Zalo. */
export function ZaloOAuthForm({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const start = useStartZaloOAuth(unitId);
  const { bind, trimmed } = useFields(OAUTH_FIELDS);
  const valid = DIGITS.test(trimmed.appId) && trimmed.appSecret !== '' && trimmed.oaSecretKey !== '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) start.mutate(trimmed);
  };
  return (
    <Card withBorder radius="md" component="form" onSubmit={submit} data-testid="zalo-oauth-form">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('zaloTab.oauth.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('zaloTab.oauth.help')}
        </Text>
        <TextInput label={t('zaloTab.fields.appId')} inputMode="numeric" required {...bind('appId')} />
        <PasswordInput label={t('zaloTab.fields.appSecret')} required {...bind('appSecret')} />
        <PasswordInput label={t('zaloTab.fields.oaSecretKey')} required {...bind('oaSecretKey')} />
        {start.isError && <ErrorAlert error={start.error} />}
        <Button
          type="submit"
          color="blue"
          disabled={!valid}
          loading={start.isPending || start.isSuccess}
          leftSection={<InlineIcon icon={IconPlugConnected} />}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('zaloTab.oauth.submit')}
        </Button>
      </Stack>
    </Card>
  );
}

const PASTE_FIELDS = ['oaId', 'appId', 'appSecret', 'oaSecretKey', 'accessToken', 'refreshToken'] as const;

/** Connect with tokens copied from Zalo's API explorer. */
export function ZaloPasteForm({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const paste = usePasteZaloTokens(unitId);
  const { bind, trimmed } = useFields(PASTE_FIELDS);
  const valid = DIGITS.test(trimmed.oaId) && DIGITS.test(trimmed.appId) && PASTE_FIELDS.every((f) => trimmed[f] !== '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) paste.mutate(trimmed);
  };
  return (
    <Card withBorder radius="md" component="form" onSubmit={submit} data-testid="zalo-paste-form">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('zaloTab.paste.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('zaloTab.paste.help')}
        </Text>
        <TextInput label={t('zaloTab.fields.oaId')} inputMode="numeric" required {...bind('oaId')} />
        <TextInput label={t('zaloTab.fields.appId')} inputMode="numeric" required {...bind('appId')} />
        <PasswordInput label={t('zaloTab.fields.appSecret')} required {...bind('appSecret')} />
        <PasswordInput label={t('zaloTab.fields.oaSecretKey')} required {...bind('oaSecretKey')} />
        <PasswordInput label={t('zaloTab.fields.accessToken')} required {...bind('accessToken')} />
        <PasswordInput label={t('zaloTab.fields.refreshToken')} required {...bind('refreshToken')} />
        {paste.isError && <ErrorAlert error={paste.error} />}
        {paste.isSuccess && (
          <Text size="sm" c="green.8">
            {t('zaloTab.paste.saved')}
          </Text>
        )}
        <Button
          type="submit"
          color="red"
          disabled={!valid}
          loading={paste.isPending}
          leftSection={<InlineIcon icon={IconClipboardText} />}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('zaloTab.paste.submit')}
        </Button>
      </Stack>
    </Card>
  );
}

/** Sends a test message to one Zalo user and shows what Zalo answered. */
export function ZaloTestForm({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const send = useSendZaloTest(unitId);
  const [userId, setUserId] = useState('');
  const [text, setText] = useState('');
  const valid = DIGITS.test(userId.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) send.mutate({ zaloUserId: userId.trim(), ...(text.trim() ? { text: text.trim() } : {}) });
  };
  const result = send.data;
  return (
    <Card withBorder radius="md" component="form" onSubmit={submit} data-testid="zalo-test-form">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('zaloTab.test.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('zaloTab.test.help')}
        </Text>
        <TextInput
          label={t('zaloTab.test.userId')}
          inputMode="numeric"
          required
          value={userId}
          onChange={(e) => setUserId(e.currentTarget.value)}
        />
        <Textarea
          label={t('zaloTab.test.text')}
          placeholder={t('zaloTab.test.textPlaceholder')}
          autosize
          minRows={2}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {send.isError && <ErrorAlert error={send.error} />}
        {result?.sent && (
          <Alert color="green" variant="light" data-testid="zalo-test-result">
            {t('zaloTab.test.sent', { id: result.messageId ?? '' })}
          </Alert>
        )}
        {result && !result.sent && result.error && (
          <Alert color="red" variant="light" data-testid="zalo-test-result">
            {t(result.error.zaloCode === null ? 'zaloTab.test.failed' : 'zaloTab.test.failedCode', {
              code: result.error.zaloCode ?? result.error.code,
              message: result.error.message,
            })}
          </Alert>
        )}
        <Button
          type="submit"
          color="red"
          variant="light"
          disabled={!valid}
          loading={send.isPending}
          leftSection={<InlineIcon icon={IconSend} />}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('zaloTab.test.submit')}
        </Button>
      </Stack>
    </Card>
  );
}
