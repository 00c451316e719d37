import { Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PostList } from '../broadcasts/PostList';
import { newPostIds, unreadLabel, useFeed, useMyFollows } from '../broadcasts/residentApi';
import { PublicLayout } from '../components/PublicLayout';
import { PushToggle } from '../components/PushToggle';

/** How to get news here, for a resident who follows nothing yet. */
function HowToFollow() {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" data-testid="feed-empty">
      <Stack gap="sm">
        <Text fw={700}>{t('feed.emptyTitle')}</Text>
        <List type="ordered" spacing={6}>
          <List.Item>{t('feed.howTo1')}</List.Item>
          <List.Item>{t('feed.howTo2')}</List.Item>
          <List.Item>{t('feed.howTo3')}</List.Item>
        </List>
        <Button component={Link} to="/" color="red" style={{ alignSelf: 'flex-start' }}>
          {t('feed.findUnit')}
        </Button>
      </Stack>
    </Card>
  );
}

/** What the resident follows, as links back to the units' pages. */
function Following() {
  const { t } = useTranslation();
  const follows = useMyFollows();
  const units = follows.data?.units ?? [];
  const groups = follows.data?.groups ?? [];
  if (units.length + groups.length === 0) return null;
  return (
    <Group gap={6}>
      <Text size="sm" c="dimmed">
        {t('feed.following')}
      </Text>
      {units.map((u) => (
        <Anchor key={u.slug} component={Link} to={`/u/${u.slug}`} size="sm">
          {u.displayName}
        </Anchor>
      ))}
      {groups.map((g) => (
        <Badge key={g.id} variant="light" color="gray" component={Link} to={`/u/${g.unitSlug}`}>
          {g.name}
        </Badge>
      ))}
    </Group>
  );
}

/** "Tin tức": posts of the units the resident follows and the groups they joined. */
export function FeedPage() {
  const { t } = useTranslation();
  const feed = useFeed();
  const unread = feed.data?.pages[0]?.unread ?? 0;
  const fresh = newPostIds(feed.data?.pages.flatMap((p) => p.items) ?? [], unread);
  return (
    <PublicLayout>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={1} c="red.9">
            {t('feed.title')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="feed-unread">
            {unread > 0 ? t('feed.unread', { count: unreadLabel(unread) }) : t('feed.allRead')}
          </Text>
          <Following />
          <PushToggle />
        </Stack>
        <PostList query={feed} empty={<HowToFollow />} newIds={fresh} />
        <Anchor component={Link} to="/xac-minh" size="sm">
          {t('verify.nav')}
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}
