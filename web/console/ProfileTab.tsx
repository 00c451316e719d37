import { Alert, Button, Card, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router-dom';
import type { Unit, UnitProfileUpdate } from '../../contracts/units';
import { api } from '../api';
import { ErrorAlert } from '../components/Feedback';
import type { UnitOutletContext } from './session';

const TEXT_FIELDS = ['displayName', 'description', 'address', 'phone', 'hotline', 'openingHours', 'avatarUrl'] as const;
const NUMBER_FIELDS = ['latitude', 'longitude'] as const;
type Field = (typeof TEXT_FIELDS)[number] | (typeof NUMBER_FIELDS)[number];
type Values = Record<Field, string>;

function toValues(unit: Unit): Values {
  const v = {} as Values;
  for (const f of TEXT_FIELDS) v[f] = unit[f] ?? '';
  for (const f of NUMBER_FIELDS) v[f] = unit[f] === null ? '' : String(unit[f]);
  return v;
}

function parseNumber(s: string): number | null | undefined {
  const trimmed = s.trim().replace(',', '.');
  if (!trimmed) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

/** Only the changed fields; an emptied field becomes null. */
function diff(unit: Unit, values: Values): UnitProfileUpdate {
  const patch: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) {
    const next = values[f].trim();
    if (next !== (unit[f] ?? '')) patch[f] = next === '' ? null : next;
  }
  for (const f of NUMBER_FIELDS) {
    const next = parseNumber(values[f]);
    if (next !== undefined && next !== unit[f]) patch[f] = next;
  }
  return patch;
}

export function ProfileTab() {
  const { t } = useTranslation();
  const { unit, permissions } = useOutletContext<UnitOutletContext>();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => toValues(unit));
  const [notice, setNotice] = useState<'saved' | 'noChanges' | null>(null);
  const readOnly = !permissions.canEdit;

  const save = useMutation({
    mutationFn: (patch: UnitProfileUpdate) =>
      api<Unit>(`/api/v1/console/units/${unit.id}`, { method: 'PATCH', body: patch }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['console', 'unit', unit.id], updated);
      setValues(toValues(updated));
      setNotice('saved');
      void queryClient.invalidateQueries({ queryKey: ['console', 'units'] });
      void queryClient.invalidateQueries({ queryKey: ['public'] });
    },
  });

  const badNumber = (f: (typeof NUMBER_FIELDS)[number]) =>
    parseNumber(values[f]) === undefined ? t('profile.invalidNumber') : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    if (readOnly || NUMBER_FIELDS.some((f) => badNumber(f))) return;
    const patch = diff(unit, values);
    if (Object.keys(patch).length === 0) {
      setNotice('noChanges');
      return;
    }
    save.mutate(patch);
  }

  const bind = (f: Field) => ({
    label: t(`profile.${f}`),
    name: f,
    value: values[f],
    disabled: readOnly,
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [f]: value }));
      setNotice(null);
    },
  });

  return (
    <Card withBorder radius="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        {readOnly && (
          <Alert color="gray" variant="light">
            {t('profile.readOnly')}
          </Alert>
        )}
        <TextInput {...bind('displayName')} required />
        <Textarea {...bind('description')} autosize minRows={3} maxRows={10} />
        <TextInput {...bind('address')} autoComplete="street-address" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput {...bind('phone')} type="tel" inputMode="tel" />
          <TextInput {...bind('hotline')} type="tel" inputMode="tel" />
        </SimpleGrid>
        <TextInput {...bind('openingHours')} />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput {...bind('latitude')} inputMode="decimal" error={badNumber('latitude')} />
          <TextInput {...bind('longitude')} inputMode="decimal" error={badNumber('longitude')} />
        </SimpleGrid>
        <TextInput {...bind('avatarUrl')} type="url" placeholder="https://" />
        {save.isError && <ErrorAlert error={save.error} />}
        {notice && (
          <Alert color={notice === 'saved' ? 'green' : 'gray'} role="status" data-testid="profile-notice">
            {t(`profile.${notice}`)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" color="red" loading={save.isPending} disabled={readOnly}>
            {t('profile.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
