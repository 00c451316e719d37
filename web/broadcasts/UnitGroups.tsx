import { Badge, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert, Loading } from '../components/Feedback';
import { useJoinGroup, useMyFollows, useUnitGroups } from './residentApi';

/**
 * The unit's residential groups with "Tham gia": joining brings the group's posts to the feed.
 * Until the unit has set up its groups, the names from the unit tree are listed as before.
 */
export function UnitGroups({ slug, treeNames }: { slug: string; treeNames: string[] }) {
  const { t } = useTranslation();
  const groups = useUnitGroups(slug);
  const follows = useMyFollows();
  const join = useJoinGroup();

  if (groups.isPending) return <Loading />;
  if (!groups.data?.length)
    return treeNames.length === 0 ? (
      <Text c="dimmed" size="sm">
        {t('unit.noGroups')}
      </Text>
    ) : (
      <List size="sm" spacing={4}>
        {treeNames.map((name) => (
          <List.Item key={name}>{name}</List.Item>
        ))}
      </List>
    );

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('groups.joinHint')}
      </Text>
      {join.isError && <ErrorAlert error={join.error} />}
      {groups.data.map((g) => {
        const mine = follows.data?.groups.find((m) => m.id === g.id);
        const busy = join.isPending && join.variables.groupId === g.id;
        return (
          <Group key={g.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="group-row">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={600}>{g.name}</Text>
              <Group gap={6}>
                <Text size="xs" c="dimmed">
                  {t(`broadcast.groupKind.${g.kind}`)}
                </Text>
                {mine && (
                  <Badge size="sm" variant="light" color={mine.status === 'confirmed' ? 'green' : 'gray'}>
                    {t(`broadcast.memberStatus.${mine.status}`)}
                  </Badge>
                )}
              </Group>
            </Stack>
            {mine && (
              <Button
                component={Link}
                to={`/to-dan-pho/${g.id}`}
                variant="light"
                color="blue"
                leftSection={<IconMessages size={18} />}
                aria-label={t('board.openNamed', { name: g.name })}
              >
                {t('board.open')}
              </Button>
            )}
            <Button
              color="red"
              variant={mine ? 'default' : 'light'}
              loading={busy}
              aria-pressed={Boolean(mine)}
              aria-label={mine ? t('groups.leaveNamed', { name: g.name }) : t('groups.joinNamed', { name: g.name })}
              onClick={() => join.mutate({ groupId: g.id, join: !mine })}
            >
              {mine ? t('groups.leave') : t('groups.join')}
            </Button>
          </Group>
        );
      })}
    </Stack>
  );
}
