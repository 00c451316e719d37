import { useQuery } from '@tanstack/react-query';
import type { Me, Role } from '../../contracts/accounts';
import type { Unit, UnitKind } from '../../contracts/units';
import { api, isApiError } from '../api';

export function useMe() {
  return useQuery({
    queryKey: ['console', 'me'],
    queryFn: ({ signal }) => api<Me>('/api/v1/console/me', { signal }),
    retry: (count, err) => !isApiError(err, 401, 403) && count < 2,
    staleTime: 30_000,
  });
}

export function useConsoleUnits(enabled = true) {
  return useQuery({
    queryKey: ['console', 'units'],
    queryFn: ({ signal }) => api<{ items: Unit[] }>('/api/v1/console/units', { signal }).then((r) => r.items),
    enabled,
  });
}

/** The roles that apply to a unit: admin everywhere, others on the unit or an ancestor. */
export function rolesOn(me: Me, unitId: string, units: Unit[]): Role[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain = new Set<string>();
  let cur: string | null = unitId;
  while (cur && !chain.has(cur)) {
    chain.add(cur);
    cur = byId.get(cur)?.parentId ?? null;
  }
  return me.roles.filter((g) => g.role === 'admin' || (g.unitId !== null && chain.has(g.unitId))).map((g) => g.role);
}

export interface Permissions {
  isAdmin: boolean;
  canEdit: boolean;
  canManage: boolean;
  canAudit: boolean;
  inviteRoles: Role[];
  /** Write posts and submit them for approval: every role that sees the unit. */
  canWritePosts: boolean;
  /** Approve, publish, reject, correct and retract posts: the unit's owner, a supervisor above, an admin. */
  canApprovePosts: boolean;
  /** Create residential groups: the unit's owner, an admin. */
  canCreateGroups: boolean;
  /** Confirm that a resident belongs to a group: the unit's officers and owner, an admin (not supervisors). */
  canConfirmMembers: boolean;
  /** Read the unit's tips (never the reporter's identity): every role that sees a ward or commune. */
  canReadTips: boolean;
  /** Acknowledge, check, settle, transfer, reject, merge, message and note tips: officers, the owner, an admin. */
  canHandleTips: boolean;
  /** Open an identified tip's identity vault with a written reason: the owner, a supervisor above, an admin. */
  canRevealTips: boolean;
  /** Set the unit's tip deadlines: the owner, an admin. */
  canConfigureTips: boolean;
  /** Connect, test and disconnect the unit's Zalo OA: the owner, an admin. */
  canManageZalo: boolean;
}

export function permissionsFor(me: Me, unit: Unit, units: Unit[]): Permissions {
  const roles = rolesOn(me, unit.id, units);
  const isAdmin = roles.includes('admin');
  const ownsThis = me.roles.some((g) => g.role === 'owner' && g.unitId === unit.id);
  const accountKind = (['ward', 'commune'] as UnitKind[]).includes(unit.kind);
  const overseeKind = unit.kind === 'city' || unit.kind === 'province';
  let inviteRoles: Role[] = [];
  if (isAdmin) inviteRoles = accountKind ? ['owner', 'officer'] : overseeKind ? ['supervisor'] : [];
  else if (ownsThis && accountKind) inviteRoles = ['officer'];
  return {
    isAdmin,
    canEdit: isAdmin || ownsThis,
    canManage: isAdmin || ownsThis,
    canAudit: isAdmin || roles.includes('owner') || roles.includes('supervisor'),
    inviteRoles,
    // As the server's policy: officers write and confirm members; owners, supervisors above and
    // admins approve; owners and admins create groups. Only wards and communes have posts.
    canWritePosts: accountKind && roles.length > 0,
    canApprovePosts: accountKind && (isAdmin || ownsThis || roles.includes('supervisor')),
    canCreateGroups: accountKind && (isAdmin || ownsThis),
    canConfirmMembers: accountKind && (isAdmin || ownsThis || roles.includes('officer')),
    // Tips as the server's policy: every role reads, supervisors do not handle but may reveal.
    canReadTips: accountKind && roles.length > 0,
    canHandleTips: accountKind && (isAdmin || ownsThis || roles.includes('officer')),
    canRevealTips: accountKind && (isAdmin || ownsThis || roles.includes('supervisor')),
    canConfigureTips: accountKind && (isAdmin || ownsThis),
    canManageZalo: accountKind && (isAdmin || ownsThis),
  };
}

export interface UnitOutletContext {
  unit: Unit;
  me: Me;
  permissions: Permissions;
}
