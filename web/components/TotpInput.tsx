import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The 6-digit authenticator code field, shared by sign-in and invite acceptance. */
export function TotpInput(props: {
  value: string;
  onChange: (v: string) => void;
  error?: string | null | undefined;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('auth.totp')}
      name="totp"
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9]{6}"
      maxLength={6}
      required
      autoFocus={props.autoFocus ?? false}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value.replace(/\D/g, ''))}
      error={props.error ?? undefined}
    />
  );
}
