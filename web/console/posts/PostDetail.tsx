import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api';
import { PostReachSection } from '../reach/PostReachSection';
import { CategoryBadge } from '../../broadcasts/PostBadges';
import { PostMediaView } from '../../broadcasts/PostMediaView';
import type { ConsolePost } from '../../broadcasts/types';
import { ErrorAlert, Forbidden, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../text';
import { postButtons, type PostButton, type PostRights } from './post-actions';
import { ApproveModal, ReasonModal } from './PostDialogs';
import { PostEditor } from './PostEditor';
import { PostHistory } from './PostHistory';
import { useGroups, usePost, usePostStep } from './postsApi';
import { PostStatusBadge } from './PostStatusBadge';

function Meta({ post }: { post: ConsolePost }) {
  const { t, i18n } = useTranslation();
  const groups = useGroups(post.unitId);
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  const names = post.audience?.groupIds.map((id) => groups.data?.find((g) => g.id === id)?.name ?? id);
  const rows: [string, string][] = [
    [t('posts.author'), post.authorName ?? '—'],
    [t('posts.form.audience'), names ? names.join(', ') : t('posts.form.wholeUnit')],
    [t('posts.createdAt'), date(post.createdAt)],
  ];
  if (post.publishAt && !post.publishedAt) rows.push([t('posts.publishAt'), date(post.publishAt)]);
  if (post.publishedAt) rows.push([t('posts.publishedAt'), date(post.publishedAt)]);
  if (post.correctedAt) rows.push([t('posts.correctedAt'), date(post.correctedAt)]);
  if (post.closedAt) rows.push([t('posts.closedAt'), date(post.closedAt)]);
  if (post.expiresAt) rows.push([t('posts.expiresAt'), date(post.expiresAt)]);
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
    </Stack>
  );
}

const BUTTON_STYLE: Record<PostButton, { variant: string; color: string }> = {
  edit: { variant: 'default', color: 'gray' },
  submit: { variant: 'filled', color: 'red' },
  approve: { variant: 'filled', color: 'green' },
  reject: { variant: 'light', color: 'orange' },
  correct: { variant: 'default', color: 'gray' },
  retract: { variant: 'light', color: 'red' },
  close: { variant: 'light', color: 'green' },
};

/** One post in the console: what it says, where it is in the workflow, and what this officer may do next. */
export function PostDetail(props: { id: string; rights: PostRights; backHref: string }) {
  const { t } = useTranslation();
  const post = usePost(props.id);
  const step = usePostStep(post.data?.unitId ?? '', props.id);
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'approve' | 'reject' | 'retract' | 'close' | null>(null);

  const back = (
    <Anchor component={Link} to={props.backHref} size="sm" hiddenFrom="md">
      ← {t('posts.backToList')}
    </Anchor>
  );
  if (post.isPending) return <Loading />;
  if (post.isError)
    return (
      <Stack gap="sm">
        {back}
        {isApiError(post.error, 403, 404) ? (
          <Forbidden />
        ) : (
          <ErrorAlert error={post.error} onRetry={() => void post.refetch()} />
        )}
      </Stack>
    );
  const p = post.data;
  if (editing)
    return (
      <PostEditor unitId={p.unitId} post={p} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
    );

  const open = (button: PostButton) => {
    step.reset();
    if (button === 'edit' || button === 'correct') setEditing(true);
    else if (button === 'submit') step.mutate({ step: 'submit' });
    else setDialog(button);
  };
  const close = () => setDialog(null);
  const buttons = postButtons(p, props.rights);
  // A failed step shows in its dialog; a failed submit (no dialog) here.
  const stepError = step.isError ? step.error : null;

  return (
    <Stack gap="md" data-testid="post-detail">
      {back}
      <Card withBorder radius="md">
        <Stack gap="sm">
          <Group gap={6}>
            <PostStatusBadge status={p.status} />
            <CategoryBadge category={p.category} />
          </Group>
          <Title order={2} size="h3">
            {p.title}
          </Title>
          <Meta post={p} />
          {p.status === 'rejected' && p.rejectReason && (
            <Alert color="orange" variant="light" title={t('posts.rejectedTitle')} data-testid="post-reject-reason">
              {p.rejectReason}
            </Alert>
          )}
          {p.status === 'retracted' && p.retractReason && (
            <Alert color="dark" variant="light" title={t('posts.retractedTitle')}>
              {p.retractReason}
            </Alert>
          )}
          {p.closedAt && p.closeNote && (
            <Alert color="green" variant="light" title={t('posts.closedTitle')} data-testid="post-close-note">
              {p.closeNote}
            </Alert>
          )}
          {p.verificationCode && (
            <Group gap="sm">
              <Text>
                {t('post.codeLabel')}{' '}
                <Text span fw={800} ff="monospace" size="lg" data-testid="console-post-code">
                  {p.verificationCode}
                </Text>
              </Text>
              <Anchor component={Link} to={`/tin-tuc/${encodeURIComponent(p.id)}`} size="sm" target="_blank">
                {t('posts.viewPublic')}
              </Anchor>
            </Group>
          )}
          <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }} data-testid="post-body">
            {p.body}
          </Text>
          <PostMediaView media={p.media} audioTranscript={p.audioTranscript} link={p.link} />
          {!dialog && stepError !== null && <ErrorAlert error={stepError} />}
          {buttons.length > 0 && (
            <Group gap="xs" data-testid="post-buttons">
              {buttons.map((b) => (
                <Button key={b} {...BUTTON_STYLE[b]} loading={b === 'submit' && step.isPending} onClick={() => open(b)}>
                  {t(`posts.buttons.${b}`)}
                </Button>
              ))}
            </Group>
          )}
        </Stack>
      </Card>
      {p.publishedAt && <PostReachSection post={p} />}
      <PostHistory post={p} />
      <ApproveModal
        post={p}
        opened={dialog === 'approve'}
        busy={step.isPending}
        error={stepError}
        onConfirm={() => step.mutate({ step: 'approve' }, { onSuccess: close })}
        onClose={close}
      />
      {(dialog === 'reject' || dialog === 'retract' || dialog === 'close') && (
        <ReasonModal
          kind={dialog}
          opened
          busy={step.isPending}
          error={stepError}
          onConfirm={(reason) => step.mutate({ step: dialog, reason }, { onSuccess: close })}
          onClose={close}
        />
      )}
    </Stack>
  );
}
