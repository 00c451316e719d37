import { Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router-dom';
import type { Officer } from '../../contracts/accounts';
import { api, isApiError } from '../api';
import { EmptyState, ErrorAlert, Forbidden, Loading } from '../components/Feedback';
import { formatDateTime } from '../text';
import { InviteForm } from './InviteForm';
import { PendingInvites } from './PendingInvites';
import { ResetLinkMenu } from './ResetLinkMenu';
import type { UnitOutletContext } from './session';

export function OfficersTab() {
  const { t, i18n } = useTranslation();
  const { unit, me, permissions } = useOutletContext<UnitOutletContext>();
  const queryClient = useQueryClient();
  const [inviting, setInviting] = useState(false);
  const key = ['console', 'officers', unit.id];
  const officers = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api<{ items: Officer[] }>(`/api/v1/console/units/${unit.id}/officers`, { signal }).then((r) => r.items),
    retry: (count, err) => !isApiError(err, 401, 403, 404) && count < 2,
  });
  const toggle = useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      api<unknown>(`/api/v1/console/units/${unit.id}/officers/${id}`, { method: 'PATCH', body: { disabled } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['console', 'audit', unit.id] });
    },
  });

  if (officers.isError && isApiError(officers.error, 403, 404)) return <Forbidden />;
  const canInvite = permissions.inviteRoles.length > 0;
  // Disable, enable and reset: canManageOfficer on the server.
  const mayManage = (o: Officer) =>
    permissions.canManage && o.id !== me.officer.id && (permissions.isAdmin || o.role === 'officer');

  return (
    <Stack gap="md">
      {canInvite && !inviting && (
        <Group justify="flex-end">
          <Button color="red" onClick={() => setInviting(true)}>
            {t('officers.invite')}
          </Button>
        </Group>
      )}
      {canInvite && inviting && (
        <InviteForm unitId={unit.id} roles={permissions.inviteRoles} onClose={() => setInviting(false)} />
      )}
      {permissions.canManage && <PendingInvites unitId={unit.id} />}
      {toggle.isError && <ErrorAlert error={toggle.error} />}
      <Card withBorder radius="md" p={0}>
        {officers.isPending && <Loading />}
        {officers.isError && <ErrorAlert error={officers.error} onRetry={() => void officers.refetch()} />}
        {officers.data && officers.data.length === 0 && <EmptyState>{t('officers.empty')}</EmptyState>}
        {officers.data && officers.data.length > 0 && (
          <Table.ScrollContainer minWidth={680}>
            <Table striped verticalSpacing="xs" data-testid="officers-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('officers.name')}</Table.Th>
                  <Table.Th>{t('officers.role')}</Table.Th>
                  <Table.Th>{t('officers.totp')}</Table.Th>
                  <Table.Th>{t('officers.status')}</Table.Th>
                  <Table.Th>{t('officers.createdAt')}</Table.Th>
                  <Table.Th>{t('officers.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {officers.data.map((o) => (
                  <Table.Tr key={`${o.id}-${o.role}`} data-testid="officer-row">
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {o.displayName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {o.username}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`roles.${o.role}`)}</Table.Td>
                    <Table.Td>{o.totpEnabled ? t('officers.yes') : t('officers.no')}</Table.Td>
                    <Table.Td>
                      <Badge color={o.disabled ? 'gray' : 'green'} variant="light">
                        {o.disabled ? t('officers.disabled') : t('officers.active')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{formatDateTime(o.createdAt, i18n.language)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {mayManage(o) && (
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="light"
                            color={o.disabled ? 'green' : 'red'}
                            loading={toggle.isPending && toggle.variables?.id === o.id}
                            onClick={() => toggle.mutate({ id: o.id, disabled: !o.disabled })}
                          >
                            {o.disabled ? t('officers.enable') : t('officers.disable')}
                          </Button>
                          <ResetLinkMenu unitId={unit.id} officer={o} />
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
