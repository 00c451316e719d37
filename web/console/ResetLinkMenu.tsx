import { Alert, Button, Menu, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESET_KINDS, type Officer, type ResetKind } from '../../contracts/accounts';
import { api } from '../api';
import { ConfirmModal } from '../components/ConfirmModal';
import { ErrorAlert } from '../components/Feedback';
import { formatDateTime } from '../text';
import { OneTimeLink } from './OneTimeLink';

interface ResetLinkCreated {
  id: string;
  url: string;
  expiresAt: string;
}

/**
 * "Đặt lại…" for an officer the signed-in officer manages: after a confirmation, a one-time link
 * for the officer to set a new password and/or 2FA (the manager never learns the password).
 */
export function ResetLinkMenu({ unitId, officer }: { unitId: string; officer: Officer }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ResetKind | null>(null);
  const create = useMutation({
    mutationFn: (k: ResetKind) =>
      api<ResetLinkCreated>(`/api/v1/console/units/${unitId}/officers/${officer.id}/reset-links`, {
        method: 'POST',
        body: { kind: k },
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['console', 'audit', unitId] }),
  });
  const close = () => {
    setKind(null);
    create.reset();
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default">
            {t('officers.reset')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {RESET_KINDS.map((k) => (
            <Menu.Item key={k} onClick={() => setKind(k)}>
              {t(`officers.resetKind.${k}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={kind !== null}
        title={kind ? t(`officers.resetKind.${kind}`) : ''}
        confirmLabel={t('officers.resetCreate')}
        busy={create.isPending}
        done={create.isSuccess}
        onConfirm={() => kind && create.mutate(kind)}
        onClose={close}
      >
        {create.data ? (
          <Alert color="green" variant="light">
            <Stack gap="xs">
              <Text size="sm">
                {t('officers.resetCreated', {
                  name: officer.displayName,
                  at: formatDateTime(create.data.expiresAt, i18n.language),
                })}
              </Text>
              <OneTimeLink url={create.data.url} testId="reset-url" />
            </Stack>
          </Alert>
        ) : (
          <Stack gap="xs">
            <Text size="sm">{t('officers.resetConfirm', { name: officer.displayName })}</Text>
            {create.isError && <ErrorAlert error={create.error} />}
          </Stack>
        )}
      </ConfirmModal>
    </>
  );
}
