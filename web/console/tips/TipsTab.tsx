import { Alert, Anchor, Button, Card, Center, Grid, Group, Stack, Tabs, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useOutletContext, useParams, useSearchParams } from 'react-router-dom';
import { TIP_STATUSES, type ConsoleTipSummary, type TipStatus } from '../../../contracts/tips';
import { isApiError } from '../../api';
import { EmptyState, ErrorAlert, Forbidden, Loading } from '../../components/Feedback';
import { APP_ICONS, InlineIcon } from '../../components/icons';
import { unlockAudio } from '../inbox/alerts';
import { NotificationsButton } from '../inbox/InboxTab';
import { formatDateTime } from '../../text';
import type { UnitOutletContext } from '../session';
import { TipBadges } from './TipBadges';
import { TipDeadlines } from './TipDeadlines';
import { TipDetail } from './TipDetail';
import { tipsCsvHref, useTipList } from './tipsApi';
import { useTipDeskRealtime } from './useTipDeskRealtime';

function TipRow({ tip, active, onOpen }: { tip: ConsoleTipSummary; active: boolean; onOpen: () => void }) {
  const { i18n } = useTranslation();
  return (
    <UnstyledButton onClick={onOpen} aria-current={active || undefined} data-testid="tip-row">
      <Card withBorder radius="md" padding="sm" bg={active ? 'red.0' : undefined}>
        <Stack gap={4}>
          <TipBadges tip={tip} />
          <Text size="sm" lineClamp={2}>
            {tip.excerpt}
          </Text>
          <Text size="xs" c="dimmed">
            <Text span ff="monospace" inherit>
              {tip.receiptCode}
            </Text>{' '}
            · {formatDateTime(tip.createdAt, i18n.language)}
          </Text>
        </Stack>
      </Card>
    </UnstyledButton>
  );
}

function TipListPane(props: {
  unitId: string;
  status: TipStatus | null;
  activeId: string | null;
  onStatus: (status: TipStatus | null) => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const list = useTipList(props.unitId, props.status);
  const tips = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm">
      <Tabs
        value={props.status ?? 'all'}
        onChange={(v) =>
          props.onStatus((TIP_STATUSES as readonly string[]).includes(v ?? '') ? (v as TipStatus) : null)
        }
        variant="pills"
        color="red"
      >
        <Tabs.List>
          <Tabs.Tab value="all" size="xs">
            {t('tipDesk.all')}
          </Tabs.Tab>
          {TIP_STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s} size="xs">
              {t(`tipDesk.status.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group justify="flex-end">
        <Anchor href={tipsCsvHref(props.unitId, props.status)} size="sm" download data-testid="tips-csv">
          <InlineIcon icon={IconDownload} /> {t('tipDesk.csv')}
        </Anchor>
      </Group>
      {list.isPending && <Loading />}
      {list.isError &&
        (isApiError(list.error, 403, 404) ? (
          <Forbidden />
        ) : (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ))}
      {list.isSuccess && tips.length === 0 && <EmptyState>{t('tipDesk.empty')}</EmptyState>}
      {tips.map((tip) => (
        <TipRow key={tip.id} tip={tip} active={tip.id === props.activeId} onOpen={() => props.onOpen(tip.id)} />
      ))}
      {list.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('audit.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}

/** "Tin báo": the unit's tips by status, overdue first, and the work on each. */
export function TipsTab() {
  const { t } = useTranslation();
  const { unit, permissions } = useOutletContext<UnitOutletContext>();
  const { tipId = null } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const wide = useMediaQuery('(min-width: 62em)', true);
  const [settings, setSettings] = useState(false);
  const raw = params.get('status');
  const status = (TIP_STATUSES as readonly string[]).includes(raw ?? '') ? (raw as TipStatus) : null;
  const base = `/console/units/${unit.id}/tips`;
  const query = params.toString() ? `?${params.toString()}` : '';
  const rights = { canHandle: permissions.canHandleTips, canReveal: permissions.canRevealTips };
  const detail = settings || tipId;
  const realtime = useTipDeskRealtime(unit.id);
  const urgent = realtime.urgent;

  const open = (id: string) => {
    setSettings(false);
    void navigate(`${base}/${id}${query}`);
  };

  return (
    <Stack gap="sm" onClick={unlockAudio}>
      {urgent && urgent.id !== tipId && (
        <Alert
          color="red"
          variant="filled"
          role="alert"
          icon={<InlineIcon icon={APP_ICONS.urgent} size="md" />}
          withCloseButton
          onClose={realtime.dismiss}
          data-testid="tip-urgent-alert"
        >
          <Anchor
            component={Link}
            to={`${base}/${urgent.id}${query}`}
            onClick={realtime.dismiss}
            size="sm"
            c="white"
            fw={700}
          >
            {t('tipDesk.alert.urgentTitle')}: {urgent.receiptCode} — {urgent.excerpt}
          </Anchor>
        </Alert>
      )}
      {!settings && (
        <Group justify="space-between">
          <Group gap="xs">
            <NotificationsButton />
            {!realtime.online && (
              <Text size="xs" c="orange.8" role="status">
                {t('inbox.reconnecting')}
              </Text>
            )}
          </Group>
          <Button
            variant="default"
            leftSection={<InlineIcon icon={IconSettings} />}
            onClick={() => setSettings(true)}
            data-testid="tip-deadlines-open"
          >
            {t('tipDesk.deadlines.open')}
          </Button>
        </Group>
      )}
      <Grid gap="md">
        {(wide || !detail) && (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TipListPane
              unitId={unit.id}
              status={status}
              activeId={tipId}
              onStatus={(s) => setParams(s ? { status: s } : {}, { replace: true })}
              onOpen={open}
            />
          </Grid.Col>
        )}
        {(wide || detail) && (
          <Grid.Col span={{ base: 12, md: 7 }}>
            {settings ? (
              <TipDeadlines
                unitId={unit.id}
                canConfigure={permissions.canConfigureTips}
                onClose={() => setSettings(false)}
              />
            ) : tipId ? (
              <TipDetail key={tipId} id={tipId} unitId={unit.id} rights={rights} backHref={`${base}${query}`} />
            ) : (
              <Text c="dimmed" ta="center" py="xl" size="sm">
                {t('tipDesk.choose')}
              </Text>
            )}
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
