import { Alert, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../contracts/accounts';
import { api } from '../api';
import { ErrorAlert } from '../components/Feedback';
import { formatDateTime } from '../text';
import { OneTimeLink } from './OneTimeLink';

interface InviteCreated {
  id: string;
  url: string;
  expiresAt: string;
}

export function InviteForm({ unitId, roles, onClose }: { unitId: string; roles: Role[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<string | null>(roles[0] ?? null);
  const [touched, setTouched] = useState(false);
  const create = useMutation({
    mutationFn: (body: { role: string; displayName: string }) =>
      api<InviteCreated>(`/api/v1/console/units/${unitId}/invites`, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['console', 'audit', unitId] });
      void queryClient.invalidateQueries({ queryKey: ['console', 'invites', unitId] });
    },
  });
  const nameError = displayName.trim().length < 2 ? t('officers.nameTooShort') : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (nameError || !role) return;
    create.mutate({ role, displayName: displayName.trim() });
  }

  const url = create.data?.url ?? null;
  return (
    <Card withBorder radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('officers.inviteTitle')}
          </Title>
          <TextInput
            label={t('auth.displayName')}
            name="displayName"
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={touched ? nameError : null}
          />
          <NativeSelect
            label={t('officers.role')}
            name="role"
            data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role ?? ''}
            onChange={(e) => setRole(e.currentTarget.value)}
          />
          {create.isError && <ErrorAlert error={create.error} />}
          {url && create.data && (
            <Alert color="green" variant="light">
              <Stack gap="xs">
                <Text size="sm">
                  {t('officers.inviteCreated', { at: formatDateTime(create.data.expiresAt, i18n.language) })}
                </Text>
                <OneTimeLink url={url} testId="invite-url" />
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('officers.cancel')}
            </Button>
            <Button type="submit" color="red" loading={create.isPending}>
              {t('officers.createInvite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
