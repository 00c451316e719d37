import { Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingInvite } from '../../contracts/accounts';
import { api } from '../api';
import { ConfirmModal } from '../components/ConfirmModal';
import { ErrorAlert } from '../components/Feedback';
import { formatDateTime } from '../text';

/** The unit's invites nobody has used yet, each withdrawable (after a confirmation) by whoever may give its role. */
export function PendingInvites({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<PendingInvite | null>(null);
  const key = ['console', 'invites', unitId];
  const invites = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api<{ items: PendingInvite[] }>(`/api/v1/console/units/${unitId}/invites`, { signal }).then((r) => r.items),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => api<unknown>(`/api/v1/console/units/${unitId}/invites/${id}`, { method: 'DELETE' }),
    onSuccess: () => setAsking(null),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['console', 'audit', unitId] });
    },
  });

  if (invites.isError) return <ErrorAlert error={invites.error} onRetry={() => void invites.refetch()} />;
  if (!invites.data || invites.data.length === 0) return null;
  return (
    <Card withBorder radius="md" data-testid="pending-invites">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('officers.pendingTitle')}
        </Title>
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('officers.name')}</Table.Th>
                <Table.Th>{t('officers.role')}</Table.Th>
                <Table.Th>{t('officers.invitedBy')}</Table.Th>
                <Table.Th>{t('officers.expiresAt')}</Table.Th>
                <Table.Th>{t('officers.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invites.data.map((i) => (
                <Table.Tr key={i.id} data-testid="pending-invite">
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {i.displayName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`roles.${i.role}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{i.createdByName ?? t('audit.system')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{formatDateTime(i.expiresAt, i18n.language)}</Text>
                  </Table.Td>
                  <Table.Td>
                    {i.canWithdraw && (
                      <Button size="xs" variant="light" color="red" onClick={() => setAsking(i)}>
                        {t('officers.withdraw')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <ConfirmModal
        opened={asking !== null}
        title={t('officers.withdrawTitle')}
        confirmLabel={t('officers.withdraw')}
        busy={withdraw.isPending}
        onConfirm={() => asking && withdraw.mutate(asking.id)}
        onClose={() => {
          setAsking(null);
          withdraw.reset();
        }}
      >
        <Stack gap="xs">
          <Text size="sm">{t('officers.withdrawConfirm', { name: asking?.displayName ?? '' })}</Text>
          {withdraw.isError && <ErrorAlert error={withdraw.error} />}
        </Stack>
      </ConfirmModal>
    </Card>
  );
}
