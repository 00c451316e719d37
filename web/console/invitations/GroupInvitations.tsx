import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconPrinter, IconQrcode } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useInvitationScans } from './invitationsApi';

const kitPath = (unitId: string, groupId: string | null) =>
  `/console/units/${encodeURIComponent(unitId)}/moi-tham-gia${groupId ? `?group=${encodeURIComponent(groupId)}` : ''}`;

function useScansOf(unitId: string, groupId: string | null) {
  const scans = useInvitationScans(unitId);
  const row = scans.data?.items.find((s) => s.groupId === groupId);
  return { total: row?.scans ?? 0, recent: row?.scans30Days ?? 0, ready: scans.isSuccess };
}

/** A group's scans of its printed invitation, and the button to print it (in the group's card). */
export function GroupInvitation({ unitId, groupId }: { unitId: string; groupId: string }) {
  const { t } = useTranslation();
  const scans = useScansOf(unitId, groupId);
  return (
    <Group gap="xs" wrap="nowrap" data-testid="group-invitation">
      {scans.ready && (
        <Text size="sm" c="dimmed" title={t('invitations.scans30', { count: scans.recent })}>
          <IconQrcode size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} />{' '}
          {t('invitations.scans', { count: scans.total })}
        </Text>
      )}
      <Button
        component={Link}
        to={kitPath(unitId, groupId)}
        size="xs"
        variant="light"
        color="red"
        leftSection={<IconPrinter size={14} />}
      >
        {t('invitations.print')}
      </Button>
    </Group>
  );
}

/** The unit-wide invitation (follow only): its scans and the button to print it (above the groups). */
export function UnitInvitation({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const scans = useScansOf(unitId, null);
  return (
    <Card withBorder radius="md" data-testid="unit-invitation">
      <Group justify="space-between" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 240px' }}>
          <Text size="sm">{t('invitations.printHint')}</Text>
          {scans.ready && (
            <Text size="sm" c="dimmed">
              {t('invitations.unitScans', { count: scans.total })}
            </Text>
          )}
        </Stack>
        <Button component={Link} to={kitPath(unitId, null)} variant="default" leftSection={<IconPrinter size={16} />}>
          {t('invitations.printUnit')}
        </Button>
      </Group>
    </Card>
  );
}
