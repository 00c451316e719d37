import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/Feedback';
import { useFollowUnit, useMyFollows } from './residentApi';

/** "Theo dõi": the unit's posts come to the resident's feed (/tin-tuc). */
export function FollowButton({ slug, unitName }: { slug: string; unitName: string }) {
  const { t } = useTranslation();
  const follows = useMyFollows();
  const change = useFollowUnit(slug);
  const following = follows.data?.units.some((u) => u.slug === slug) ?? false;
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="md"
        color="red"
        variant={following ? 'light' : 'filled'}
        loading={change.isPending || follows.isPending}
        aria-pressed={following}
        onClick={() => change.mutate(!following)}
        data-testid="follow-button"
      >
        {following ? t('follow.following') : t('follow.follow')}
      </Button>
      <Text size="xs" c="dimmed">
        {following ? t('follow.followingHint') : t('follow.hint', { unit: unitName })}
      </Text>
      {change.isError && <ErrorAlert error={change.error} />}
    </Stack>
  );
}
