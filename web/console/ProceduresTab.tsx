import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext } from 'react-router-dom';
import { api, isApiError } from '../api';
import { EmptyState, ErrorAlert, Forbidden, Loading } from '../components/Feedback';
import { procedureName, useProcedures, type ProcedureNote, type ProcedureSummary } from '../procedures';
import { formatDateTime, formatIsoDate } from '../text';
import type { UnitOutletContext } from './session';

const MAX_NOTE = 2000;

function NoteEditor({ unitId, procedureId, note }: { unitId: string; procedureId: string; note: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(note);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (next: string) =>
      api<unknown>(`/api/v1/console/units/${unitId}/procedure-notes/${encodeURIComponent(procedureId)}`, {
        method: 'PUT',
        body: { note: next },
      }),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: ['console', 'procedure-notes', unitId] });
      void queryClient.invalidateQueries({ queryKey: ['public', 'procedure', procedureId] });
    },
  });
  return (
    <Stack gap="xs">
      <Textarea
        label={t('kb.note')}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={MAX_NOTE}
        value={value}
        onChange={(e) => {
          setValue(e.currentTarget.value);
          setSaved(false);
        }}
      />
      {save.isError && <ErrorAlert error={save.error} />}
      <Group justify="flex-end" gap="xs">
        {saved && (
          <Text size="sm" c="green.8" role="status" data-testid="note-saved">
            {t('kb.noteSaved')}
          </Text>
        )}
        <Button
          size="xs"
          color="red"
          loading={save.isPending}
          disabled={value.trim() === note.trim()}
          onClick={() => save.mutate(value.trim())}
        >
          {t('kb.saveNote')}
        </Button>
      </Group>
    </Stack>
  );
}

function ProcedureRow(props: {
  p: ProcedureSummary;
  note: ProcedureNote | undefined;
  unitId: string;
  ctx: UnitOutletContext;
}) {
  const { t, i18n } = useTranslation();
  const { p, note, ctx } = props;
  return (
    <Card withBorder radius="md" data-testid="procedure-row">
      <Stack gap="xs">
        <Stack gap={2}>
          <Text fw={700}>{procedureName(p, i18n.language)}</Text>
          <Group gap="xs">
            {!p.verified && (
              <Badge color="yellow" variant="light" size="sm">
                {t('guide.unverified')}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {t('guide.updated', { date: formatIsoDate(p.lastChecked) })}
            </Text>
            <Anchor
              component={Link}
              to={`/thu-tuc/${encodeURIComponent(p.id)}?don-vi=${encodeURIComponent(ctx.unit.slug)}`}
              size="xs"
            >
              {t('kb.viewPublic')}
            </Anchor>
            {ctx.permissions.isAdmin && (
              <Anchor
                component={Link}
                to={`/console/kb/${encodeURIComponent(p.id)}`}
                size="xs"
                fw={600}
                data-testid="kb-edit-link"
              >
                {t('kb.editShared')}
              </Anchor>
            )}
          </Group>
        </Stack>
        {ctx.permissions.canEdit ? (
          <NoteEditor unitId={props.unitId} procedureId={p.id} note={note?.note ?? ''} />
        ) : (
          <Stack gap={0}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('kb.note')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }} c={note?.note ? undefined : 'dimmed'}>
              {note?.note || t('kb.noNote')}
            </Text>
          </Stack>
        )}
        {note?.updatedAt && (
          <Text size="xs" c="dimmed">
            {t('kb.noteUpdated', { at: formatDateTime(note.updatedAt, i18n.language), by: note.updatedBy ?? '—' })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The unit's "Thủ tục" tab: the shared guide entries with the unit's own note on each. */
export function ProceduresTab() {
  const { t } = useTranslation();
  const ctx = useOutletContext<UnitOutletContext>();
  const unitId = ctx.unit.id;
  const procedures = useProcedures();
  const notes = useQuery({
    queryKey: ['console', 'procedure-notes', unitId],
    queryFn: ({ signal }) =>
      api<{ items: ProcedureNote[] }>(`/api/v1/console/units/${unitId}/procedure-notes`, { signal }).then(
        (r) => r.items,
      ),
    retry: (count, err) => !isApiError(err, 401, 403, 404) && count < 2,
  });

  if (notes.isError && isApiError(notes.error, 403, 404)) return <Forbidden />;
  if (procedures.isPending || notes.isPending) return <Loading />;
  if (procedures.isError) return <ErrorAlert error={procedures.error} onRetry={() => void procedures.refetch()} />;
  if (notes.isError) return <ErrorAlert error={notes.error} onRetry={() => void notes.refetch()} />;
  const byId = new Map(notes.data.map((n) => [n.procedureId, n]));
  const items = [...procedures.data].sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi'));

  return (
    <Stack gap="sm">
      <Alert color="gray" variant="light">
        {ctx.permissions.canEdit ? t('kb.tabHint') : t('kb.readOnly')}
      </Alert>
      {items.length === 0 && <EmptyState>{t('guide.empty')}</EmptyState>}
      {items.map((p) => (
        <ProcedureRow key={p.id} p={p} note={byId.get(p.id)} unitId={unitId} ctx={ctx} />
      ))}
    </Stack>
  );
}
