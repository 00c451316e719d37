import { Anchor, Button, Collapse, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert } from '../components/Feedback';

interface ResidentMe {
  displayName: string | null;
  phone: string | null;
}

const ME = '/api/v1/public/me';

/** Optional name and phone, so officers know whom they are talking to. */
export function ChatProfile() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const me = useQuery({
    queryKey: ['public', 'me'],
    queryFn: ({ signal }) => api<ResidentMe>(ME, { signal }),
    enabled: open,
  });
  const [name, setName] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: ResidentMe) => api<ResidentMe>(ME, { method: 'PATCH', body }),
    onSuccess: (data) => {
      queryClient.setQueryData(['public', 'me'], data);
      setOpen(false);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      displayName: (name ?? me.data?.displayName ?? '').trim() || null,
      phone: (phone ?? me.data?.phone ?? '').trim() || null,
    });
  }

  return (
    <Stack gap={4}>
      <Group gap={6}>
        <Anchor component="button" type="button" size="xs" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {t('chat.profile.toggle')}
        </Anchor>
        {save.isSuccess && !open && (
          <Text size="xs" c="green.8">
            {t('chat.profile.saved')}
          </Text>
        )}
      </Group>
      <Collapse expanded={open}>
        <form onSubmit={submit} noValidate>
          <Stack gap={6}>
            <Group gap="xs" grow align="flex-start">
              <TextInput
                label={t('chat.profile.name')}
                size="xs"
                maxLength={80}
                autoComplete="name"
                value={name ?? me.data?.displayName ?? ''}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <TextInput
                label={t('chat.profile.phone')}
                size="xs"
                type="tel"
                maxLength={20}
                autoComplete="tel"
                value={phone ?? me.data?.phone ?? ''}
                onChange={(e) => setPhone(e.currentTarget.value)}
              />
            </Group>
            <Text size="xs" c="dimmed">
              {t('chat.profile.hint')}
            </Text>
            {save.isError && <ErrorAlert error={save.error} />}
            <Group gap="xs">
              <Button type="submit" size="compact-sm" color="red" loading={save.isPending}>
                {t('chat.profile.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Collapse>
    </Stack>
  );
}
