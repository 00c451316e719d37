import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Unit } from '../../contracts/units';
import { api, isApiError } from '../api';
import { FollowButton } from '../broadcasts/FollowButton';
import { GroupOffer } from '../broadcasts/GroupOffer';
import { PostList } from '../broadcasts/PostList';
import { useUnitPosts } from '../broadcasts/residentApi';
import { UnitGroups } from '../broadcasts/UnitGroups';
import { ErrorAlert, Loading, NotUpdated } from '../components/Feedback';
import { APP_ICONS, IconText, InlineIcon } from '../components/icons';
import { PublicLayout } from '../components/PublicLayout';
import { Section } from '../components/Section';
import { usePublicUnits } from '../queries';
import { telHref } from '../text';
import { UnitChat } from './UnitChat';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

function Phone({ value }: { value: string | null }) {
  return value ? <Anchor href={telHref(value)}>{value}</Anchor> : <NotUpdated />;
}

function EmergencyNumbers() {
  const { t } = useTranslation();
  const numbers = [
    { n: '113', label: t('unit.police') },
    { n: '114', label: t('unit.fire') },
    { n: '115', label: t('unit.ambulance') },
  ];
  return (
    <Card withBorder radius="md" component="section" aria-label={t('unit.emergency')}>
      <Title order={2} size="h4" mb="sm">
        {t('unit.emergency')}
      </Title>
      <SimpleGrid cols={3} spacing="xs">
        {numbers.map(({ n, label }) => (
          <Button key={n} component="a" href={`tel:${n}`} color="red" variant="light" h="auto" py="xs">
            <Stack gap={0} align="center">
              <Text fw={800} size="xl">
                {n}
              </Text>
              <Text size="xs">{label}</Text>
            </Stack>
          </Button>
        ))}
      </SimpleGrid>
    </Card>
  );
}

/** The unit's latest posts: three, then all of them on request. */
function UnitPosts({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const posts = useUnitPosts(unit.slug);
  const [all, setAll] = useState(false);
  return (
    <Section title={t('feed.unitPosts')}>
      <PostList
        query={posts}
        showUnit={false}
        empty={t('feed.unitEmpty')}
        limit={all ? undefined : 3}
        more={
          <Button variant="default" onClick={() => setAll(true)}>
            {t('feed.showAll')}
          </Button>
        }
      />
    </Section>
  );
}

function UnitProfile({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const all = usePublicUnits();
  const treeGroups = (all.data ?? [])
    .filter((u) => u.parentId === unit.id && !u.mergedInto)
    .map((g) => g.displayName || g.name)
    .sort((a, b) => a.localeCompare(b, 'vi', { numeric: true }));
  const hasMap = unit.latitude !== null && unit.longitude !== null;
  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={1} c="red.9">
          {unit.displayName}
        </Title>
        <Text c="dimmed">
          {t(`unit.kind.${unit.kind}`)} · {unit.name}
        </Text>
      </Stack>
      <GroupOffer slug={unit.slug} unitName={unit.displayName} />
      <FollowButton slug={unit.slug} unitName={unit.displayName} />
      <Card withBorder radius="md">
        <Stack gap="sm">
          <Row label={t('unit.description')}>
            {unit.description ? <Text style={{ whiteSpace: 'pre-line' }}>{unit.description}</Text> : <NotUpdated />}
          </Row>
          <Row label={t('unit.address')}>{unit.address ? <Text>{unit.address}</Text> : <NotUpdated />}</Row>
          <Row label={t('unit.phone')}>
            <Phone value={unit.phone} />
          </Row>
          <Row label={t('unit.hotline')}>
            <Phone value={unit.hotline} />
          </Row>
          <Row label={t('unit.openingHours')}>
            {unit.openingHours ? <Text>{unit.openingHours}</Text> : <NotUpdated />}
          </Row>
          <Row label={t('unit.map')}>
            {hasMap ? (
              <Anchor
                href={`https://www.openstreetmap.org/?mlat=${unit.latitude}&mlon=${unit.longitude}#map=17/${unit.latitude}/${unit.longitude}`}
                target="_blank"
                rel="noopener noreferrer"
              >
                {t('unit.openMap')}
              </Anchor>
            ) : (
              <NotUpdated />
            )}
          </Row>
        </Stack>
      </Card>
      <EmergencyNumbers />
      <Button
        component={Link}
        to={`/bao-tin?don-vi=${encodeURIComponent(unit.slug)}`}
        color="red"
        size="md"
        leftSection={<InlineIcon icon={APP_ICONS.report} size="md" />}
        data-testid="tip-link"
      >
        {t('tips.open')}
      </Button>
      <UnitPosts unit={unit} />
      <UnitChat unit={unit} />
      <Button
        component={Link}
        to={`/thu-tuc?don-vi=${encodeURIComponent(unit.slug)}`}
        variant="light"
        color="red"
        leftSection={<InlineIcon icon={APP_ICONS.procedures} />}
        data-testid="guide-link"
      >
        {t('guide.open')}
      </Button>
      <Card withBorder radius="md" component="section" aria-label={t('unit.groups')}>
        <Title order={2} size="h4" mb="sm">
          {t('unit.groups')}
        </Title>
        {all.isPending ? <Loading /> : <UnitGroups slug={unit.slug} treeNames={treeGroups} />}
      </Card>
    </Stack>
  );
}

export function UnitPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const navigate = useNavigate();
  const unit = useQuery({
    queryKey: ['public', 'unit', slug],
    queryFn: ({ signal }) => api<Unit>(`/api/v1/public/units/${encodeURIComponent(slug)}`, { signal }),
    retry: (count, err) => !isApiError(err, 404, 400) && count < 2,
  });

  // A merged unit answers with its successor (the API redirects): show the successor's address.
  useEffect(() => {
    if (unit.data && unit.data.slug !== slug) void navigate(`/u/${unit.data.slug}`, { replace: true });
  }, [unit.data, slug, navigate]);

  return (
    <PublicLayout>
      {unit.isPending && <Loading />}
      {unit.isError &&
        (isApiError(unit.error, 404, 400) ? (
          <Alert color="orange" title={t('unit.notFoundTitle')} data-testid="not-found">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t('unit.notFound')}</Text>
              <Anchor component={Link} to="/">
                {t('app.back')}
              </Anchor>
            </Stack>
          </Alert>
        ) : (
          <ErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />
        ))}
      {unit.data && <UnitProfile unit={unit.data} />}
      <Group mt="md">
        <Anchor component={Link} to="/" size="sm">
          <IconText icon={APP_ICONS.back}>{t('app.back')}</IconText>
        </Anchor>
      </Group>
    </PublicLayout>
  );
}
