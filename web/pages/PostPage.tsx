import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../api';
import { PostBadges } from '../broadcasts/PostBadges';
import { PostMediaView } from '../broadcasts/PostMediaView';
import { useMarkRead, usePublicPost } from '../broadcasts/residentApi';
import type { PublicPost } from '../broadcasts/types';
import { ErrorAlert, Loading } from '../components/Feedback';
import { LinkedText } from '../components/LinkedText';
import { PublicLayout } from '../components/PublicLayout';
import { formatMinute } from '../text';

/** The code that proves a post is official, and where to check it. */
function VerificationCode({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" bg="green.0" data-testid="post-verification">
      <Stack gap={6}>
        <Text size="lg">
          {t('post.codeLabel')}{' '}
          <Text span fw={800} ff="monospace" size="xl" data-testid="post-code">
            {code}
          </Text>
        </Text>
        <Text size="sm">{t('post.codeHint')}</Text>
        <Anchor component={Link} to={`/xac-minh?code=${encodeURIComponent(code)}`} fw={600}>
          {t('post.codeCheck')}
        </Anchor>
      </Stack>
    </Card>
  );
}

function PostView({ post }: { post: PublicPost }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatMinute(iso, i18n.language);
  return (
    <Stack gap="md" component="article">
      {post.retracted && (
        <Alert color="red" variant="filled" title={t('post.retractedTitle')} data-testid="post-retracted">
          {post.retractReason ? t('post.retractedReason', { reason: post.retractReason }) : t('post.retracted')}
        </Alert>
      )}
      <Stack gap={6}>
        <PostBadges post={post} />
        <Title order={1} c={post.retracted ? 'dimmed' : 'red.9'}>
          {post.title}
        </Title>
        <Text size="sm" c="dimmed">
          <Anchor component={Link} to={`/u/${post.unit.slug}`} inherit>
            {post.unit.displayName}
          </Anchor>
          {' · '}
          {date(post.publishedAt)}
          {post.groups.length > 0 && ` · ${t('post.forGroups', { groups: post.groups.map((g) => g.name).join(', ') })}`}
        </Text>
      </Stack>
      {!post.retracted && post.closedAt && (
        <Alert
          color="green"
          variant="filled"
          title={t(post.category === 'missing_person' ? 'post.foundTitle' : 'post.closedTitle', {
            at: date(post.closedAt),
          })}
          data-testid="post-closed"
        >
          {post.closeNote}
        </Alert>
      )}
      {!post.retracted && !post.closedAt && post.expired && (
        <Alert color="gray" variant="light" data-testid="post-expired">
          {t('post.expired')}
        </Alert>
      )}
      {post.correctedAt && (
        <Text size="sm" c="orange.9" fs="italic" data-testid="post-corrected">
          {t('post.corrected', { at: date(post.correctedAt) })}
        </Text>
      )}
      {post.body && (
        <Card withBorder radius="md" opacity={post.retracted ? 0.6 : 1}>
          <LinkedText size="md" lh={1.6}>
            {post.body}
          </LinkedText>
        </Card>
      )}
      <PostMediaView media={post.media} audioTranscript={post.audioTranscript} link={post.link} />
      {!post.retracted && post.expiresAt && !post.expired && (
        <Text size="sm" c="dimmed">
          {t('post.expiresAt', { at: date(post.expiresAt) })}
        </Text>
      )}
      <VerificationCode code={post.verificationCode} />
    </Stack>
  );
}

/** One post, opened from the feed, a unit's page or a shared link; opening it marks it read. */
export function PostPage() {
  const { t } = useTranslation();
  const { postId = '' } = useParams();
  const post = usePublicPost(postId);
  const markRead = useMarkRead();
  const { mutate } = markRead;
  // read is false only for a resident (with a cookie) who has not opened it yet.
  const unread = post.data?.read === false;

  useEffect(() => {
    if (unread) mutate(postId);
  }, [unread, postId, mutate]);

  return (
    <PublicLayout>
      {post.isPending && <Loading />}
      {post.isError &&
        (isApiError(post.error, 404, 400) ? (
          <Alert color="orange" title={t('post.notFoundTitle')} data-testid="not-found">
            {t('post.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={post.error} onRetry={() => void post.refetch()} />
        ))}
      {post.data && <PostView post={post.data} />}
      <Group mt="md" gap="md">
        <Button component={Link} to="/tin-tuc" variant="default">
          {t('post.backToFeed')}
        </Button>
        <Anchor component={Link} to="/xac-minh" size="sm">
          {t('verify.nav')}
        </Anchor>
      </Group>
    </PublicLayout>
  );
}
