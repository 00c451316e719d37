import { PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResetLinkInfo } from '../../contracts/accounts';
import { NewPasswordFields, newPasswordErrors } from '../components/NewPasswordFields';
import { LinkFormEnd, OneTimeLinkPage, useLinkFormSubmit } from '../components/OneTimeLinkPage';
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

  const setsPassword = info.kind !== 'totp';
  const asksCode = info.totpUri !== null || info.currentTotpRequired;
  const errs = {
    ...(setsPassword ? newPasswordErrors(t, password, repeat) : { password: null, repeat: null }),
    current: !info.currentPasswordRequired || current ? null : t('reset.currentPasswordMissing'),
    totp: !asksCode || /^\d{6}$/.test(totp) ? null : t('auth.totpInvalid'),
  };
  const { submit, show, error, busy } = useLinkFormSubmit(
    `/api/v1/console/reset-links/${encodeURIComponent(token)}`,
    errs,
    () => ({
      ...(setsPassword ? { newPassword: password } : {}),
      ...(info.currentPasswordRequired ? { currentPassword: current } : {}),
      ...(asksCode ? { totp } : {}),
    }),
    onDone,
  );

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
            error={show('current')}
          />
        )}
        {setsPassword && (
          <NewPasswordFields
            label={t('reset.newPassword')}
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            errors={{ password: show('password'), repeat: show('repeat') }}
          />
        )}
        {info.currentTotpRequired && (
          <>
            <Text size="sm" c="dimmed">
              {t('reset.currentTotpHint')}
            </Text>
            <TotpInput value={totp} onChange={setTotp} error={show('totp')} />
          </>
        )}
        <LinkFormEnd
          enrolment={info.totpUri ? { uri: info.totpUri, secret: info.totpSecret ?? '' } : null}
          totp={totp}
          onTotp={setTotp}
          totpError={show('totp')}
          error={error}
          busy={busy}
          submitLabel={t('reset.submit')}
        />
      </Stack>
    </form>
  );
}

export function ResetPage() {
  const { t, i18n } = useTranslation();
  return (
    <OneTimeLinkPage<ResetLinkInfo>
      title={t('reset.title')}
      apiPath="/api/v1/console/reset-links"
      invalidCode="reset_link_invalid"
      invalidTitle={t('reset.invalidTitle')}
      invalidTestId="reset-invalid"
      successTitle={t('reset.successTitle')}
      successText={t('reset.success')}
      successTestId="reset-success"
    >
      {(link, token, onDone) => (
        <>
          <Text size="sm">{t('reset.account', { name: link.displayName, username: link.username })}</Text>
          <Text size="xs" c="dimmed">
            {t('reset.expires', { at: formatDateTime(link.expiresAt, i18n.language) })}
          </Text>
          <ResetForm token={token} info={link} onDone={onDone} />
        </>
      )}
    </OneTimeLinkPage>
  );
}
