import { PasswordInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** What is wrong with a chosen password and its repetition (null when fine). */
export function newPasswordErrors(t: TFunction, password: string, repeat: string) {
  return {
    password: password.length >= 10 ? null : t('auth.passwordTooShort'),
    repeat: repeat === password ? null : t('auth.passwordMismatch'),
  };
}

/** A new password typed twice (invite acceptance, reset links). */
export function NewPasswordFields(props: {
  password: string;
  repeat: string;
  onPassword: (v: string) => void;
  onRepeat: (v: string) => void;
  errors: { password: string | null; repeat: string | null };
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={props.label ?? t('auth.password')}
        name="password"
        autoComplete="new-password"
        required
        value={props.password}
        onChange={(e) => props.onPassword(e.currentTarget.value)}
        error={props.errors.password}
      />
      <PasswordInput
        label={t('auth.repeatPassword')}
        name="repeatPassword"
        autoComplete="new-password"
        required
        value={props.repeat}
        onChange={(e) => props.onRepeat(e.currentTarget.value)}
        error={props.errors.repeat}
      />
    </>
  );
}
