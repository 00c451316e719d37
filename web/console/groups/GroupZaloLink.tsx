import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { zaloGroupIdSchema } from '../../../contracts/broadcasts';
import { api } from '../../api';
import type { Group as ResidentGroup } from '../../broadcasts/types';
import { ErrorAlert } from '../../components/Feedback';
import { APP_ICONS, InlineIcon } from '../../components/icons';
import { formatDateTime } from '../../text';

// "Nhóm Zalo" of a residential group: the Zalo group (GMF) its posts are also sent to, a red
// "Liên kết Zalo hỏng" badge with Zalo's reason when the link broke, and linking (owners, admins).

function LinkForm({ group, onDone }: { group: ResidentGroup; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(group.zalo?.groupId ?? '');
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: (zaloGroupId: string) =>
      api<ResidentGroup>(`/api/v1/console/groups/${encodeURIComponent(group.id)}/zalo`, {
        method: 'PUT',
        body: { zaloGroupId },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['console', 'groups', group.unitId] });
      onDone();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = zaloGroupIdSchema.safeParse(value);
    setInvalid(!parsed.success);
    if (parsed.success) save.mutate(parsed.data);
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <TextInput
          label={t('groups.zalo.idLabel')}
          description={t('groups.zalo.idHint')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={invalid ? t('groups.zalo.invalid') : null}
          maxLength={64}
          autoComplete="off"
          data-testid="zalo-group-id"
        />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={onDone}>
            {t('groups.zalo.cancel')}
          </Button>
          <Button size="xs" type="submit" color="red" loading={save.isPending}>
            {t('groups.zalo.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The group's Zalo link as officers see it; owners and admins link, relink and unlink it. */
export function GroupZaloLink({ group, canManage }: { group: ResidentGroup; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const unlink = useMutation({
    mutationFn: () =>
      api<ResidentGroup>(`/api/v1/console/groups/${encodeURIComponent(group.id)}/zalo`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['console', 'groups', group.unitId] }),
  });
  const zalo = group.zalo;
  return (
    <Stack gap={4} data-testid="group-zalo">
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600}>
            {t('groups.zalo.title')}
          </Text>
          {zalo ? (
            <>
              <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {zalo.groupId}
              </Text>
              {zalo.state === 'broken' ? (
                <Badge
                  color="red"
                  variant="filled"
                  leftSection={<InlineIcon icon={APP_ICONS.linkBroken} size="xs" />}
                  data-testid="zalo-link-broken"
                >
                  {t('groups.zalo.broken')}
                </Badge>
              ) : (
                <Badge color="green" variant="light" leftSection={<InlineIcon icon={APP_ICONS.link} size="xs" />}>
                  {t('groups.zalo.linked')}
                </Badge>
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('groups.zalo.none')}
            </Text>
          )}
        </Group>
        {canManage && !editing && (
          <Group gap="xs">
            <Button size="xs" variant="light" color="red" onClick={() => setEditing(true)}>
              {!zalo
                ? t('groups.zalo.link')
                : zalo.state === 'broken'
                  ? t('groups.zalo.relink')
                  : t('groups.zalo.change')}
            </Button>
            {zalo && (
              <Button size="xs" variant="default" loading={unlink.isPending} onClick={() => unlink.mutate()}>
                {t('groups.zalo.unlink')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {zalo?.state === 'broken' && (
        <Text size="xs" c="red" role="status">
          {zalo.error}
          {zalo.brokenAt && ` (${t('groups.zalo.brokenAt', { at: formatDateTime(zalo.brokenAt, i18n.language) })})`}
        </Text>
      )}
      {zalo?.state === 'linked' && (
        <Text size="xs" c="dimmed">
          {t('groups.zalo.hint')}
        </Text>
      )}
      {unlink.isError && <ErrorAlert error={unlink.error} />}
      {editing && <LinkForm group={group} onDone={() => setEditing(false)} />}
    </Stack>
  );
}
