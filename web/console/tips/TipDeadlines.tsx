import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TipDeadline } from '../../../contracts/tips';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { useSaveTipDeadlines, useTipDeadlines } from './tipsApi';

type Field = 'acknowledgeHours' | 'checkHours' | 'settleDays';
const FIELDS: { field: Field; max: number }[] = [
  { field: 'acknowledgeHours', max: 24 * 30 },
  { field: 'checkHours', max: 24 * 90 },
  { field: 'settleDays', max: 365 },
];

/** The unit's deadlines per category (the owner sets them; everyone else reads), with their legal basis. */
export function TipDeadlines(props: { unitId: string; canConfigure: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const deadlines = useTipDeadlines(props.unitId);
  const save = useSaveTipDeadlines(props.unitId);
  const [rows, setRows] = useState<TipDeadline[]>([]);
  useEffect(() => {
    if (deadlines.data) setRows(deadlines.data);
  }, [deadlines.data]);

  const set = (i: number, field: Field, value: number | string) =>
    setRows((r) => r.map((row, j) => (j === i ? { ...row, [field]: typeof value === 'number' ? value : 0 } : row)));
  const valid = rows.every((r) =>
    FIELDS.every(({ field, max }) => Number.isInteger(r[field]) && r[field] >= 1 && r[field] <= max),
  );

  return (
    <Card withBorder radius="md" data-testid="tip-deadlines">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('tipDesk.deadlines.title')}
          </Title>
          <Button variant="subtle" color="gray" onClick={props.onClose}>
            {t('tipDesk.close')}
          </Button>
        </Group>
        <Alert color="blue" variant="light" title={t('tipDesk.deadlines.basisTitle')}>
          <Text size="sm">{t('tipDesk.deadlines.basis')}</Text>
        </Alert>
        {deadlines.isPending && <Loading />}
        {deadlines.isError && <ErrorAlert error={deadlines.error} onRetry={() => void deadlines.refetch()} />}
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tipDesk.deadlines.category')}</Table.Th>
                  {FIELDS.map(({ field }) => (
                    <Table.Th key={field}>{t(`tipDesk.deadlines.${field}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, i) => (
                  <Table.Tr key={row.category}>
                    <Table.Td>{t(`tipDesk.category.${row.category}`)}</Table.Td>
                    {FIELDS.map(({ field, max }) => (
                      <Table.Td key={field}>
                        {props.canConfigure ? (
                          <NumberInput
                            aria-label={`${t(`tipDesk.category.${row.category}`)} — ${t(`tipDesk.deadlines.${field}`)}`}
                            value={row[field]}
                            onChange={(v) => set(i, field, v)}
                            min={1}
                            max={max}
                            allowDecimal={false}
                            w={90}
                            size="xs"
                          />
                        ) : (
                          row[field]
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {save.isError && <ErrorAlert error={save.error} />}
        {save.isSuccess && (
          <Text size="sm" c="green.8">
            {t('tipDesk.deadlines.saved')}
          </Text>
        )}
        {props.canConfigure && rows.length > 0 && (
          <Group justify="flex-end">
            <Button color="red" disabled={!valid} loading={save.isPending} onClick={() => save.mutate(rows)}>
              {t('tipDesk.deadlines.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
