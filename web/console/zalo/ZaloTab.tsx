import { Alert, Button, Card, Code, CopyButton, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconUnlink } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext, useSearchParams } from 'react-router-dom';
import { ZALO_CALLBACK_OUTCOMES, type ZaloCallbackOutcome, type ZaloConnectionStatus } from '../../../contracts/zalo';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert, Forbidden, Loading } from '../../components/Feedback';
import { InlineIcon } from '../../components/icons';
import { formatDateTime } from '../../text';
import type { UnitOutletContext } from '../session';
import { useDisconnectZalo, useZaloConsole } from './zaloApi';
import { ZaloOAuthForm, ZaloPasteForm, ZaloTestForm } from './ZaloForms';

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant="light"
              color={copied ? 'green' : 'gray'}
              onClick={copy}
              leftSection={<InlineIcon icon={copied ? IconCheck : IconCopy} size="xs" />}
            >
              {copied ? t('zaloTab.copied') : t('zaloTab.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** What happened at Zalo's consent page, as the callback route reported it in the address. */
function CallbackOutcome() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const outcome = params.get('zalo');
  if (!outcome || !(ZALO_CALLBACK_OUTCOMES as readonly string[]).includes(outcome)) return null;
  const ok = (outcome as ZaloCallbackOutcome) === 'connected';
  return (
    <Alert
      color={ok ? 'green' : 'red'}
      variant="light"
      withCloseButton
      onClose={() => setParams({}, { replace: true })}
      data-testid="zalo-outcome"
    >
      {t(`zaloTab.outcome.${outcome}`, { code: params.get('zaloCode') ?? '' })}
    </Alert>
  );
}

function StatusCard({ unitId, status }: { unitId: string; status: ZaloConnectionStatus }) {
  const { t, i18n } = useTranslation();
  const disconnect = useDisconnectZalo(unitId);
  const [confirming, setConfirming] = useState(false);
  const when = (iso: string | null, none: string) => (iso ? formatDateTime(iso, i18n.language) : t(none));
  return (
    <Card withBorder radius="md" data-testid="zalo-status">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('zaloTab.status.connected', { oaId: status.oaId })}
          </Title>
          <Button
            color="red"
            variant="subtle"
            leftSection={<InlineIcon icon={IconUnlink} />}
            onClick={() => setConfirming(true)}
          >
            {t('zaloTab.disconnect.button')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm">{t('zaloTab.status.appId', { appId: status.appId })}</Text>
          <Text size="sm">
            {t('zaloTab.status.expires', { at: when(status.accessTokenExpiresAt, 'zaloTab.status.expiresUnknown') })}
          </Text>
          <Text size="sm" data-testid="zalo-last-event">
            {t('zaloTab.status.lastEvent', { at: when(status.lastEventAt, 'zaloTab.status.noEvent') })}
          </Text>
          <Text size="sm">
            {t('zaloTab.status.connectedBy', { name: status.connectedBy, at: when(status.connectedAt, '') })}
          </Text>
        </SimpleGrid>
        {status.lastError && (
          <Alert color="orange" variant="light" title={t('zaloTab.status.lastError')}>
            <Text size="sm">
              {status.lastError} ({when(status.lastErrorAt, '')})
            </Text>
          </Alert>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('zaloTab.disconnect.title')}
        confirmLabel={t('zaloTab.disconnect.confirm')}
        busy={disconnect.isPending}
        onConfirm={() => disconnect.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      >
        <Stack gap="xs">
          <Text size="sm">{t('zaloTab.disconnect.text', { oaId: status.oaId })}</Text>
          {disconnect.isError && <ErrorAlert error={disconnect.error} />}
        </Stack>
      </ConfirmModal>
    </Card>
  );
}

/** The unit's Zalo OA (owners and admins): connection, URLs to register, connect, test, disconnect. */
export function ZaloTab() {
  const { t } = useTranslation();
  const { unit, permissions } = useOutletContext<UnitOutletContext>();
  const zalo = useZaloConsole(unit.id);
  if (!permissions.canManageZalo) return <Forbidden />;
  if (zalo.isPending) return <Loading />;
  if (zalo.isError) return <ErrorAlert error={zalo.error} onRetry={() => void zalo.refetch()} />;
  const { connection, webhookUrl, callbackUrl } = zalo.data;
  return (
    <Stack gap="md">
      <CallbackOutcome />
      {connection ? (
        <StatusCard unitId={unit.id} status={connection} />
      ) : (
        <Alert color="gray" variant="light" data-testid="zalo-not-connected">
          {t('zaloTab.status.none')}
        </Alert>
      )}
      <Card withBorder radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('zaloTab.urls.title')}
          </Title>
          <CopyField label={t('zaloTab.urls.webhook')} value={webhookUrl} testId="zalo-webhook-url" />
          <CopyField label={t('zaloTab.urls.callback')} value={callbackUrl} testId="zalo-callback-url" />
          <Text size="sm" c="dimmed">
            {t('zaloTab.urls.help')}
          </Text>
        </Stack>
      </Card>
      {connection && <ZaloTestForm unitId={unit.id} />}
      <ZaloOAuthForm unitId={unit.id} />
      <ZaloPasteForm unitId={unit.id} />
    </Stack>
  );
}
