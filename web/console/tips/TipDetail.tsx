import { Alert, Anchor, Badge, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconLock, IconUserShield } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { TIP_MESSAGE_MAX, TIP_PRIORITIES, type ConsoleTip, type ConsoleTipSummary } from '../../../contracts/tips';
import { isApiError } from '../../api';
import { ErrorAlert, Forbidden, Loading } from '../../components/Feedback';
import { InlineIcon } from '../../components/icons';
import { formatDateTime } from '../../text';
import { canRevealIdentity, canWork, tipButtons, type TipButton, type TipRights } from './tip-actions';
import { TipAttachments } from './TipAttachments';
import { TipBadges } from './TipBadges';
import { TipPdfLink } from './TipPdfLink';
import { TipPlace } from './TipPlace';
import { MergeModal, RevealModal, StepModal } from './TipDialogs';
import { useTip, useTipAction } from './tipsApi';

const BUTTON_STYLE: Record<TipButton, { variant: string; color: string }> = {
  acknowledge: { variant: 'filled', color: 'red' },
  verify: { variant: 'filled', color: 'grape' },
  handle: { variant: 'filled', color: 'green' },
  transfer: { variant: 'default', color: 'gray' },
  reject: { variant: 'light', color: 'orange' },
  merge: { variant: 'light', color: 'gray' },
};

function Meta({ tip }: { tip: ConsoleTip }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  const rows: [string, string][] = [[t('tipDesk.receivedAt'), date(tip.createdAt)]];
  if (tip.occurredAt) rows.push([t('tipDesk.occurredAt'), date(tip.occurredAt)]);
  if (tip.dueAt) rows.push([t('tipDesk.due'), date(tip.dueAt)]);
  if (tip.escalatedAt) rows.push([t('tipDesk.escalatedAt'), date(tip.escalatedAt)]);
  return (
    <Stack gap={2}>
      {rows.map(([label, value]) => (
        <Text key={label} size="sm">
          <Text span c="dimmed" inherit>
            {label}:
          </Text>{' '}
          {value}
        </Text>
      ))}
      <TipPlace place={tip.place} />
    </Stack>
  );
}

/** The reporter's thread (what they read by receipt code) or the unit's internal notes, with a box to add one. */
function Thread(props: {
  tip: ConsoleTip;
  kind: 'message' | 'note';
  canWrite: boolean;
  send: (text: string, done: () => void) => void;
  busy: boolean;
  error: unknown;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const items =
    props.kind === 'message'
      ? props.tip.messages.map((m) => ({
          who: m.author === 'resident' ? t('tipDesk.reporter') : (m.officerName ?? t('tipDesk.officer')),
          resident: m.author === 'resident',
          text: m.text,
          at: m.createdAt,
          attachments: m.attachments,
        }))
      : props.tip.notes.map((n) => ({
          who: n.officerName ?? '—',
          resident: false,
          text: n.text,
          at: n.createdAt,
          attachments: [],
        }));
  const note = props.kind === 'note';
  return (
    <Card withBorder radius="md" bg={note ? 'yellow.0' : undefined} data-testid={`tip-${props.kind}s`}>
      <Stack gap="sm">
        <Group gap={6}>
          {note && <InlineIcon icon={IconLock} />}
          <Title order={3} size="h5">
            {note ? t('tipDesk.notes.title') : t('tipDesk.messages.title')}
          </Title>
        </Group>
        {note && (
          <Text size="xs" c="orange.9" fw={600}>
            {t('tipDesk.notes.hint')}
          </Text>
        )}
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {note ? t('tipDesk.notes.empty') : t('tipDesk.messages.empty')}
          </Text>
        )}
        {items.map((m, i) => (
          <Stack key={i} gap={0} pl={m.resident ? 0 : 'md'}>
            <Text size="xs" c="dimmed">
              {m.who} · {formatDateTime(m.at, i18n.language)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {m.text}
            </Text>
            <TipAttachments attachments={m.attachments} />
          </Stack>
        ))}
        {props.canWrite && (
          <Stack gap="xs">
            <Textarea
              aria-label={note ? t('tipDesk.notes.placeholder') : t('tipDesk.messages.placeholder')}
              placeholder={note ? t('tipDesk.notes.placeholder') : t('tipDesk.messages.placeholder')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={TIP_MESSAGE_MAX}
              autosize
              minRows={2}
              data-testid={`tip-${props.kind}-input`}
            />
            {props.error !== null && <ErrorAlert error={props.error} />}
            <Group justify="flex-end">
              <Button
                size="xs"
                color={note ? 'yellow' : 'red'}
                variant={note ? 'light' : 'filled'}
                loading={props.busy}
                disabled={!text.trim()}
                onClick={() => props.send(text.trim(), () => setText(''))}
                data-testid={`tip-${props.kind}-send`}
              >
                {note ? t('tipDesk.notes.send') : t('tipDesk.messages.send')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function Identity(props: { tip: ConsoleTip; unitId: string; canReveal: boolean }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!props.tip.identityLeft) return null;
  return (
    <Card withBorder radius="md" data-testid="tip-identity-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap={6}>
            <InlineIcon icon={IconUserShield} />
            <Text size="sm" fw={600}>
              {t('tipDesk.identityLeft')}
            </Text>
          </Group>
          {props.canReveal && (
            <Button size="xs" variant="light" color="indigo" onClick={() => setOpen(true)} data-testid="tip-reveal">
              {t('tipDesk.reveal.button')}
            </Button>
          )}
        </Group>
        {props.tip.reveals.length > 0 && (
          <Stack gap={2} data-testid="tip-reveals">
            <Text size="xs" c="dimmed">
              {t('tipDesk.reveal.list')}
            </Text>
            {props.tip.reveals.map((r, i) => (
              <Text key={i} size="sm">
                {r.by} · {formatDateTime(r.at, i18n.language)} — {r.reason}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
      {open && <RevealModal unitId={props.unitId} tipId={props.tip.id} opened onClose={() => setOpen(false)} />}
    </Card>
  );
}

function History({ tip }: { tip: ConsoleTip }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder radius="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('tipDesk.history')}
        </Title>
        {tip.history.map((h, i) => (
          <Text key={i} size="sm" data-testid="tip-history-entry">
            <Text span c="dimmed" inherit>
              {formatDateTime(h.at, i18n.language)}
            </Text>{' '}
            {t(`tipDesk.actions.${h.action}`, { defaultValue: h.action })}
            {h.actorName && ` · ${h.actorName}`}
            {h.note && ` — ${h.note}`}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

/** One tip in the console: what was reported, where it is in the workflow, and what this officer may do next. */
export function TipDetail(props: { id: string; unitId: string; rights: TipRights; backHref: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tip = useTip(props.id);
  const action = useTipAction(props.unitId, props.id);
  const [dialog, setDialog] = useState<TipButton | null>(null);
  const [pending, setPending] = useState<'message' | 'note' | 'step' | 'priority' | null>(null);

  const back = (
    <Anchor component={Link} to={props.backHref} size="sm" hiddenFrom="md">
      ← {t('tipDesk.backToList')}
    </Anchor>
  );
  if (tip.isPending) return <Loading />;
  if (tip.isError)
    return (
      <Stack gap="sm">
        {back}
        {isApiError(tip.error, 403, 404) ? (
          <Forbidden />
        ) : (
          <ErrorAlert error={tip.error} onRetry={() => void tip.refetch()} />
        )}
      </Stack>
    );
  const p = tip.data;
  const buttons = tipButtons(p, props.rights);
  const work = canWork(p, props.rights);
  const errorOf = (kind: typeof pending) => (pending === kind && action.isError ? action.error : null);
  const close = () => setDialog(null);
  const run = (kind: NonNullable<typeof pending>, a: Parameters<typeof action.mutate>[0], done?: () => void) => {
    setPending(kind);
    action.mutate(a, { onSuccess: () => done?.() });
  };
  // A receipt code typed for merging: the listed tip with that code, or else taken as an id.
  const resolve = (codeOrId: string) => {
    const code = codeOrId.toUpperCase();
    const lists = queryClient.getQueriesData<{ pages: { items: ConsoleTipSummary[] }[] }>({
      queryKey: ['console', 'tips', props.unitId],
    });
    for (const [, data] of lists)
      for (const page of data?.pages ?? []) {
        const hit = page.items.find((i) => i.receiptCode === code);
        if (hit) return hit.id;
      }
    return codeOrId;
  };

  return (
    <Stack gap="md" data-testid="tip-detail">
      {back}
      <Card withBorder radius="md">
        <Stack gap="sm">
          <TipBadges tip={p} />
          <Title order={2} size="h4" ff="monospace" data-testid="tip-receipt">
            {p.receiptCode}
          </Title>
          <TipPdfLink id={p.id} />
          <Meta tip={p} />
          <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }} data-testid="tip-description">
            {p.description}
          </Text>
          <TipAttachments attachments={p.attachments} />
          {p.status === 'handled' && p.outcome && (
            <Alert color="green" variant="light" title={t('tipDesk.outcome')}>
              {p.outcome}
            </Alert>
          )}
          {p.status === 'transferred' && p.transferredTo && (
            <Alert color="gray" variant="light" title={t('tipDesk.transferredTo')}>
              {p.transferredTo}
            </Alert>
          )}
          {p.status === 'rejected' && (
            <Alert color="orange" variant="light" title={p.rejectKind ? t(`tipDesk.reject.kinds.${p.rejectKind}`) : ''}>
              {p.rejectReason}
            </Alert>
          )}
          {p.relatedTipIds.length > 0 && (
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('tipDesk.related')}:
              </Text>
              {p.relatedTipIds.map((id) => (
                <Anchor key={id} component={Link} to={`/console/units/${props.unitId}/tips/${id}`} size="sm">
                  <Badge variant="outline" color="gray">
                    {id.slice(0, 8)}
                  </Badge>
                </Anchor>
              ))}
            </Group>
          )}
          {errorOf('step') !== null && !dialog && <ErrorAlert error={errorOf('step')} />}
          {buttons.length > 0 && (
            <Group gap="xs" data-testid="tip-buttons">
              {buttons.map((b) => (
                <Button
                  key={b}
                  {...BUTTON_STYLE[b]}
                  onClick={() => {
                    action.reset();
                    setDialog(b);
                  }}
                  data-testid={`tip-${b}`}
                >
                  {t(`tipDesk.buttons.${b}`)}
                </Button>
              ))}
            </Group>
          )}
          {work.priority && (
            <Group gap="xs" align="flex-end">
              <Select
                label={t('tipDesk.priorityLabel')}
                data={TIP_PRIORITIES.map((v) => ({ value: v, label: t(`tipDesk.priority.${v}`) }))}
                value={p.priority}
                onChange={(v) => v && v !== p.priority && run('priority', { kind: 'priority', priority: v })}
                allowDeselect={false}
                w={180}
                data-testid="tip-priority-select"
              />
            </Group>
          )}
          {errorOf('priority') !== null && <ErrorAlert error={errorOf('priority')} />}
        </Stack>
      </Card>
      <Identity tip={p} unitId={props.unitId} canReveal={canRevealIdentity(p, props.rights)} />
      <Thread
        tip={p}
        kind="message"
        canWrite={work.write}
        busy={pending === 'message' && action.isPending}
        error={errorOf('message')}
        send={(text, done) => run('message', { kind: 'message', text }, done)}
      />
      <Thread
        tip={p}
        kind="note"
        canWrite={work.write}
        busy={pending === 'note' && action.isPending}
        error={errorOf('note')}
        send={(text, done) => run('note', { kind: 'note', text }, done)}
      />
      <History tip={p} />
      {dialog && dialog !== 'merge' && (
        <StepModal
          tip={p}
          step={dialog}
          opened
          busy={action.isPending}
          error={errorOf('step')}
          onConfirm={(input) => run('step', { kind: 'transition', input }, close)}
          onClose={close}
        />
      )}
      {dialog === 'merge' && (
        <MergeModal
          opened
          busy={action.isPending}
          error={errorOf('step')}
          resolve={resolve}
          onConfirm={(intoTipId, reason) => run('step', { kind: 'merge', intoTipId, reason }, close)}
          onClose={close}
        />
      )}
    </Stack>
  );
}
