import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REJECT_KINDS, type ConsoleTip, type RejectKind, type TipTransitionInput } from '../../../contracts/tips';
import { ACCOUNT_KINDS } from '../../../contracts/units';
import { ErrorAlert } from '../../components/Feedback';
import { useConsoleUnits } from '../session';
import type { TipButton } from './tip-actions';
import { useReveal } from './tipsApi';

interface DialogProps {
  opened: boolean;
  busy: boolean;
  error: unknown;
  onClose: () => void;
}

function Actions(props: { busy: boolean; confirm: string; onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={props.onClose}>
        {t('tipDesk.cancel')}
      </Button>
      <Button color="red" loading={props.busy} onClick={props.onConfirm} data-testid="tip-dialog-confirm">
        {props.confirm}
      </Button>
    </Group>
  );
}

/** A required text field: trimmed, with the "required" message once a confirm was tried empty. */
function useRequired() {
  const [value, setValue] = useState('');
  const [tried, setTried] = useState(false);
  return {
    value: value.trim(),
    field: { value, onChange: (e: { currentTarget: { value: string } }) => setValue(e.currentTarget.value) },
    missing: tried && !value.trim(),
    check: () => {
      setTried(true);
      return value.trim() !== '';
    },
  };
}

/** One workflow step: a note for acknowledging or checking, the outcome for settling, where a transfer goes, why a rejection. */
export function StepModal(
  props: DialogProps & {
    tip: ConsoleTip;
    step: Exclude<TipButton, 'merge'>;
    onConfirm: (input: TipTransitionInput) => void;
  },
) {
  const { t } = useTranslation();
  const units = useConsoleUnits(props.step === 'transfer');
  const [note, setNote] = useState('');
  const main = useRequired();
  const [where, setWhere] = useState<'here' | 'outside'>('here');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [kind, setKind] = useState<RejectKind>('spam');
  const [unitMissing, setUnitMissing] = useState(false);
  const required = t('tipDesk.required');
  const others = (units.data ?? []).filter(
    (u) => u.id !== props.tip.unitId && (ACCOUNT_KINDS as readonly string[]).includes(u.kind),
  );
  const optionalNote = note.trim() ? { note: note.trim() } : {};

  const confirm = () => {
    switch (props.step) {
      case 'acknowledge':
        return props.onConfirm({ to: 'acknowledged', ...optionalNote });
      case 'verify':
        return props.onConfirm({ to: 'verifying', ...optionalNote });
      case 'handle':
        if (main.check()) props.onConfirm({ to: 'handled', outcome: main.value, ...optionalNote });
        return;
      case 'transfer':
        if (where === 'here') {
          setUnitMissing(!unitId);
          if (unitId) props.onConfirm({ to: 'transferred', unitId, ...optionalNote });
        } else if (main.check()) props.onConfirm({ to: 'transferred', bodyName: main.value, ...optionalNote });
        return;
      case 'reject':
        if (main.check()) props.onConfirm({ to: 'rejected', rejectKind: kind, reason: main.value });
        return;
    }
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t(`tipDesk.buttons.${props.step}`)}>
      <Stack gap="md" data-testid={`tip-dialog-${props.step}`}>
        {props.step === 'handle' && (
          <Textarea
            label={t('tipDesk.outcome')}
            description={t('tipDesk.outcomeHint')}
            {...main.field}
            error={main.missing ? required : null}
            maxLength={2000}
            autosize
            minRows={3}
            data-autofocus
          />
        )}
        {props.step === 'transfer' && (
          <>
            <SegmentedControl
              value={where}
              onChange={(v) => setWhere(v === 'outside' ? 'outside' : 'here')}
              data={[
                { value: 'here', label: t('tipDesk.transfer.here') },
                { value: 'outside', label: t('tipDesk.transfer.outside') },
              ]}
            />
            {where === 'here' ? (
              <Select
                label={t('tipDesk.transfer.unit')}
                data={others.map((u) => ({ value: u.id, label: u.displayName }))}
                value={unitId}
                onChange={setUnitId}
                searchable
                nothingFoundMessage={t('tipDesk.transfer.noUnits')}
                error={unitMissing ? required : null}
              />
            ) : (
              <TextInput
                label={t('tipDesk.transfer.body')}
                placeholder={t('tipDesk.transfer.bodyPlaceholder')}
                {...main.field}
                error={main.missing ? required : null}
                maxLength={200}
              />
            )}
          </>
        )}
        {props.step === 'reject' && (
          <>
            <Select
              label={t('tipDesk.reject.kind')}
              data={REJECT_KINDS.map((k) => ({ value: k, label: t(`tipDesk.reject.kinds.${k}`) }))}
              value={kind}
              onChange={(v) => v && setKind(v)}
              allowDeselect={false}
            />
            <Textarea
              label={t('tipDesk.reason')}
              {...main.field}
              error={main.missing ? required : null}
              maxLength={1000}
              autosize
              minRows={2}
            />
          </>
        )}
        {props.step !== 'reject' && (
          <Textarea
            label={t('tipDesk.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={1000}
            autosize
            minRows={1}
            data-autofocus={props.step === 'acknowledge' || props.step === 'verify' || undefined}
          />
        )}
        {props.error !== null && <ErrorAlert error={props.error} />}
        <Actions
          busy={props.busy}
          confirm={t(`tipDesk.buttons.${props.step}`)}
          onConfirm={confirm}
          onClose={props.onClose}
        />
      </Stack>
    </Modal>
  );
}

/** Merging a duplicate into the tip it repeats (by receipt code among the listed tips, or by id), with a reason. */
export function MergeModal(
  props: DialogProps & {
    resolve: (codeOrId: string) => string;
    onConfirm: (intoTipId: string, reason: string) => void;
  },
) {
  const { t } = useTranslation();
  const target = useRequired();
  const reason = useRequired();
  const confirm = () => {
    const ok = [target.check(), reason.check()].every(Boolean);
    if (ok) props.onConfirm(props.resolve(target.value), reason.value);
  };
  const required = t('tipDesk.required');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('tipDesk.buttons.merge')}>
      <Stack gap="md" data-testid="tip-dialog-merge">
        <Text size="sm">{t('tipDesk.merge.hint')}</Text>
        <TextInput
          label={t('tipDesk.merge.target')}
          placeholder="TB-XXXXXXXX"
          {...target.field}
          error={target.missing ? required : null}
          maxLength={64}
          data-autofocus
        />
        <Textarea
          label={t('tipDesk.reason')}
          {...reason.field}
          error={reason.missing ? required : null}
          maxLength={1000}
          autosize
          minRows={2}
        />
        {props.error !== null && <ErrorAlert error={props.error} />}
        <Actions busy={props.busy} confirm={t('tipDesk.buttons.merge')} onConfirm={confirm} onClose={props.onClose} />
      </Stack>
    </Modal>
  );
}

/** Opening the identity vault: a written reason first (audited, listed on the tip); the name and phone shown once. */
export function RevealModal(props: { unitId: string; tipId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const reveal = useReveal(props.unitId, props.tipId);
  const reason = useRequired();
  const close = () => {
    reveal.reset();
    props.onClose();
  };
  const who = reveal.data;
  return (
    <Modal opened={props.opened} onClose={close} title={t('tipDesk.reveal.title')}>
      <Stack gap="md" data-testid="tip-reveal-dialog">
        {who ? (
          <>
            <Alert
              color="indigo"
              variant="light"
              title={t('tipDesk.reveal.shownOnce')}
              data-testid="tip-identity-shown"
            >
              <Text size="sm">
                {t('tipDesk.reveal.name')}: {who.name ?? '—'}
              </Text>
              <Text size="sm">
                {t('tipDesk.reveal.phone')}: {who.phone ?? '—'}
              </Text>
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('tipDesk.close')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm">{t('tipDesk.reveal.hint')}</Text>
            <Textarea
              label={t('tipDesk.reveal.reason')}
              {...reason.field}
              error={reason.missing ? t('tipDesk.required') : null}
              maxLength={500}
              autosize
              minRows={2}
              data-autofocus
              data-testid="tip-reveal-reason"
            />
            {reveal.isError && <ErrorAlert error={reveal.error} />}
            <Actions
              busy={reveal.isPending}
              confirm={t('tipDesk.reveal.confirm')}
              onConfirm={() => reason.check() && reveal.mutate(reason.value)}
              onClose={close}
            />
          </>
        )}
      </Stack>
    </Modal>
  );
}
