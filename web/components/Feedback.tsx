import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** The translated message for an API (or any) error. */
export function useErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return (err) => {
    if (err instanceof ApiError && i18n.exists(`errors.${err.code}`)) return t(`errors.${err.code}`);
    if (err instanceof ApiError && err.status === 403) return t('errors.forbidden');
    if (err instanceof ApiError && err.status === 404) return t('errors.not_found');
    if (err instanceof ApiError && err.status === 409) return t('errors.conflict');
    if (err instanceof ApiError && err.status >= 500) return t('errors.internal_error');
    return t('errors.generic');
  };
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <Alert color="red" role="alert" variant="light">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{text(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-label={t('app.loading')}>
      <Loader color="red" />
    </Center>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" ta="center" py="lg" size="sm">
      {children}
    </Text>
  );
}

export function NotUpdated() {
  const { t } = useTranslation();
  return (
    <Text span c="dimmed" fs="italic" size="sm">
      {t('app.notUpdated')}
    </Text>
  );
}

/** Friendly no-access message for 403 and 404 on console unit pages. */
export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('console.forbiddenTitle')} data-testid="forbidden">
      {t('console.forbidden')}
    </Alert>
  );
}
