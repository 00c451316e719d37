import { Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InviteInfo } from '../../contracts/accounts';
import { NewPasswordFields, newPasswordErrors } from '../components/NewPasswordFields';
import { LinkFormEnd, OneTimeLinkPage, useLinkFormSubmit } from '../components/OneTimeLinkPage';
import { formatDateTime } from '../text';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

function InviteForm({ token, info, onDone }: { token: string; info: InviteInfo; onDone: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(info.displayName ?? '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [totp, setTotp] = useState('');

  const name = username.trim().toLowerCase();
  const errs = {
    username: USERNAME.test(name) ? null : t('auth.usernameInvalid'),
    ...newPasswordErrors(t, password, repeat),
    totp: !info.totpRequired || /^\d{6}$/.test(totp) ? null : t('auth.totpInvalid'),
  };
  const { submit, show, error, busy } = useLinkFormSubmit(
    `/api/v1/console/invites/${encodeURIComponent(token)}/accept`,
    errs,
    () => ({
      username: name,
      password,
      ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      ...(info.totpRequired ? { totp } : {}),
    }),
    onDone,
  );

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
          error={show('username')}
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
          errors={{ password: show('password'), repeat: show('repeat') }}
        />
        <LinkFormEnd
          enrolment={info.totpRequired && info.totpUri ? { uri: info.totpUri, secret: info.totpSecret ?? '' } : null}
          totp={totp}
          onTotp={setTotp}
          totpError={show('totp')}
          error={error}
          busy={busy}
          submitLabel={t('auth.finish')}
        />
      </Stack>
    </form>
  );
}

export function InvitePage() {
  const { t, i18n } = useTranslation();
  return (
    <OneTimeLinkPage<InviteInfo>
      title={t('auth.inviteTitle')}
      apiPath="/api/v1/console/invites"
      invalidCode="invite_invalid"
      invalidTitle={t('auth.inviteInvalidTitle')}
      invalidTestId="invite-invalid"
      successTitle={t('auth.successTitle')}
      successText={t('auth.success')}
      successTestId="invite-success"
    >
      {(invite, token, onDone) => (
        <>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('auth.inviteRole')}:
            </Text>
            <Text size="sm" fw={600} data-testid="invite-role">
              {t(`roles.${invite.role}`)}
            </Text>
          </Group>
          {invite.unitName && (
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('auth.inviteUnit')}:
              </Text>
              <Text size="sm" fw={600}>
                {invite.unitName}
              </Text>
            </Group>
          )}
          <Text size="xs" c="dimmed">
            {t('auth.inviteExpires', { at: formatDateTime(invite.expiresAt, i18n.language) })}
          </Text>
          <InviteForm token={token} info={invite} onDone={onDone} />
        </>
      )}
    </OneTimeLinkPage>
  );
}
