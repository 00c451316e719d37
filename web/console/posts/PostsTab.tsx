import { Button, Card, Center, Grid, Group, Stack, Tabs, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useOutletContext, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api';
import { CategoryBadge } from '../../broadcasts/PostBadges';
import { POST_STATUSES, type ConsolePost, type PostStatus } from '../../broadcasts/types';
import { EmptyState, ErrorAlert, Forbidden, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../text';
import type { UnitOutletContext } from '../session';
import { PostDetail } from './PostDetail';
import { PostEditor } from './PostEditor';
import { usePostList } from './postsApi';
import { PostStatusBadge } from './PostStatusBadge';

function PostRow({ post, active, onOpen }: { post: ConsolePost; active: boolean; onOpen: () => void }) {
  const { i18n } = useTranslation();
  return (
    <UnstyledButton onClick={onOpen} aria-current={active || undefined} data-testid="post-row">
      <Card withBorder radius="md" padding="sm" bg={active ? 'red.0' : undefined}>
        <Stack gap={4}>
          <Group gap={6}>
            <PostStatusBadge status={post.status} />
            <CategoryBadge category={post.category} />
          </Group>
          <Text fw={600} lineClamp={2}>
            {post.title}
          </Text>
          <Text size="xs" c="dimmed">
            {post.authorName ?? '—'} · {formatDateTime(post.publishedAt ?? post.updatedAt, i18n.language)}
          </Text>
        </Stack>
      </Card>
    </UnstyledButton>
  );
}

function PostListPane(props: {
  unitId: string;
  status: PostStatus | null;
  activeId: string | null;
  onStatus: (status: PostStatus | null) => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const list = usePostList(props.unitId, props.status);
  const posts = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm">
      <Tabs
        value={props.status ?? 'all'}
        onChange={(v) =>
          props.onStatus((POST_STATUSES as readonly string[]).includes(v ?? '') ? (v as PostStatus) : null)
        }
        variant="pills"
        color="red"
      >
        <Tabs.List>
          <Tabs.Tab value="all" size="xs">
            {t('posts.all')}
          </Tabs.Tab>
          {POST_STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s} size="xs">
              {t(`broadcast.status.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {list.isPending && <Loading />}
      {list.isError &&
        (isApiError(list.error, 403, 404) ? (
          <Forbidden />
        ) : (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ))}
      {list.isSuccess && posts.length === 0 && <EmptyState>{t('posts.empty')}</EmptyState>}
      {posts.map((p) => (
        <PostRow key={p.id} post={p} active={p.id === props.activeId} onOpen={() => props.onOpen(p.id)} />
      ))}
      {list.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('audit.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}

/** "Bài đăng": the unit's posts by status, writing a new one, and the workflow of each. */
export function PostsTab() {
  const { t } = useTranslation();
  const { unit, me, permissions } = useOutletContext<UnitOutletContext>();
  const { postId = null } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const wide = useMediaQuery('(min-width: 62em)', true);
  const [writing, setWriting] = useState(false);
  const raw = params.get('status');
  const status = (POST_STATUSES as readonly string[]).includes(raw ?? '') ? (raw as PostStatus) : null;
  const base = `/console/units/${unit.id}/posts`;
  const query = params.toString() ? `?${params.toString()}` : '';
  const rights = { meId: me.officer.id, canWrite: permissions.canWritePosts, canApprove: permissions.canApprovePosts };

  const open = (id: string) => {
    setWriting(false);
    void navigate(`${base}/${id}${query}`);
  };
  const detail = writing || postId;

  return (
    <Stack gap="sm">
      {permissions.canWritePosts && !writing && (
        <Group justify="flex-end">
          <Button color="red" onClick={() => setWriting(true)} data-testid="post-new">
            {t('posts.new')}
          </Button>
        </Group>
      )}
      <Grid gap="md">
        {(wide || !detail) && (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <PostListPane
              unitId={unit.id}
              status={status}
              activeId={postId}
              onStatus={(s) => setParams(s ? { status: s } : {}, { replace: true })}
              onOpen={open}
            />
          </Grid.Col>
        )}
        {(wide || detail) && (
          <Grid.Col span={{ base: 12, md: 7 }}>
            {writing ? (
              <PostEditor unitId={unit.id} post={null} onSaved={(p) => open(p.id)} onCancel={() => setWriting(false)} />
            ) : postId ? (
              <PostDetail key={postId} id={postId} rights={rights} backHref={`${base}${query}`} />
            ) : (
              <Text c="dimmed" ta="center" py="xl" size="sm">
                {t('posts.choose')}
              </Text>
            )}
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
