import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PostReach } from '../../../contracts/reach';
import type { ConsolePost } from '../../broadcasts/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { usePostReach } from './reachApi';

function Figure({ label, value, hint }: { label: string; value: number; hint?: string }) {
  const { i18n } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="xl" fw={800} lh={1.2}>
        {value.toLocaleString(i18n.language)}
      </Text>
      <Text size="sm" c="dimmed" title={hint}>
        {label}
      </Text>
    </Stack>
  );
}

function Figures({ reach }: { reach: PostReach }) {
  const { t } = useTranslation();
  const rate = reach.recipients > 0 ? Math.round((100 * reach.read) / reach.recipients) : null;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={3} spacing="sm" data-testid="reach-figures">
        <Figure label={t('reach.recipients')} value={reach.recipients} hint={t('reach.recipientsHint')} />
        <Figure label={t('reach.delivered')} value={reach.delivered} />
        <Figure label={t('reach.read')} value={reach.read} />
      </SimpleGrid>
      <Text size="sm">
        {t('reach.pending')}: {reach.pending} · {t('reach.failed')}: {reach.failed}
        {rate !== null && ` · ${t('reach.readRate', { rate })}`}
      </Text>
      <Text size="xs" c="dimmed">
        {t('reach.recipientsHint')}
      </Text>
    </Stack>
  );
}

function ByGroup({ reach }: { reach: PostReach }) {
  const { t } = useTranslation();
  if (reach.byGroup.length === 0) return null;
  return (
    <Table striped withTableBorder fz="sm" data-testid="reach-by-group">
      <Table.Caption>{t('reach.byGroup')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reach.group')}</Table.Th>
          <Table.Th ta="right">{t('reach.recipients')}</Table.Th>
          <Table.Th ta="right">{t('reach.read')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {reach.byGroup.map((g) => (
          <Table.Tr key={g.groupId}>
            <Table.Td>{g.name}</Table.Td>
            <Table.Td ta="right">{g.recipients}</Table.Td>
            <Table.Td ta="right">{g.read}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** "Tiếp cận" of a published post: recipients, notifications, reads, and per residential group. */
export function PostReachSection({ post }: { post: ConsolePost }) {
  const { t } = useTranslation();
  const published = post.publishedAt !== null;
  const reach = usePostReach(post.id, published);
  return (
    <Card withBorder radius="md" component="section" aria-label={t('reach.title')} data-testid="post-reach">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('reach.title')}
        </Title>
        {!published ? (
          <Text size="sm" c="dimmed">
            {t('reach.notPublished')}
          </Text>
        ) : reach.isPending ? (
          <Loading />
        ) : reach.isError ? (
          <ErrorAlert error={reach.error} onRetry={() => void reach.refetch()} />
        ) : (
          <>
            <Figures reach={reach.data} />
            <ByGroup reach={reach.data} />
          </>
        )}
      </Stack>
    </Card>
  );
}
