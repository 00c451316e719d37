import { Anchor, Box, Button, Group, Image, List, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPhone, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams, useSearchParams } from 'react-router-dom';
import type { InvitationKit } from '../../../contracts/invitations';
import { isApiError } from '../../api';
import { ErrorAlert, Forbidden, Loading } from '../../components/Feedback';
import { useInvitationKit } from './invitationsApi';
import '../../print.css';

function Phones({ kit }: { kit: InvitationKit }) {
  const { t } = useTranslation();
  const rows: [string, string | null][] = [
    [t('invitations.phone'), kit.unit.phone],
    [t('invitations.hotline'), kit.unit.hotline],
  ];
  return (
    <Stack gap={4}>
      <Title order={2} size="h4">
        {t('invitations.phones')}
      </Title>
      {rows.map(([label, value]) => (
        <Group key={label} gap="xs" wrap="nowrap">
          <IconPhone size={20} aria-hidden />
          <Text size="lg">
            {label}:{' '}
            <Text span fw={800} inherit>
              {value ?? t('invitations.noPhone')}
            </Text>
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The A4 sheet itself: only this is printed. */
function Sheet({ kit }: { kit: InvitationKit }) {
  const { t } = useTranslation();
  const unit = kit.unit.displayName;
  const group = kit.group?.name;
  const verifyUrl = `${new URL(kit.url).host}/xac-minh`;
  return (
    <Box className="invitation-sheet" data-testid="invitation-sheet">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} c="red.9" size="h1">
            {group ? t('invitations.headingGroup', { group, unit }) : t('invitations.heading', { unit })}
          </Title>
          <Text size="lg">{t('invitations.lead')}</Text>
        </Stack>
        <Stack align="center" gap={4}>
          <Image
            src={kit.qrCode}
            alt={t('invitations.qrAlt', { url: kit.url })}
            w="9cm"
            h="9cm"
            fit="contain"
            data-testid="invitation-qr"
          />
          <Text ff="monospace" size="sm" data-testid="invitation-url">
            {kit.url}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Title order={2} size="h4">
            {t('invitations.steps')}
          </Title>
          <List type="ordered" size="lg" spacing={6}>
            <List.Item>{t('invitations.step1')}</List.Item>
            <List.Item>
              {group ? t('invitations.step2Group', { unit, group }) : t('invitations.step2', { unit })}
            </List.Item>
            <List.Item>{t('invitations.step3')}</List.Item>
            <List.Item>{t('invitations.step4')}</List.Item>
          </List>
        </Stack>
        <Phones kit={kit} />
        <Text size="sm" c="dimmed">
          {t('invitations.scamWarning', { url: verifyUrl })}
        </Text>
      </Stack>
    </Box>
  );
}

/** "Giấy mời tham gia": the printable A4 invitation of a unit or one of its groups (?group=<id>). */
export function InvitationKitPage() {
  const { t } = useTranslation();
  const { unitId = '' } = useParams();
  const [params] = useSearchParams();
  const groupId = params.get('group');
  const kit = useInvitationKit(unitId, groupId);

  if (kit.isPending) return <Loading />;
  if (kit.isError) {
    if (isApiError(kit.error, 401)) return <Navigate to="/console/login" replace />;
    if (isApiError(kit.error, 400, 403, 404)) return <Forbidden />;
    return <ErrorAlert error={kit.error} onRetry={() => void kit.refetch()} />;
  }
  return (
    <Stack gap="md" maw={820} mx="auto">
      <Group justify="space-between" data-no-print>
        <Anchor component={Link} to={`/console/units/${encodeURIComponent(unitId)}/groups`} size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden />
            {t('invitations.back')}
          </Group>
        </Anchor>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {t('invitations.scans', { count: kit.data.scans })}
          </Text>
          <Button color="red" leftSection={<IconPrinter size={18} />} onClick={() => window.print()}>
            {t('invitations.printButton')}
          </Button>
        </Group>
      </Group>
      <Sheet kit={kit.data} />
    </Stack>
  );
}
