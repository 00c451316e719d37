import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PostCategory, PublicPost } from './types';

// Warnings stand out; news and events stay calm.
const CATEGORY_COLORS: Record<PostCategory, string> = {
  law: 'blue',
  local_rule: 'teal',
  crime_warning: 'red',
  procedure: 'indigo',
  wanted: 'orange',
  missing_person: 'grape',
  event: 'green',
  other: 'gray',
};

export function CategoryBadge({ category }: { category: PostCategory }) {
  const { t } = useTranslation();
  return (
    <Badge color={CATEGORY_COLORS[category]} variant="light" data-testid="post-category">
      {t(`broadcast.category.${category}`)}
    </Badge>
  );
}

/** The category, whether the post is new to the resident, and what happened to it since it was published. */
export function PostBadges({ post, isNew = false }: { post: PublicPost; isNew?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <CategoryBadge category={post.category} />
      {isNew && (
        <Badge color="red" variant="filled" data-testid="post-unread">
          {t('feed.new')}
        </Badge>
      )}
      {post.retracted && (
        <Badge color="dark" variant="filled">
          {t('post.retractedBadge')}
        </Badge>
      )}
      {!post.retracted && post.closedAt && (
        <Badge color="green" variant="filled" data-testid="post-closed-badge">
          {t(post.category === 'missing_person' ? 'post.foundBadge' : 'post.closedBadge')}
        </Badge>
      )}
      {!post.retracted && !post.closedAt && post.expired && (
        <Badge color="gray" variant="outline">
          {t('post.expiredBadge')}
        </Badge>
      )}
      {!post.retracted && post.correctedAt && (
        <Badge color="yellow" variant="outline">
          {t('post.correctedBadge')}
        </Badge>
      )}
    </Group>
  );
}
