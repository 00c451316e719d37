import { Alert, Anchor, Button, Card, Checkbox, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ProcedureContent, ProcedureEntry } from '../../contracts/knowledge';
import { api, isApiError } from '../api';
import { ErrorAlert, Forbidden, Loading } from '../components/Feedback';
import { APP_ICONS, IconText } from '../components/icons';
import { Sources } from '../pages/ProcedureSections';
import { contentOf, useConsoleProcedure } from '../procedures';
import { formatDateTime } from '../text';
import { KbHistory, versionsKey } from './KbHistory';
import { useMe } from './session';

interface Values {
  documents: string;
  where: string;
  processingTime: string;
  deadlines: string;
  notes: string;
  feeSummary: string;
  verified: boolean;
  lastChecked: string;
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function toValues(e: ProcedureEntry): Values {
  return {
    documents: e.documents.join('\n'),
    where: e.where.join('\n'),
    processingTime: e.processingTime,
    deadlines: e.deadlines,
    notes: e.notes,
    feeSummary: e.fee.summary,
    verified: e.verified,
    lastChecked: e.lastChecked,
  };
}

function KbForm(props: { entry: ProcedureEntry; onReload: () => void; onSaved: () => void }) {
  const { entry, onReload } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => toValues(entry));
  const save = useMutation({
    mutationFn: (body: ProcedureContent & { expectedVersion: number }) =>
      api<unknown>(`/api/v1/console/kb/procedures/${encodeURIComponent(entry.id)}`, { method: 'PUT', body }),
    onSuccess: () => {
      props.onSaved();
      void queryClient.invalidateQueries({ queryKey: ['console', 'kb', entry.id] });
      void queryClient.invalidateQueries({ queryKey: ['public', 'procedure', entry.id] });
      void queryClient.invalidateQueries({ queryKey: ['public', 'procedures'] });
      void queryClient.invalidateQueries({ queryKey: versionsKey(entry.id) });
    },
  });
  const conflict = save.isError && isApiError(save.error, 409);

  function submit(e: FormEvent) {
    e.preventDefault();
    const base = contentOf(entry);
    save.mutate({
      ...base,
      documents: lines(values.documents),
      where: lines(values.where),
      processingTime: values.processingTime.trim(),
      deadlines: values.deadlines.trim(),
      notes: values.notes.trim(),
      fee: { ...base.fee, summary: values.feeSummary.trim() },
      verified: values.verified,
      lastChecked: values.lastChecked,
      expectedVersion: entry.version,
    });
  }
  const text = (f: Exclude<keyof Values, 'verified'>, rows = 3) => ({
    label: f === 'feeSummary' ? t('kb.feeSummary') : t(`kb.fields.${f}`),
    name: f,
    value: values[f],
    autosize: true,
    minRows: rows,
    maxRows: 16,
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [f]: value }));
    },
  });

  return (
    <Card withBorder radius="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea {...text('documents', 5)} description={t('kb.onePerLine')} />
        <Textarea {...text('where')} description={t('kb.onePerLine')} />
        <Textarea {...text('processingTime', 2)} />
        <Textarea {...text('deadlines', 2)} />
        <Textarea {...text('feeSummary', 2)} description={t('kb.feeRulesKept')} />
        <Textarea {...text('notes')} description={t('kb.notesInternal')} />
        <Group gap="md" align="flex-end">
          <TextInput
            type="date"
            label={t('kb.fields.lastChecked')}
            name="lastChecked"
            value={values.lastChecked}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, lastChecked: value }));
            }}
          />
          <Checkbox
            color="red"
            label={t('kb.fields.verified')}
            checked={values.verified}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setValues((v) => ({ ...v, verified: checked }));
            }}
            mb={8}
          />
        </Group>
        {conflict && (
          <Alert color="orange" role="alert" data-testid="kb-conflict">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('kb.conflict')}</Text>
              <Button size="xs" variant="white" color="orange" onClick={onReload}>
                {t('kb.reload')}
              </Button>
            </Stack>
          </Alert>
        )}
        {save.isError && !conflict && <ErrorAlert error={save.error} />}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('kb.versionInfo', { version: entry.version, by: entry.updatedBy ?? '—' })}
          </Text>
          <Button type="submit" color="red" loading={save.isPending}>
            {t('kb.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** /console/kb/:id (admins): edit a shared procedure entry and see its history. */
export function KbEditPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const entry = useConsoleProcedure(id);
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);
  const isAdmin = me.data?.roles.some((r) => r.role === 'admin') ?? false;

  if (me.isPending) return <Loading />;
  if (!isAdmin) return <Forbidden />;
  if (entry.isError) {
    if (isApiError(entry.error, 403, 404, 400)) return <Forbidden />;
    return <ErrorAlert error={entry.error} onRetry={() => void entry.refetch()} />;
  }
  if (entry.isPending) return <Loading />;

  return (
    <Stack gap="md" maw={960} mx="auto">
      <Anchor
        component="button"
        type="button"
        size="sm"
        onClick={() => void navigate(-1)}
        style={{ alignSelf: 'flex-start' }}
      >
        <IconText icon={APP_ICONS.back}>{t('kb.back')}</IconText>
      </Anchor>
      <Stack gap={2}>
        <Title order={1} size="h2">
          {entry.data.nameVi}
        </Title>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {t('kb.editTitle')} · {formatDateTime(entry.data.updatedAt, i18n.language)}
          </Text>
          <Anchor component={Link} to={`/thu-tuc/${encodeURIComponent(id)}`} size="sm">
            {t('kb.viewPublic')}
          </Anchor>
        </Group>
      </Stack>
      {saved && (
        <Alert color="green" role="status" data-testid="kb-saved" withCloseButton onClose={() => setSaved(false)}>
          {t('kb.saved')}
        </Alert>
      )}
      <KbForm
        key={entry.data.version}
        entry={entry.data}
        onReload={() => {
          setSaved(false);
          void entry.refetch();
        }}
        onSaved={() => setSaved(true)}
      />
      <Card withBorder radius="md">
        <Text size="xs" c="dimmed" mb={4}>
          {t('kb.sourcesInternal')}
        </Text>
        <Sources sources={entry.data.sources} />
      </Card>
      <KbHistory id={id} />
    </Stack>
  );
}
