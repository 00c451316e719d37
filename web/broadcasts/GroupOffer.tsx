import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconUsersGroup } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { GROUP_OFFER_PARAM } from '../../contracts/invitations';
import { ErrorAlert } from '../components/Feedback';
import { useFollowUnit, useJoinGroup, useMyFollows, useUnitGroups } from './residentApi';

/**
 * A printed invitation's QR code opens the unit page with `?nhom=<groupId>`: offer, in one tap,
 * to follow the unit and join that group. Nothing shows for a group not of this unit.
 */
export function GroupOffer({ slug, unitName }: { slug: string; unitName: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const groupId = params.get(GROUP_OFFER_PARAM);
  const groups = useUnitGroups(slug);
  const follows = useMyFollows();
  const follow = useFollowUnit(slug);
  const join = useJoinGroup();
  const group = groupId ? groups.data?.find((g) => g.id === groupId) : undefined;
  const following = follows.data?.units.some((u) => u.slug === slug) ?? false;
  const member = follows.data?.groups.some((g) => g.id === groupId) ?? false;
  const both = useMutation({
    mutationFn: async (id: string) => {
      if (!following) await follow.mutateAsync(true);
      if (!member) await join.mutateAsync({ groupId: id, join: true });
    },
  });

  if (!group || follows.isPending) return null;
  if (following && member)
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck />} data-testid="group-offer-done">
        {t('invitations.offerDone', { group: group.name })}
      </Alert>
    );
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconUsersGroup />}
      title={t('invitations.offerTitle', { group: group.name })}
      data-testid="group-offer"
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('invitations.offerText', { group: group.name, unit: unitName })}</Text>
        <Button color="red" size="md" loading={both.isPending} onClick={() => both.mutate(group.id)}>
          {t('invitations.offerButton')}
        </Button>
        {both.isError && <ErrorAlert error={both.error} />}
      </Stack>
    </Alert>
  );
}
