import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback';
import { diffFields, type ProcedureVersion } from '../procedures';
import { formatDateTime } from '../text';

export function versionsKey(id: string) {
  return ['console', 'kb', id, 'versions'];
}

/** The version history of a shared entry: who changed which fields, when. */
export function KbHistory({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const versions = useQuery({
    queryKey: versionsKey(id),
    queryFn: ({ signal }) =>
      api<{ items: ProcedureVersion[] }>(`/api/v1/console/kb/procedures/${encodeURIComponent(id)}/versions`, {
        signal,
      }).then((r) => [...r.items].sort((a, b) => b.version - a.version)),
    retry: (count, err) => !isApiError(err, 401, 403, 404) && count < 2,
  });
  // "fee.rules" → "Lệ phí (các mức lệ phí)"; unknown names are shown as they are.
  const label = (group: string, key: string) => (i18n.exists(`kb.${group}.${key}`) ? t(`kb.${group}.${key}`) : key);
  const fieldLabel = (f: string) => {
    const [head = f, ...rest] = f.split('.');
    const sub = rest.join('.');
    return sub ? `${label('fields', head)} (${label('subfields', sub)})` : label('fields', head);
  };

  return (
    <Card withBorder radius="md" component="section" aria-label={t('kb.history')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('kb.history')}
        </Title>
        {versions.isPending && <Loading />}
        {versions.isError && <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
        {versions.data?.length === 0 && <EmptyState>{t('kb.noHistory')}</EmptyState>}
        {versions.data && versions.data.length > 0 && (
          <Table.ScrollContainer minWidth={480}>
            <Table striped verticalSpacing="xs" data-testid="kb-versions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('kb.version')}</Table.Th>
                  <Table.Th>{t('kb.changedBy')}</Table.Th>
                  <Table.Th>{t('kb.changedAt')}</Table.Th>
                  <Table.Th>{t('kb.changedFields')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {versions.data.map((v) => {
                  const fields = diffFields(v.diff);
                  return (
                    <Table.Tr key={v.version} data-testid="kb-version-row">
                      <Table.Td>{v.version}</Table.Td>
                      <Table.Td>
                        {!v.changedBy || v.changedBy.startsWith('system') ? t('audit.system') : v.changedBy}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{formatDateTime(v.changedAt, i18n.language)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{fields.length ? fields.map(fieldLabel).join(', ') : '—'}</Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
