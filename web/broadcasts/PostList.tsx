import { Anchor, Button, Card, Center, Stack, Text } from '@mantine/core';
import { IconPaperclip, IconPhoto, IconVolume } from '@tabler/icons-react';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback';
import { formatMinute } from '../text';
import { PostBadges } from './PostBadges';
import type { Page, PostMediaKind, PublicPost } from './types';

/** Small signs that a post has images, sound or files, before its date. */
function MediaIcons({ post }: { post: PublicPost }) {
  const { t } = useTranslation();
  const has = (kind: PostMediaKind) => post.media.some((m) => m.kind === kind);
  const icons = [
    { kind: 'image' as const, Icon: IconPhoto },
    { kind: 'audio' as const, Icon: IconVolume },
    { kind: 'file' as const, Icon: IconPaperclip },
  ].filter((i) => has(i.kind));
  return icons.map(({ kind, Icon }) => (
    <Icon
      key={kind}
      size={15}
      role="img"
      aria-label={t(`postMedia.has.${kind}`)}
      style={{ verticalAlign: 'text-bottom', marginRight: 4 }}
      data-testid={`post-has-${kind}`}
    />
  ));
}

function PostCard({ post, showUnit, isNew }: { post: PublicPost; showUnit: boolean; isNew: boolean }) {
  const { i18n } = useTranslation();
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="article"
      data-testid="post-card"
      data-unread={isNew || undefined}
      style={isNew ? { borderLeft: '4px solid var(--mantine-color-red-7)' } : undefined}
    >
      <Stack gap={6}>
        <PostBadges post={post} isNew={isNew} />
        <Anchor
          component={Link}
          to={`/tin-tuc/${encodeURIComponent(post.id)}`}
          fw={700}
          size="lg"
          c={post.retracted ? 'dimmed' : 'red.9'}
          td={post.retracted ? 'line-through' : undefined}
        >
          {post.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          <MediaIcons post={post} />
          {showUnit ? `${post.unit.displayName} · ` : ''}
          {formatMinute(post.publishedAt, i18n.language)}
          {post.groups.length > 0 ? ` · ${post.groups.map((g) => g.name).join(', ')}` : ''}
        </Text>
        <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {post.body}
        </Text>
      </Stack>
    </Card>
  );
}

/** A list of posts, newest first, with "Xem thêm" while older ones remain. */
export function PostList(props: {
  query: UseInfiniteQueryResult<InfiniteData<Page<PublicPost>>, unknown>;
  empty: ReactNode;
  showUnit?: boolean;
  /** Show only this many (the rest behind a link), as on a unit's page. */
  limit?: number;
  more?: ReactNode;
  /** Posts to mark "Mới" (new). */
  newIds?: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const { query } = props;
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const all = query.data.pages.flatMap((p) => p.items);
  const posts = props.limit ? all.slice(0, props.limit) : all;
  if (posts.length === 0) return typeof props.empty === 'string' ? <EmptyState>{props.empty}</EmptyState> : props.empty;
  const hidden = all.length > posts.length;
  return (
    <Stack gap="sm" data-testid="post-list">
      {posts.map((p) => (
        <PostCard key={p.id} post={p} showUnit={props.showUnit ?? true} isNew={props.newIds?.has(p.id) ?? false} />
      ))}
      {hidden && props.more}
      {!hidden && query.hasNextPage && (
        <Center>
          <Button
            variant="default"
            size="md"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
            data-testid="posts-more"
          >
            {t('feed.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
