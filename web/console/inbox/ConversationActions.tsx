import { Button, Group, NativeSelect, Stack, TagsInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Officer } from '../../../contracts/accounts';
import type { Conversation } from '../../../contracts/conversations';
import { api } from '../../api';
import { ErrorAlert } from '../../components/Feedback';
import { conversationPath, putConversation } from './inboxApi';

type Action = { path: 'take' | 'pending' | 'resolve' | 'assign' | 'labels'; body?: unknown };

function isConversation(v: unknown): v is Conversation {
  return typeof v === 'object' && v !== null && 'id' in v && 'status' in v;
}

/** Take, wait, resolve, assign (owners and admins) and label a conversation. */
export function ConversationActions({ c, meId, canAssign }: { c: Conversation; meId: string; canAssign: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const officers = useQuery({
    queryKey: ['console', 'officers', c.unitId],
    queryFn: ({ signal }) =>
      api<{ items: Officer[] }>(`/api/v1/console/units/${c.unitId}/officers`, { signal }).then((r) => r.items),
    enabled: canAssign,
  });
  const act = useMutation({
    mutationFn: ({ path, body }: Action) =>
      api<unknown>(`${conversationPath(c.id)}/${path}`, { method: 'POST', body: body ?? {} }),
    onSuccess: (data) => {
      if (isConversation(data)) putConversation(queryClient, data);
      else void queryClient.invalidateQueries({ queryKey: ['console', 'conversation', c.id] });
      void queryClient.invalidateQueries({ queryKey: ['console', 'inbox', c.unitId] });
    },
  });
  const busy = (path: Action['path']) => act.isPending && act.variables.path === path;

  return (
    <Stack gap="xs">
      <Group gap="xs">
        {c.assigneeId !== meId && (
          <Button size="xs" color="red" loading={busy('take')} onClick={() => act.mutate({ path: 'take' })}>
            {t('inbox.actions.take')}
          </Button>
        )}
        {c.status !== 'pending' && c.status !== 'resolved' && (
          <Button
            size="xs"
            variant="light"
            color="yellow"
            loading={busy('pending')}
            onClick={() => act.mutate({ path: 'pending' })}
          >
            {t('inbox.actions.pending')}
          </Button>
        )}
        {c.status !== 'resolved' && (
          <Button
            size="xs"
            variant="light"
            color="green"
            loading={busy('resolve')}
            onClick={() => act.mutate({ path: 'resolve' })}
          >
            {t('inbox.actions.resolve')}
          </Button>
        )}
      </Group>
      <Group gap="xs" grow align="flex-start">
        {canAssign && (
          <NativeSelect
            label={t('inbox.assignTo')}
            size="xs"
            value={c.assigneeId ?? ''}
            disabled={officers.isPending || busy('assign')}
            data={[
              { value: '', label: t('inbox.unassigned') },
              ...(officers.data ?? [])
                .filter((o) => !o.disabled || o.id === c.assigneeId)
                .map((o) => ({ value: o.id, label: o.displayName })),
            ]}
            onChange={(e) => act.mutate({ path: 'assign', body: { officerId: e.currentTarget.value || null } })}
          />
        )}
        <TagsInput
          label={t('inbox.labels')}
          size="xs"
          value={c.labels}
          maxTags={20}
          disabled={busy('labels')}
          onChange={(labels) => act.mutate({ path: 'labels', body: { labels } })}
          clearable
        />
      </Group>
      {act.isError && <ErrorAlert error={act.error} />}
    </Stack>
  );
}
