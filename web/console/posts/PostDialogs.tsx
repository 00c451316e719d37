import { Button, Group, Modal, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REASON, type ConsolePost } from '../../broadcasts/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../text';
import { useRecipients } from './postsApi';

function Figure({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <Stack gap={0} align="center">
      <Text fw={800} size="xl" data-testid={testId}>
        {value.toLocaleString('vi-VN')}
      </Text>
      <Text size="xs" c="dimmed" ta="center">
        {label}
      </Text>
    </Stack>
  );
}

/** Approving shows first who will receive the post, in total and per channel. */
export function ApproveModal(props: {
  post: ConsolePost;
  opened: boolean;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const recipients = useRecipients(props.post.id, props.opened);
  const scheduled = props.post.publishAt && new Date(props.post.publishAt).getTime() > Date.now();
  const r = recipients.data;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('posts.approve.title')}>
      <Stack gap="md" data-testid="recipients-preview">
        <Text size="sm">
          {scheduled && props.post.publishAt
            ? t('posts.approve.scheduled', { at: formatDateTime(props.post.publishAt, i18n.language) })
            : t('posts.approve.now')}
        </Text>
        {recipients.isPending && <Loading />}
        {recipients.isError && <ErrorAlert error={recipients.error} onRetry={() => void recipients.refetch()} />}
        {r && (
          <>
            <SimpleGrid cols={3} spacing="xs">
              <Figure label={t('posts.approve.total')} value={r.total} testId="recipients-total" />
              <Figure label={t('posts.approve.followers')} value={r.followers} />
              <Figure label={t('posts.approve.groupMembers')} value={r.groupMembers} />
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              {t('posts.approve.byChannel', r.byChannel)}
            </Text>
          </>
        )}
        {props.error !== null && <ErrorAlert error={props.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('posts.form.cancel')}
          </Button>
          <Button color="red" loading={props.busy} onClick={props.onConfirm}>
            {scheduled ? t('posts.approve.confirmScheduled') : t('posts.approve.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Rejecting or retracting needs a reason, closing an alert a note: the author, or the residents, read it. */
export function ReasonModal(props: {
  kind: 'reject' | 'retract' | 'close';
  opened: boolean;
  busy: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const confirm = () => {
    const text = reason.trim();
    setMissing(!text);
    if (text) props.onConfirm(text);
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t(`posts.${props.kind}.title`)}>
      <Stack gap="md">
        <Text size="sm">{t(`posts.${props.kind}.hint`)}</Text>
        <Textarea
          label={props.kind === 'close' ? t('posts.close.label') : t('posts.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={missing ? t('posts.reasonRequired') : null}
          maxLength={MAX_REASON}
          autosize
          minRows={2}
          data-autofocus
        />
        {props.error !== null && <ErrorAlert error={props.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('posts.form.cancel')}
          </Button>
          <Button color="red" loading={props.busy} onClick={confirm}>
            {t(`posts.${props.kind}.confirm`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
