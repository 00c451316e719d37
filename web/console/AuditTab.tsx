import { Button, Card, Center, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router-dom';
import type { AuditEntry } from '../../contracts/audit';
import { api, isApiError } from '../api';
import { EmptyState, ErrorAlert, Forbidden, Loading } from '../components/Feedback';
import { formatDateTime } from '../text';
import type { UnitOutletContext } from './session';

interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export function AuditTab() {
  const { t, i18n } = useTranslation();
  const { unit } = useOutletContext<UnitOutletContext>();
  const audit = useInfiniteQuery({
    queryKey: ['console', 'audit', unit.id],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const qs = new URLSearchParams({ limit: '50' });
      if (pageParam) qs.set('before', pageParam);
      return api<AuditPage>(`/api/v1/console/units/${unit.id}/audit?${qs.toString()}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: (count, err) => !isApiError(err, 401, 403, 404) && count < 2,
  });

  if (audit.isPending) return <Loading />;
  if (audit.isError) {
    if (isApiError(audit.error, 403, 404)) return <Forbidden />;
    return <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />;
  }
  const rows = audit.data.pages.flatMap((p) => p.items);
  const label = (group: 'actions' | 'targetTypes', key: string) =>
    i18n.exists(`audit.${group}.${key}`) ? t(`audit.${group}.${key}`) : key;
  // Names first; the recorded username and the raw ids stay in the tooltip.
  const actorLabel = (r: AuditEntry) => r.actorDisplayName ?? r.actorName ?? t('audit.system');
  const actorTitle = (r: AuditEntry) => [r.actorName, r.actorId].filter(Boolean).join(' · ') || undefined;
  const targetLabel = (r: AuditEntry) => r.targetName ?? (r.targetType ? label('targetTypes', r.targetType) : '—');
  const targetTitle = (r: AuditEntry) => [r.targetType, r.targetId].filter(Boolean).join(' · ') || undefined;

  return (
    <Stack gap="sm">
      <Card withBorder radius="md" p={0}>
        {rows.length === 0 ? (
          <EmptyState>{t('audit.empty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="xs" data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.time')}</Table.Th>
                  <Table.Th>{t('audit.actor')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.unit')}</Table.Th>
                  <Table.Th>{t('audit.target')}</Table.Th>
                  <Table.Th>{t('audit.ip')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.seq} data-testid="audit-row">
                    <Table.Td>
                      <Text size="xs">{formatDateTime(r.at, 'vi')}</Text>
                    </Table.Td>
                    <Table.Td title={actorTitle(r)}>{actorLabel(r)}</Table.Td>
                    <Table.Td title={r.action}>{label('actions', r.action)}</Table.Td>
                    <Table.Td title={r.unitId ?? undefined}>{r.unitName ?? '—'}</Table.Td>
                    <Table.Td title={targetTitle(r)}>
                      <Text size="sm">{targetLabel(r)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{r.ip ?? '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {audit.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
            {t('audit.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
