import { useQuery } from '@tanstack/react-query';
import type { InvitationKit, InvitationScans } from '../../../contracts/invitations';
import { api, isApiError } from '../../api';

const retry = (count: number, err: unknown) => !isApiError(err, 400, 401, 403, 404) && count < 2;
const unitPath = (unitId: string) => `/api/v1/console/units/${encodeURIComponent(unitId)}`;

/** The kit to print (its link is made on first use; each opening is audited): once per page view. */
export function useInvitationKit(unitId: string, groupId: string | null) {
  return useQuery({
    queryKey: ['console', 'invitation-kit', unitId, groupId],
    queryFn: ({ signal }) =>
      api<InvitationKit>(`${unitPath(unitId)}/invitation-kits`, {
        method: 'POST',
        body: groupId ? { groupId } : {},
        signal,
      }),
    retry,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

/** Scans of the unit's printed invitations, per link. */
export function useInvitationScans(unitId: string) {
  return useQuery({
    queryKey: ['console', 'invitation-scans', unitId],
    queryFn: ({ signal }) => api<InvitationScans>(`${unitPath(unitId)}/invitation-scans`, { signal }),
    retry,
    staleTime: 30_000,
  });
}
