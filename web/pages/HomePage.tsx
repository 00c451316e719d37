import { Button, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Unit } from '../../contracts/units';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback';
import { APP_ICONS, InlineIcon } from '../components/icons';
import { PublicLayout } from '../components/PublicLayout';
import { usePublicUnits } from '../queries';
import { matchesQuery } from '../text';
import { UnitCard } from './UnitCard';

interface Group {
  key: string;
  title: string;
  units: Unit[];
}

function groupByParent(units: Unit[], accounts: Unit[], otherTitle: string): Group[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const groups = new Map<string, Group>();
  for (const unit of accounts) {
    const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
    const key = parent?.id ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { key, title: parent?.displayName ?? otherTitle, units: [] };
      groups.set(key, group);
    }
    group.units.push(unit);
  }
  for (const g of groups.values()) g.units.sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'));
  return [...groups.values()];
}

export function HomePage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const units = usePublicUnits();

  const groups = useMemo(() => {
    const all = units.data ?? [];
    const accounts = all.filter(
      (u) => u.hasAccount && !u.mergedInto && matchesQuery(`${u.displayName} ${u.name} ${u.address ?? ''}`, query),
    );
    return groupByParent(all, accounts, t('home.otherGroup'));
  }, [units.data, query, t]);

  return (
    <PublicLayout>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1} c="red.9">
            {t('home.heading')}
          </Title>
          <Text>{t('app.intro')}</Text>
          <Button
            component={Link}
            to="/thu-tuc"
            variant="light"
            color="red"
            mt="xs"
            style={{ alignSelf: 'flex-start' }}
            leftSection={<InlineIcon icon={APP_ICONS.procedures} />}
            data-testid="guide-link"
          >
            {t('guide.open')}
          </Button>
        </Stack>
        <TextInput
          type="search"
          label={t('home.search')}
          placeholder={t('home.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        {units.isPending && <Loading />}
        {units.isError && <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />}
        {units.isSuccess && groups.length === 0 && (
          <EmptyState>{query.trim() ? t('home.noMatch', { query }) : t('home.empty')}</EmptyState>
        )}
        {groups.map((group) => (
          <Stack key={group.key} gap="sm" component="section" aria-label={group.title}>
            <Title order={2} size="h3">
              {group.title}{' '}
              <Text span c="dimmed" size="sm">
                ({t('home.count', { count: group.units.length })})
              </Text>
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {group.units.map((u) => (
                <UnitCard key={u.id} unit={u} />
              ))}
            </SimpleGrid>
          </Stack>
        ))}
      </Stack>
    </PublicLayout>
  );
}
