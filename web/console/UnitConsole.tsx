import { Anchor, Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconChartBar,
  IconHistory,
  IconId,
  IconInbox,
  IconPlugConnected,
  IconShieldExclamation,
  IconSpeakerphone,
  IconUserShield,
  IconUsersGroup,
  type TablerIcon,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ACCOUNT_KINDS, type Unit } from '../../contracts/units';
import { api, isApiError } from '../api';
import { ErrorAlert, Forbidden, Loading } from '../components/Feedback';
import { APP_ICONS, InlineIcon } from '../components/icons';
import { permissionsFor, useConsoleUnits, useMe, type UnitOutletContext } from './session';

const TABS = [
  'profile',
  'inbox',
  'tips',
  'posts',
  'groups',
  'reach',
  'officers',
  'procedures',
  'questions',
  'audit',
  'zalo',
] as const;
type Tab = (typeof TABS)[number];
const TAB_ICONS: Record<Tab, TablerIcon> = {
  profile: IconId,
  inbox: IconInbox,
  tips: IconShieldExclamation,
  posts: IconSpeakerphone,
  groups: IconUsersGroup,
  reach: IconChartBar,
  officers: IconUserShield,
  procedures: APP_ICONS.procedures,
  questions: APP_ICONS.ask,
  audit: IconHistory,
  zalo: IconPlugConnected,
};

export function UnitConsole() {
  const { t } = useTranslation();
  const { unitId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const units = useConsoleUnits(me.isSuccess);
  const unit = useQuery({
    queryKey: ['console', 'unit', unitId],
    queryFn: ({ signal }) => api<Unit>(`/api/v1/console/units/${encodeURIComponent(unitId)}`, { signal }),
    retry: (count, err) => !isApiError(err, 400, 401, 403, 404) && count < 2,
  });

  if (unit.isError) {
    if (isApiError(unit.error, 401)) return <Navigate to="/console/login" replace />;
    if (isApiError(unit.error, 403, 404, 400)) return <Forbidden />;
    return <ErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />;
  }
  if (unit.isPending || me.isPending || units.isPending || !me.data) return <Loading />;

  const permissions = permissionsFor(me.data, unit.data, units.data ?? []);
  const base = `/console/units/${unitId}`;
  const rest = location.pathname.slice(base.length).replace(/^\//, '').split('/')[0] ?? '';
  const active = (TABS as readonly string[]).includes(rest) ? rest : 'profile';
  const context: UnitOutletContext = { unit: unit.data, me: me.data, permissions };
  // Residential groups belong to the units that run an account (wards and communes); posts too,
  // and a city's or the province's posts go to every follower of the wards and communes below.
  const hasAccount = (ACCOUNT_KINDS as readonly string[]).includes(unit.data.kind);
  const publishes = hasAccount || unit.data.kind === 'city' || unit.data.kind === 'province';
  const shown = (tab: Tab) =>
    tab === 'audit'
      ? permissions.canAudit
      : tab === 'zalo'
        ? permissions.canManageZalo
        : tab === 'tips'
          ? hasAccount && permissions.canReadTips
          : tab === 'groups' || tab === 'reach'
            ? hasAccount
            : tab === 'posts'
              ? publishes
              : true;

  return (
    <Stack gap="md" maw={active === 'inbox' || active === 'posts' || active === 'tips' ? 1280 : 960} mx="auto">
      <Stack gap={2}>
        <Group gap="xs">
          <Title order={1} size="h2">
            {unit.data.displayName}
          </Title>
          <Badge color="gray" variant="light">
            {t(`unit.kind.${unit.data.kind}`)}
          </Badge>
        </Group>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {unit.data.name}
          </Text>
          {unit.data.hasAccount && (
            <Anchor component={Link} to={`/u/${unit.data.slug}`} size="sm">
              {t('console.viewPublic')}
            </Anchor>
          )}
        </Group>
      </Stack>
      <Tabs
        value={active}
        onChange={(v) => v && void navigate(v === 'profile' ? base : `${base}/${v}`)}
        color="red"
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.filter(shown).map((tab) => (
            <Tabs.Tab key={tab} value={tab} leftSection={<InlineIcon icon={TAB_ICONS[tab]} />}>
              {t(`console.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet key={unit.data.id} context={context} />
    </Stack>
  );
}
