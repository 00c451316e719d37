import type { Role } from '../../../contracts/accounts.js';

// The one place that decides who may do what. Pure: tested as a matrix in policy.test.ts.

export type Action =
  | 'unit.read'
  | 'unit.update'
  | 'officer.read'
  | 'officer.manage'
  | 'audit.read'
  | 'unit.merge'
  | 'unit.import'
  | 'supervisor.invite'
  /** Edit the shared procedures knowledge base (not tied to a unit). */
  | 'kb.edit'
  /** Mark the assistant's unanswered questions of a unit as reviewed. */
  | 'assistant.review'
  /** Read a unit's conversations with residents (supervisors: read-only over their subtree). */
  | 'conversation.read'
  /** Answer, take, note, label, set pending and resolve a unit's conversations; manage canned replies. */
  | 'conversation.handle'
  /** Assign a unit's conversations to any of its officers. */
  | 'conversation.assign'
  /** Read a unit's posts (drafts included), their recipients, its residential groups and their members. */
  | 'post.read'
  /** Draft posts for a unit, edit one's own drafts and submit them. */
  | 'post.write'
  /** Approve (publish or schedule), reject, correct and retract a unit's posts; edit anyone's drafts. */
  | 'post.approve'
  /** Create a unit's residential groups. */
  | 'group.manage'
  /** Confirm that a resident belongs to a residential group. */
  | 'group.confirm'
  /** Moderate residential groups' boards: write as the unit, hide, pin, mute, resolve reports. */
  | 'group.moderate'
  /** Read a unit's tips (no reporter identity); supervisors over their subtree. */
  | 'tip.read'
  /** Acknowledge, check, settle, transfer, reject, merge, message and note a unit's tips. */
  | 'tip.handle'
  /** Open the identity vault of an identified tip, with a written reason (audited). */
  | 'tip.reveal'
  /** Set a unit's tip deadlines per category. */
  | 'tip.configure'
  /** Connect, test and disconnect the unit's Zalo Official Account (its secrets never leave the server). */
  | 'zalo.manage';

export interface Grant {
  role: Role;
  unitId: string | null;
  /** Materialised path of the granted unit; '' for admin. */
  unitPath: string;
  unitName: string | null;
}

export interface Actor {
  officerId: string;
  username: string;
  displayName: string;
  sessionId: string;
  grants: Grant[];
}

export interface UnitRef {
  id: string;
  path: string;
}

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  admin: [
    'unit.read',
    'unit.update',
    'officer.read',
    'officer.manage',
    'audit.read',
    'unit.merge',
    'unit.import',
    'supervisor.invite',
    'kb.edit',
    'assistant.review',
    'conversation.read',
    'conversation.handle',
    'conversation.assign',
    'post.read',
    'post.write',
    'post.approve',
    'group.manage',
    'group.confirm',
    'group.moderate',
    'tip.read',
    'tip.handle',
    'tip.reveal',
    'tip.configure',
    'zalo.manage',
  ],
  // Read-only but for posts: a supervisor may publish to every unit below (city-wide warnings).
  supervisor: [
    'unit.read',
    'officer.read',
    'audit.read',
    'conversation.read',
    'post.read',
    'post.write',
    'post.approve',
    'tip.read',
    'tip.reveal',
  ],
  owner: [
    'unit.read',
    'unit.update',
    'officer.read',
    'officer.manage',
    'audit.read',
    'assistant.review',
    'conversation.read',
    'conversation.handle',
    'conversation.assign',
    'post.read',
    'post.write',
    'post.approve',
    'group.manage',
    'group.confirm',
    'group.moderate',
    'tip.read',
    'tip.handle',
    'tip.reveal',
    'tip.configure',
    'zalo.manage',
  ],
  officer: [
    'unit.read',
    'officer.read',
    'assistant.review',
    'conversation.read',
    'conversation.handle',
    'post.read',
    'post.write',
    'group.confirm',
    'group.moderate',
    'tip.read',
    'tip.handle',
  ],
};

function covers(grant: Grant, unit: UnitRef): boolean {
  if (grant.role === 'admin') return true;
  return grant.unitPath !== '' && unit.path.startsWith(grant.unitPath);
}

/** Whether the actor may do `action` on `unit` (a unit is covered by a grant on it or an ancestor). */
export function can(actor: Pick<Actor, 'grants'>, action: Action, unit: UnitRef): boolean {
  return actor.grants.some((g) => covers(g, unit) && ROLE_ACTIONS[g.role].includes(action));
}

/** Whether the actor sees the unit at all; units it cannot see answer 404, not 403. */
export function canSee(actor: Pick<Actor, 'grants'>, unit: UnitRef): boolean {
  return can(actor, 'unit.read', unit);
}

/** Whether the actor may do `action` on shared content that belongs to no unit (only installation-wide grants count). */
export function canShared(actor: Pick<Actor, 'grants'>, action: Action): boolean {
  return actor.grants.some((g) => g.unitId === null && ROLE_ACTIONS[g.role].includes(action));
}

export function isAdmin(actor: Pick<Actor, 'grants'>): boolean {
  return actor.grants.some((g) => g.role === 'admin');
}

/** Roles the actor may hand out on a unit of the given kind. */
export function grantableRoles(actor: Pick<Actor, 'grants'>, unit: UnitRef & { kind: string }): Role[] {
  const accountUnit = unit.kind === 'ward' || unit.kind === 'commune';
  const overseeUnit = unit.kind === 'province' || unit.kind === 'city';
  if (isAdmin(actor)) {
    if (accountUnit) return ['owner', 'officer'];
    if (overseeUnit) return ['supervisor'];
    return [];
  }
  if (accountUnit && actor.grants.some((g) => g.role === 'owner' && g.unitId === unit.id)) return ['officer'];
  return [];
}

/** Whether the actor may withdraw a pending invite for `role` in the unit: whoever may hand out the role. */
export function canWithdrawInvite(actor: Pick<Actor, 'grants'>, unit: UnitRef & { kind: string }, role: Role): boolean {
  return grantableRoles(actor, unit).includes(role);
}

/**
 * Whether the actor may manage an officer holding `targetRoles` in the unit: disable or enable them,
 * and issue their password and 2FA reset links.
 */
export function canManageOfficer(actor: Actor, unit: UnitRef, targetId: string, targetRoles: Role[]): boolean {
  if (targetId === actor.officerId) return false;
  if (isAdmin(actor)) return true;
  if (!can(actor, 'officer.manage', unit)) return false;
  return targetRoles.every((r) => r === 'officer');
}
