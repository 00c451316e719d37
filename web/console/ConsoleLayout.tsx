import { Anchor, AppShell, Button, Group, NativeSelect, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useMatch, useNavigate } from 'react-router-dom';
import { api, isApiError } from '../api';
import { ErrorAlert, Loading } from '../components/Feedback';
import { InlineIcon } from '../components/icons';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useConsoleUnits, useMe } from './session';

function UnitSwitcher() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const match = useMatch('/console/units/:unitId/*');
  const units = useConsoleUnits();
  const current = match?.params.unitId ?? null;
  const tab = match?.params['*'] ?? '';
  const data = (units.data ?? [])
    .filter((u) => u.kind !== 'residential_group')
    .map((u) => ({ value: u.id, label: u.displayName }));
  if (current && !data.some((d) => d.value === current)) data.unshift({ value: current, label: current });
  return (
    <NativeSelect
      aria-label={t('console.unit')}
      data={current ? data : [{ value: '', label: t('console.chooseUnit') }, ...data]}
      value={current ?? ''}
      size="xs"
      style={{ flex: '1 1 auto', minWidth: 0, maxWidth: 320 }}
      disabled={units.isPending}
      onChange={(e) => {
        const id = e.currentTarget.value;
        if (id && id !== current) void navigate(`/console/units/${id}${tab ? `/${tab}` : ''}`);
      }}
    />
  );
}

export function ConsoleLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);

  if (me.isPending) return <Loading />;
  if (me.isError) {
    if (isApiError(me.error, 401)) return <Navigate to="/console/login" replace />;
    return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  }

  async function signOut() {
    setLeaving(true);
    try {
      await api('/api/v1/console/session', { method: 'DELETE' });
    } catch {
      // the session may already be gone; sign out locally anyway
    }
    queryClient.removeQueries({ queryKey: ['console'] });
    setLeaving(false);
    void navigate('/console/login', { replace: true });
  }

  return (
    <AppShell header={{ height: { base: 96, sm: 60 } }} padding="md">
      <AppShell.Header bg="red.9" c="white" px="md" py={6}>
        <Group justify="space-between" wrap="wrap" gap={6} h="100%" align="center">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Anchor component={Link} to="/console" c="white" fw={700} underline="never">
              {t('app.name')}
            </Anchor>
            <Text size="sm" truncate data-testid="officer-name">
              {me.data.officer.displayName}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ flex: '1 1 auto', justifyContent: 'flex-end' }}>
            <UnitSwitcher />
            <LanguageSwitch />
            <Button
              size="xs"
              variant="white"
              color="red"
              onClick={() => void signOut()}
              loading={leaving}
              leftSection={<InlineIcon icon={IconLogout} />}
            >
              {t('auth.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

export function ConsoleHome() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const units = useConsoleUnits(me.isSuccess);
  if (me.isPending || units.isPending) return <Loading />;
  if (units.isError) return <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />;
  if (!me.data) return null;
  const visible = units.data.filter((u) => u.kind !== 'residential_group');
  const held = me.data.roles.map((r) => r.unitId).find((id) => id !== null && visible.some((u) => u.id === id));
  const target = held ?? visible[0]?.id;
  if (!target) return <Text c="dimmed">{t('console.noUnits')}</Text>;
  // Zalo's consent callback could not tell which unit a connect was for: show its outcome on the Zalo tab.
  const tab = held && new URLSearchParams(location.search).has('zalo') ? `/zalo${location.search}` : '';
  return <Navigate to={`/console/units/${target}${tab}`} replace />;
}
