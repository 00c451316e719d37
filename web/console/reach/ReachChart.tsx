import { Box, Button, Card, Collapse, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UnitReachDay } from '../../../contracts/reach';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { useUnitReach } from './reachApi';

const COLORS = { delivered: '#fa5252', reads: '#228be6' };

/** "05/11" from "2026-11-05": the chart's axis and table. */
const shortDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

function totals(days: UnitReachDay[]) {
  const sum = (k: keyof Omit<UnitReachDay, 'day'>) => days.reduce((s, d) => s + d[k], 0);
  return { posts: sum('posts'), delivered: sum('delivered'), reads: sum('reads'), newFollowers: sum('newFollowers') };
}

function DaysTable({ days }: { days: UnitReachDay[] }) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder fz="sm" data-testid="reach-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reach.day')}</Table.Th>
          <Table.Th ta="right">{t('reach.posts')}</Table.Th>
          <Table.Th ta="right">{t('reach.delivered')}</Table.Th>
          <Table.Th ta="right">{t('reach.reads')}</Table.Th>
          <Table.Th ta="right">{t('reach.newFollowers')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {days.map((d) => (
          <Table.Tr key={d.day}>
            <Table.Td>{shortDay(d.day)}</Table.Td>
            <Table.Td ta="right">{d.posts}</Table.Td>
            <Table.Td ta="right">{d.delivered}</Table.Td>
            <Table.Td ta="right">{d.reads}</Table.Td>
            <Table.Td ta="right">{d.newFollowers}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The unit's last 30 days: notifications sent and reads per day as bars, a summary, and the same as a table. */
export function ReachChart({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const reach = useUnitReach(unitId);
  const [table, setTable] = useState(false);

  if (reach.isPending) return <Loading />;
  if (reach.isError) return <ErrorAlert error={reach.error} onRetry={() => void reach.refetch()} />;
  const days = reach.data.days;
  const summary = t('reach.summary', totals(days));
  const data = days.map((d) => ({ ...d, label: shortDay(d.day) }));
  return (
    <Card withBorder radius="md" component="section" aria-label={t('reach.chartTitle')} data-testid="reach-chart">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('reach.chartTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reach.chartHint')}
        </Text>
        <Text data-testid="reach-summary">{summary}</Text>
        {/* The bars repeat the summary and the table below: screen readers read those instead. */}
        <Box h={280} aria-hidden>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" interval="preserveStartEnd" tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Legend />
              <Bar dataKey="delivered" name={t('reach.delivered')} fill={COLORS.delivered} />
              <Bar dataKey="reads" name={t('reach.reads')} fill={COLORS.reads} />
            </BarChart>
          </ResponsiveContainer>
        </Box>
        <Box>
          <Button size="xs" variant="default" onClick={() => setTable((v) => !v)} aria-expanded={table}>
            {table ? t('reach.hideTable') : t('reach.showTable')}
          </Button>
        </Box>
        <Collapse expanded={table}>{table && <DaysTable days={days} />}</Collapse>
      </Stack>
    </Card>
  );
}
