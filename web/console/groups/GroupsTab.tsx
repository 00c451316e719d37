import { Badge, Button, Card, Collapse, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router-dom';
import { api, isApiError } from '../../api';
import {
  GROUP_KINDS,
  MAX_GROUP_NAME,
  type Group as ResidentGroup,
  type GroupKind,
  type GroupMember,
} from '../../broadcasts/types';
import { EmptyState, ErrorAlert, Forbidden, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../text';
import { GroupInvitation, UnitInvitation } from '../invitations/GroupInvitations';
import { useGroups } from '../posts/postsApi';
import type { UnitOutletContext } from '../session';
import { GroupBoardButton } from './GroupBoard';
import { GroupZaloLink } from './GroupZaloLink';

const groupsKey = (unitId: string) => ['console', 'groups', unitId];
const membersKey = (groupId: string) => ['console', 'group-members', groupId];

function CreateGroup({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<GroupKind>('to_dan_pho');
  const [missing, setMissing] = useState(false);
  const create = useMutation({
    mutationFn: (body: { name: string; kind: GroupKind }) =>
      api<ResidentGroup>(`/api/v1/console/units/${unitId}/groups`, { method: 'POST', body }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: groupsKey(unitId) });
      void queryClient.invalidateQueries({ queryKey: ['public'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setMissing(!name.trim());
    if (name.trim()) create.mutate({ name: name.trim(), kind });
  }
  return (
    <Card withBorder radius="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('groups.create')}
        </Title>
        <Group align="flex-start" grow>
          <TextInput
            label={t('groups.name')}
            placeholder={t('groups.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={missing ? t('posts.form.required') : null}
            maxLength={MAX_GROUP_NAME}
          />
          <NativeSelect
            label={t('groups.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value === 'thon' ? 'thon' : 'to_dan_pho')}
            data={GROUP_KINDS.map((k) => ({ value: k, label: t(`broadcast.groupKind.${k}`) }))}
          />
        </Group>
        {create.isError && <ErrorAlert error={create.error} />}
        <Group justify="flex-end">
          <Button type="submit" color="red" loading={create.isPending}>
            {t('groups.createButton')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Members({ group, canConfirm }: { group: ResidentGroup; canConfirm: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const members = useQuery({
    queryKey: membersKey(group.id),
    queryFn: ({ signal }) =>
      api<{ items: GroupMember[] }>(`/api/v1/console/groups/${encodeURIComponent(group.id)}/members`, {
        signal,
      }).then((r) => r.items),
    retry: (count, err) => !isApiError(err, 401, 403, 404) && count < 2,
  });
  const confirm = useMutation({
    mutationFn: (residentId: string) =>
      api<GroupMember>(
        `/api/v1/console/groups/${encodeURIComponent(group.id)}/members/${encodeURIComponent(residentId)}/confirm`,
        { method: 'POST', body: {} },
      ),
    onSuccess: (member) =>
      queryClient.setQueryData<GroupMember[]>(membersKey(group.id), (old) =>
        old?.map((m) => (m.residentId === member.residentId ? member : m)),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: membersKey(group.id) }),
  });

  if (members.isPending) return <Loading />;
  if (members.isError) return <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />;
  if (members.data.length === 0) return <EmptyState>{t('groups.noMembers')}</EmptyState>;
  return (
    <Stack gap="xs" data-testid="group-members">
      {confirm.isError && <ErrorAlert error={confirm.error} />}
      {members.data.map((m) => (
        <Group key={m.residentId} justify="space-between" gap="xs" data-testid="group-member">
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {m.displayName ?? t('inbox.resident')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('groups.joinedAt', { at: formatDateTime(m.joinedAt, i18n.language) })}
            </Text>
          </Stack>
          {m.status === 'confirmed' ? (
            <Badge color="green" variant="light">
              {t('broadcast.memberStatus.confirmed')}
            </Badge>
          ) : canConfirm ? (
            <Button
              size="xs"
              color="green"
              variant="light"
              loading={confirm.isPending && confirm.variables === m.residentId}
              onClick={() => confirm.mutate(m.residentId)}
            >
              {t('groups.confirm')}
            </Button>
          ) : (
            <Badge color="gray" variant="light">
              {t('broadcast.memberStatus.self_declared')}
            </Badge>
          )}
        </Group>
      ))}
    </Stack>
  );
}

function GroupCard({
  group,
  unitId,
  canConfirm,
  canManage,
}: {
  group: ResidentGroup;
  unitId: string;
  canConfirm: boolean;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card withBorder radius="md" data-testid="group-card">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Stack gap={0}>
            <Text fw={700}>{group.name}</Text>
            <Text size="sm" c="dimmed">
              {t(`broadcast.groupKind.${group.kind}`)} · {t('groups.members', { count: group.memberCount })}
            </Text>
          </Stack>
          <Group gap="xs">
            <GroupBoardButton group={group} unitId={unitId} canModerate={canConfirm} />
            <GroupInvitation unitId={group.unitId} groupId={group.id} />
            <Button size="xs" variant="default" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
              {open ? t('groups.hideMembers') : t('groups.showMembers')}
            </Button>
          </Group>
        </Group>
        <GroupZaloLink group={group} canManage={canManage} />
        <Collapse expanded={open}>{open && <Members group={group} canConfirm={canConfirm} />}</Collapse>
      </Stack>
    </Card>
  );
}

/** "Tổ dân phố": the unit's residential groups, their members, and new groups (owner). */
export function GroupsTab() {
  const { t } = useTranslation();
  const { unit, permissions } = useOutletContext<UnitOutletContext>();
  const groups = useGroups(unit.id);

  if (groups.isPending) return <Loading />;
  if (groups.isError) {
    if (isApiError(groups.error, 403, 404)) return <Forbidden />;
    return <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />;
  }
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('groups.hint')}
      </Text>
      {permissions.canCreateGroups && <CreateGroup unitId={unit.id} />}
      <UnitInvitation unitId={unit.id} />
      {groups.data.length === 0 && <EmptyState>{t('groups.empty')}</EmptyState>}
      {groups.data.map((g) => (
        <GroupCard
          key={g.id}
          group={g}
          unitId={unit.id}
          canConfirm={permissions.canConfirmMembers}
          canManage={permissions.canCreateGroups}
        />
      ))}
    </Stack>
  );
}
