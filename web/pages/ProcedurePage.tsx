import { Alert, Anchor, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { Unit } from '../../contracts/units';
import { api, isApiError } from '../api';
import { ErrorAlert, Loading, NotUpdated } from '../components/Feedback';
import { APP_ICONS, IconText } from '../components/icons';
import { LinkedText } from '../components/LinkedText';
import { PublicLayout } from '../components/PublicLayout';
import { Section } from '../components/Section';
import { procedureName, unitNoteText, useProcedure, type ProcedureDetail } from '../procedures';
import { formatIsoDate } from '../text';
import { Checklist, FeeToday, Online, Sources, TextList, UnitWhere } from './ProcedureSections';
import '../print.css';

function Paragraph({ title, text, testId }: { title: string; text: string; testId?: string }) {
  return (
    <Section title={title} testId={testId}>
      {text.trim() ? <LinkedText size="sm">{text}</LinkedText> : <NotUpdated />}
    </Section>
  );
}

function Guide({ entry, unit }: { entry: ProcedureDetail; unit: Unit | undefined }) {
  const { t, i18n } = useTranslation();
  const name = procedureName(entry, i18n.language);
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1} size="h2" c="red.9">
          {name}
        </Title>
        {name !== entry.nameVi && <Text c="dimmed">{entry.nameVi}</Text>}
        <Group gap="xs">
          {!entry.verified && (
            <Badge color="yellow" variant="light">
              {t('guide.unverified')}
            </Badge>
          )}
          <Text size="sm" c="dimmed" data-testid="last-checked">
            {t('guide.updated', { date: formatIsoDate(entry.lastChecked) })}
          </Text>
        </Group>
      </Stack>
      {!entry.verified && (
        <Alert color="yellow" variant="light" data-testid="unverified-caveat">
          {t('guide.unverifiedCaveat')}
        </Alert>
      )}
      {entry.audience.trim() && <Paragraph title={t('guide.audience')} text={entry.audience} />}
      <Checklist documents={entry.documents} />
      {unit && <UnitWhere unit={unit} note={unitNoteText(entry.unitNote)} />}
      <Section title={t('guide.where')}>
        <TextList items={entry.where} />
      </Section>
      <FeeToday entry={entry} />
      <Paragraph title={t('guide.processingTime')} text={entry.processingTime} />
      {entry.deadlines.trim() && <Paragraph title={t('guide.deadlines')} text={entry.deadlines} />}
      {entry.forms.length > 0 && (
        <Section title={t('guide.forms')}>
          <List size="sm" spacing={4}>
            {entry.forms.map((f, i) => (
              <List.Item key={i}>
                {f.code && <b>{f.code}</b>}
                {f.code && f.name ? ' — ' : ''}
                {f.name}
              </List.Item>
            ))}
          </List>
        </Section>
      )}
      <Online online={entry.online} />
      {entry.notes.trim() && <Paragraph title={t('guide.notes')} text={entry.notes} />}
      {entry.legalBasis.length > 0 && (
        <Section title={t('guide.legalBasis')}>
          <TextList items={entry.legalBasis} />
        </Section>
      )}
      <Sources sources={entry.sources} />
      <Text size="xs" c="dimmed">
        {t('guide.disclaimer')}
      </Text>
    </Stack>
  );
}

/** /thu-tuc/:id[?don-vi=SLUG]: one procedure, with the unit's note and address when a unit is given. */
export function ProcedurePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const unitSlug = params.get('don-vi');
  const entry = useProcedure(id, unitSlug);
  const unit = useQuery({
    queryKey: ['public', 'unit', unitSlug],
    queryFn: ({ signal }) => api<Unit>(`/api/v1/public/units/${encodeURIComponent(unitSlug ?? '')}`, { signal }),
    enabled: Boolean(unitSlug),
    retry: (count, err) => !isApiError(err, 404, 400) && count < 2,
  });
  const listLink = `/thu-tuc${unitSlug ? `?don-vi=${encodeURIComponent(unitSlug)}` : ''}`;

  return (
    <PublicLayout>
      {entry.isPending && <Loading />}
      {entry.isError &&
        (isApiError(entry.error, 404, 400) ? (
          <Alert color="orange" title={t('guide.notFoundTitle')} data-testid="not-found">
            {t('guide.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={entry.error} onRetry={() => void entry.refetch()} />
        ))}
      {entry.data && <Guide entry={entry.data} unit={unit.data} />}
      <Group mt="md" gap="md" data-no-print>
        <Anchor component={Link} to={listLink} size="sm">
          <IconText icon={APP_ICONS.back}>{t('guide.backToList')}</IconText>
        </Anchor>
        {unitSlug && (
          <Anchor component={Link} to={`/u/${encodeURIComponent(unitSlug)}`} size="sm">
            {t('guide.backToUnit')}
          </Anchor>
        )}
      </Group>
    </PublicLayout>
  );
}
