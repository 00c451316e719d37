import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PostStatus } from '../../broadcasts/types';

export const STATUS_COLORS: Record<PostStatus, string> = {
  draft: 'gray',
  submitted: 'yellow',
  scheduled: 'blue',
  published: 'green',
  rejected: 'orange',
  retracted: 'dark',
};

export function PostStatusBadge({ status }: { status: PostStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-testid="post-status">
      {t(`broadcast.status.${status}`)}
    </Badge>
  );
}
