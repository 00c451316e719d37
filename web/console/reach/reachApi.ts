import { useQuery } from '@tanstack/react-query';
import type { PostReach, UnitReach } from '../../../contracts/reach';
import { api, isApiError } from '../../api';

const retry = (count: number, err: unknown) => !isApiError(err, 400, 401, 403, 404) && count < 2;

/** A post's recipients, notifications, reads, per group and channel. */
export function usePostReach(postId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['console', 'post-reach', postId],
    queryFn: ({ signal }) => api<PostReach>(`/api/v1/console/posts/${encodeURIComponent(postId)}/reach`, { signal }),
    enabled,
    retry,
    staleTime: 30_000,
  });
}

/** The unit's last 30 days, oldest first. */
export function useUnitReach(unitId: string) {
  return useQuery({
    queryKey: ['console', 'unit-reach', unitId],
    queryFn: ({ signal }) =>
      api<UnitReach>(`/api/v1/console/units/${encodeURIComponent(unitId)}/reach?days=30`, { signal }),
    retry,
    staleTime: 60_000,
  });
}
