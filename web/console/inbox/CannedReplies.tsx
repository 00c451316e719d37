import { Button, Group, Menu, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { EmptyState, ErrorAlert } from '../../components/Feedback';
import { useCannedReplies, type CannedReply } from './inboxApi';

function CannedManager({ unitId, items }: { unitId: string; items: CannedReply[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const path = `/api/v1/console/units/${unitId}/canned-replies`;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['console', 'canned-replies', unitId] });
  const add = useMutation({
    mutationFn: () => api<CannedReply>(path, { method: 'POST', body: { title: title.trim(), text: text.trim() } }),
    onSuccess: () => {
      setTitle('');
      setText('');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<unknown>(`${path}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: refresh,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (title.trim() && text.trim()) add.mutate();
  }

  return (
    <Stack gap="sm">
      {items.length === 0 && <EmptyState>{t('inbox.canned.empty')}</EmptyState>}
      {items.map((r) => (
        <Group key={r.id} justify="space-between" wrap="nowrap" align="flex-start" data-testid="canned-reply">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" fw={600}>
              {r.title}
            </Text>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {r.text}
            </Text>
          </Stack>
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            loading={remove.isPending && remove.variables === r.id}
            onClick={() => remove.mutate(r.id)}
          >
            {t('inbox.canned.delete')}
          </Button>
        </Group>
      ))}
      {remove.isError && <ErrorAlert error={remove.error} />}
      <form onSubmit={submit} noValidate>
        <Stack gap={6}>
          <TextInput
            label={t('inbox.canned.title')}
            size="xs"
            maxLength={80}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label={t('inbox.canned.text')}
            size="xs"
            autosize
            minRows={2}
            maxRows={6}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          {add.isError && <ErrorAlert error={add.error} />}
          <Group>
            <Button
              type="submit"
              size="xs"
              color="red"
              loading={add.isPending}
              disabled={!title.trim() || !text.trim()}
            >
              {t('inbox.canned.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** "Mẫu trả lời": pick a unit's canned reply into the reply box, or manage them. */
export function CannedReplies({ unitId, onPick }: { unitId: string; onPick: (text: string) => void }) {
  const { t } = useTranslation();
  const replies = useCannedReplies(unitId);
  const [managing, setManaging] = useState(false);
  const items = replies.data ?? [];
  return (
    <>
      <Menu position="top-start" withinPortal>
        <Menu.Target>
          <Button size="compact-sm" variant="default">
            {t('inbox.canned.pick')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown maw={320}>
          {items.map((r) => (
            <Menu.Item key={r.id} onClick={() => onPick(r.text)}>
              {r.title}
            </Menu.Item>
          ))}
          {items.length === 0 && <Menu.Label>{t('inbox.canned.empty')}</Menu.Label>}
          <Menu.Divider />
          <Menu.Item onClick={() => setManaging(true)}>{t('inbox.canned.manage')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={managing} onClose={() => setManaging(false)} title={t('inbox.canned.manage')}>
        <CannedManager unitId={unitId} items={items} />
      </Modal>
    </>
  );
}
