import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/accounts.js';
import {
  can,
  canManageOfficer,
  canShared,
  canWithdrawInvite,
  grantableRoles,
  type Action,
  type Actor,
  type Grant,
} from './policy.js';

const province = { id: 'p', path: '/p/', kind: 'province' };
const city = { id: 'c', path: '/p/c/', kind: 'city' };
const wardA = { id: 'a', path: '/p/c/a/', kind: 'ward' };
const wardB = { id: 'b', path: '/p/c/b/', kind: 'ward' };
const groupA = { id: 'g', path: '/p/c/a/g/', kind: 'residential_group' };

function actor(...grants: Grant[]): Actor {
  return { officerId: 'me', username: 'me', displayName: 'Me', sessionId: 's', grants };
}
const grant = (role: Grant['role'], unit: { id: string; path: string } | null): Grant => ({
  role,
  unitId: unit?.id ?? null,
  unitPath: unit?.path ?? '',
  unitName: null,
});

const ALL: Action[] = [
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
];
const OWNER: Action[] = [
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
];

describe('policy', () => {
  const cases: [string, Actor, { id: string; path: string }, Action[]][] = [
    ['admin anywhere', actor(grant('admin', null)), wardB, ALL],
    ['owner in own ward', actor(grant('owner', wardA)), wardA, OWNER],
    ['owner in own residential group', actor(grant('owner', wardA)), groupA, OWNER],
    ['owner in another ward', actor(grant('owner', wardA)), wardB, []],
    ['owner on the city above', actor(grant('owner', wardA)), city, []],
    [
      'officer in own ward',
      actor(grant('officer', wardA)),
      wardA,
      [
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
    ],
    ['officer in another ward', actor(grant('officer', wardA)), wardB, []],
    [
      'city supervisor on a ward below',
      actor(grant('supervisor', city)),
      wardB,
      [
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
    ],
    ['city supervisor on the province above', actor(grant('supervisor', city)), province, []],
  ];
  it.each(cases)('%s', (_name, who, unit, allowed) => {
    for (const action of ALL) expect(can(who, action, unit), action).toBe(allowed.includes(action));
  });

  it('lets only admins edit the shared knowledge base', () => {
    expect(canShared(actor(grant('admin', null)), 'kb.edit')).toBe(true);
    expect(canShared(actor(grant('owner', wardA)), 'kb.edit')).toBe(false);
    expect(canShared(actor(grant('supervisor', province)), 'kb.edit')).toBe(false);
    expect(canShared(actor(grant('officer', wardA), grant('owner', wardB)), 'kb.edit')).toBe(false);
    // A unit-scoped right never turns into a right on shared content.
    expect(canShared(actor(grant('owner', wardA)), 'unit.update')).toBe(false);
  });

  it('lets owners hand out only the officer role, and only in their own unit', () => {
    expect(grantableRoles(actor(grant('owner', wardA)), wardA)).toEqual(['officer']);
    expect(grantableRoles(actor(grant('owner', wardA)), wardB)).toEqual([]);
    expect(grantableRoles(actor(grant('officer', wardA)), wardA)).toEqual([]);
    expect(grantableRoles(actor(grant('supervisor', city)), wardA)).toEqual([]);
  });

  it('lets admins give owner/officer roles on wards and supervisor roles on cities', () => {
    const admin = actor(grant('admin', null));
    expect(grantableRoles(admin, wardA)).toEqual(['owner', 'officer']);
    expect(grantableRoles(admin, city)).toEqual(['supervisor']);
    expect(grantableRoles(admin, groupA)).toEqual([]);
  });

  it('lets owners disable officers of their unit but not other owners or themselves', () => {
    const owner = actor(grant('owner', wardA));
    expect(canManageOfficer(owner, wardA, 'x', ['officer'])).toBe(true);
    expect(canManageOfficer(owner, wardA, 'x', ['owner'])).toBe(false);
    expect(canManageOfficer(owner, wardA, 'me', ['officer'])).toBe(false);
    expect(canManageOfficer(owner, wardB, 'x', ['officer'])).toBe(false);
    expect(canManageOfficer(actor(grant('supervisor', city)), wardA, 'x', ['officer'])).toBe(false);
  });

  it('lets admins manage (disable, reset) any officer but themselves', () => {
    const admin = actor(grant('admin', null));
    expect(canManageOfficer(admin, wardA, 'x', ['owner'])).toBe(true);
    expect(canManageOfficer(admin, city, 'x', ['supervisor'])).toBe(true);
    expect(canManageOfficer(admin, wardA, 'me', ['officer'])).toBe(false);
  });

  const ROLES: Role[] = ['admin', 'supervisor', 'owner', 'officer'];
  const withdrawCases: [string, Actor, { id: string; path: string; kind: string }, Role[]][] = [
    ['admin on a ward', actor(grant('admin', null)), wardB, ['owner', 'officer']],
    ['admin on a city', actor(grant('admin', null)), city, ['supervisor']],
    ['owner in own ward', actor(grant('owner', wardA)), wardA, ['officer']],
    ['owner in another ward', actor(grant('owner', wardA)), wardB, []],
    ['owner in own residential group', actor(grant('owner', wardA)), groupA, []],
    ['officer in own ward', actor(grant('officer', wardA)), wardA, []],
    ['city supervisor on a ward below', actor(grant('supervisor', city)), wardA, []],
  ];
  it.each(withdrawCases)('withdrawing invites: %s', (_name, who, unit, allowed) => {
    for (const role of ROLES) expect(canWithdrawInvite(who, unit, role), role).toBe(allowed.includes(role));
  });
});
