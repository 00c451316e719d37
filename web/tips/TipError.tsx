import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { useErrorText } from '../components/Feedback';

/** A tip page's error in plain words: the tip desk's own wording first, then the app's. */
export function TipErrorAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const fallback = useErrorText();
  const key = error instanceof ApiError ? `tips.errors.${error.code}` : '';
  const text = key && i18n.exists(key) ? t(key) : fallback(error);
  return (
    <Alert color="red" role="alert" variant="light" data-testid="tip-error">
      <Text size="sm">{text}</Text>
    </Alert>
  );
}
