import { Anchor, Badge, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback';
import { APP_ICONS, IconText } from '../components/icons';
import { PublicLayout } from '../components/PublicLayout';
import { procedureName, useProcedures } from '../procedures';
import { formatIsoDate, matchesQuery } from '../text';

/** /thu-tuc: the procedures guide for residents, searchable without diacritics. */
export function ProceduresPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const unitSlug = params.get('don-vi');
  const [query, setQuery] = useState('');
  const procedures = useProcedures();

  const items = useMemo(
    () =>
      (procedures.data ?? [])
        .filter((p) => matchesQuery(`${p.nameVi} ${p.nameEn}`, query))
        .sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi')),
    [procedures.data, query],
  );
  const suffix = unitSlug ? `?don-vi=${encodeURIComponent(unitSlug)}` : '';

  return (
    <PublicLayout>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1} c="red.9">
            {t('guide.heading')}
          </Title>
          <Text>{t('guide.intro')}</Text>
        </Stack>
        <TextInput
          type="search"
          label={t('guide.search')}
          placeholder={t('guide.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        {procedures.isPending && <Loading />}
        {procedures.isError && <ErrorAlert error={procedures.error} onRetry={() => void procedures.refetch()} />}
        {procedures.isSuccess && items.length === 0 && (
          <EmptyState>{query.trim() ? t('guide.noMatch', { query }) : t('guide.empty')}</EmptyState>
        )}
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((p) => (
            <Card key={p.id} component="li" withBorder radius="md" padding="md" data-testid="procedure-card">
              <Stack gap={4}>
                <Anchor component={Link} to={`/thu-tuc/${encodeURIComponent(p.id)}${suffix}`} fw={700} c="red.9">
                  {procedureName(p, i18n.language)}
                </Anchor>
                <Group gap="xs">
                  {!p.verified && (
                    <Badge color="yellow" variant="light" data-testid="unverified-badge">
                      {t('guide.unverified')}
                    </Badge>
                  )}
                  {p.lastChecked && (
                    <Text size="xs" c="dimmed">
                      {t('guide.updated', { date: formatIsoDate(p.lastChecked) })}
                    </Text>
                  )}
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
        {unitSlug && (
          <Anchor component={Link} to={`/u/${encodeURIComponent(unitSlug)}`} size="sm">
            <IconText icon={APP_ICONS.back}>{t('guide.backToUnit')}</IconText>
          </Anchor>
        )}
      </Stack>
    </PublicLayout>
  );
}
