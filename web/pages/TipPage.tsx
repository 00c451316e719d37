import { Alert, Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Unit } from '../../contracts/units';
import { api, isApiError } from '../api';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback';
import { APP_ICONS, IconText, InlineIcon } from '../components/icons';
import { PublicLayout } from '../components/PublicLayout';
import { usePublicUnits } from '../queries';
import { matchesQuery } from '../text';
import { TipForm } from '../tips/TipForm';
import { FOLLOW_PATH, TipReceiptView } from '../tips/TipReceipt';
import type { TipReceipt } from '../tips/tipApi';

const UNIT_PARAM = 'don-vi';

/** "Nếu việc đang xảy ra và nguy hiểm, gọi ngay 113." with the call one tap away. */
function EmergencyLine() {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" data-testid="tip-emergency">
      <Group justify="space-between" gap="sm">
        <Text fw={700}>{t('tips.emergency')}</Text>
        <Button component="a" href="tel:113" color="red" size="md" leftSection={<InlineIcon icon={APP_ICONS.call} />}>
          {t('tips.call113')}
        </Button>
      </Group>
    </Alert>
  );
}

/** The wards and communes that take tips, searchable without diacritics. */
function UnitChooser({ onChoose }: { onChoose: (slug: string) => void }) {
  const { t } = useTranslation();
  const units = usePublicUnits();
  const [query, setQuery] = useState('');
  const items = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => (u.kind === 'ward' || u.kind === 'commune') && u.hasAccount && !u.mergedInto)
        .filter((u) => matchesQuery(`${u.displayName} ${u.name}`, query))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi')),
    [units.data, query],
  );
  return (
    <Stack gap="sm" data-testid="tip-unit-chooser">
      <Title order={2} size="h3">
        {t('tips.chooseUnit')}
      </Title>
      <TextInput
        size="md"
        type="search"
        label={t('tips.searchUnit')}
        placeholder={t('tips.searchUnitPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
      />
      {units.isPending && <Loading />}
      {units.isError && <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />}
      {units.isSuccess && items.length === 0 && <EmptyState>{t('tips.noUnit', { query })}</EmptyState>}
      {items.map((u) => (
        <Button
          key={u.id}
          size="lg"
          variant="default"
          justify="space-between"
          rightSection={<InlineIcon icon={APP_ICONS.forward} size="md" />}
          onClick={() => onChoose(u.slug)}
        >
          {u.displayName}
        </Button>
      ))}
    </Stack>
  );
}

function ChosenUnit({ slug, onChange }: { slug: string; onChange: () => void }) {
  const { t } = useTranslation();
  const [receipt, setReceipt] = useState<TipReceipt | null>(null);
  const unit = useQuery({
    queryKey: ['public', 'unit', slug],
    queryFn: ({ signal }) => api<Unit>(`/api/v1/public/units/${encodeURIComponent(slug)}`, { signal }),
    retry: (count, err) => !isApiError(err, 404, 400) && count < 2,
  });
  if (unit.isPending) return <Loading />;
  if (unit.isError)
    return isApiError(unit.error, 404, 400) ? (
      <Alert color="orange" data-testid="not-found">
        <Stack gap="sm" align="flex-start">
          <Text>{t('tips.unitNotFound')}</Text>
          <Button variant="light" color="red" onClick={onChange}>
            {t('tips.changeUnit')}
          </Button>
        </Stack>
      </Alert>
    ) : (
      <ErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />
    );
  if (receipt)
    return <TipReceiptView receipt={receipt} unitName={unit.data.displayName} onAnother={() => setReceipt(null)} />;
  return (
    <Stack gap="md">
      <Card withBorder radius="md" py="sm">
        <Group justify="space-between" gap="xs">
          <Stack gap={0}>
            <Text size="sm" c="dimmed">
              {t('tips.sendTo')}
            </Text>
            <Text fw={700} size="lg" data-testid="tip-unit">
              {unit.data.displayName}
            </Text>
          </Stack>
          <Button variant="subtle" color="red" onClick={onChange}>
            {t('tips.changeUnit')}
          </Button>
        </Group>
      </Card>
      <TipForm slug={unit.data.slug} onSent={setReceipt} />
    </Stack>
  );
}

/** /bao-tin: choose the ward or commune (or come from its page with ?don-vi=), then the form, then the receipt. */
export function TipPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const slug = params.get(UNIT_PARAM);
  const choose = (next: string | null) => setParams(next ? { [UNIT_PARAM]: next } : {});
  return (
    <PublicLayout>
      <Stack gap="md">
        <Stack gap={4} data-no-print>
          <Title order={1} c="red.9">
            {t('tips.title')}
          </Title>
          <Text>{t('tips.intro')}</Text>
        </Stack>
        <div data-no-print>
          <EmergencyLine />
        </div>
        {slug ? <ChosenUnit key={slug} slug={slug} onChange={() => choose(null)} /> : <UnitChooser onChoose={choose} />}
        <Group gap="lg" data-no-print>
          <Anchor component={Link} to={FOLLOW_PATH}>
            <IconText icon={APP_ICONS.forward} end>
              {t('tips.follow.nav')}
            </IconText>
          </Anchor>
          {slug && (
            <Anchor component={Link} to={`/u/${encodeURIComponent(slug)}`} size="sm">
              <IconText icon={APP_ICONS.back}>{t('app.back')}</IconText>
            </Anchor>
          )}
        </Group>
      </Stack>
    </PublicLayout>
  );
}
