import type { z } from 'zod';
import {
  groupKindSchema,
  membershipStatusSchema,
  zaloLinkStateSchema,
  type Group,
  type GroupMember,
  type GroupZaloLink,
  type MembershipStatus,
  type publicGroupListSchema,
} from '../../../contracts/broadcasts.js';
import { ACCOUNT_KINDS, type UnitKind } from '../../../contracts/units.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { ResidentialGroupRow, UnitRow } from '../../db/schema/index.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import type { Action, Actor } from '../accounts/policy.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { requireUnit, requireUnitOf } from '../units/units.service.js';
import { accountUnit } from './follows.service.js';
import * as repo from './groups.repository.js';

// Residential groups (tổ dân phố / thôn) of a ward or commune and the residents in them. Officers'
// changes are audited; residents' own joins are not (like their profile), each one transaction.

function presentZaloLink(g: ResidentialGroupRow): GroupZaloLink | null {
  if (g.zaloGroupId === null) return null;
  return {
    groupId: g.zaloGroupId,
    state: zaloLinkStateSchema.catch('linked').parse(g.zaloLinkState),
    error: g.zaloLinkError,
    brokenAt: toIso(g.zaloLinkBrokenAt),
  };
}

function presentGroup(g: repo.GroupWithCount): Group {
  return {
    id: g.id,
    unitId: g.unitId,
    name: g.name,
    kind: groupKindSchema.catch('to_dan_pho').parse(g.kind),
    memberCount: g.memberCount,
    zalo: presentZaloLink(g),
  };
}

const statusOf = (s: string): MembershipStatus => membershipStatusSchema.catch('self_declared').parse(s);

function presentMember(m: repo.MemberView): GroupMember {
  return {
    residentId: m.residentId,
    displayName: m.displayName,
    status: statusOf(m.status),
    joinedAt: toIso(m.joinedAt) ?? '',
  };
}

/** A unit's groups with their member counts (every officer of the unit, supervisors above). */
export async function listGroups(ctx: AppContext, actor: Actor, unitId: string): Promise<{ items: Group[] }> {
  const unit = await requireUnit(ctx, actor, unitId, 'post.read');
  return { items: (await repo.listGroups(ctx.database.db, unit.id)).map(presentGroup) };
}

/** Creates a residential group of a ward or commune (its owner); names are unique in the unit. */
export async function createGroup(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  input: { name: string; kind: string },
): Promise<Group> {
  const unit = await requireUnit(ctx, actor, unitId, 'group.manage');
  if (!ACCOUNT_KINDS.includes(unit.kind as UnitKind)) {
    throw new BadRequestError('not_an_account', 'Residential groups belong to a ward or commune');
  }
  const now = ctx.clock.now();
  const row: ResidentialGroupRow = {
    id: newId(),
    unitId: unit.id,
    name: input.name,
    kind: input.kind,
    createdBy: actor.officerId,
    zaloGroupId: null,
    zaloLinkState: null,
    zaloLinkError: null,
    zaloLinkBrokenAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.database.transaction(async (trx) => {
    if (await repo.findGroupByName(trx, unit.id, input.name)) {
      throw new ConflictError('group_exists', 'The unit has a group of that name already');
    }
    await repo.insertGroup(trx, row);
    await appendAudit(
      ctx,
      trx,
      audit,
      { unitId: unit.id, action: 'group.create', targetType: 'residential_group', targetId: row.id, details: input },
      now,
    );
  });
  return presentGroup({ ...row, memberCount: 0 });
}

async function requireGroup(
  ctx: AppContext,
  actor: Actor,
  groupId: string,
  action: Action,
): Promise<{ group: ResidentialGroupRow; unit: UnitRow }> {
  const group = await repo.findGroup(ctx.database.db, groupId);
  const unit = await requireUnitOf(ctx, actor, group?.unitId, action, 'Group');
  if (!group) throw new NotFoundError('Group');
  return { group, unit };
}

/** The residents in a group, in the order they joined. */
export async function listMembers(ctx: AppContext, actor: Actor, groupId: string): Promise<{ items: GroupMember[] }> {
  const { group } = await requireGroup(ctx, actor, groupId, 'post.read');
  return { items: (await repo.listMembers(ctx.database.db, group.unitId, group.id)).map(presentMember) };
}

/** Confirms that a resident who joined a group belongs to it (officers of the unit); confirming again changes nothing. */
export async function confirmMember(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  groupId: string,
  residentId: string,
): Promise<GroupMember> {
  const { group } = await requireGroup(ctx, actor, groupId, 'group.confirm');
  const member = await repo.findMember(ctx.database.db, group.unitId, group.id, residentId);
  if (!member) throw new NotFoundError('Member');
  if (member.status === 'confirmed') return presentMember(member);
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    await repo.confirmMember(trx, group.unitId, group.id, residentId, actor.officerId, now);
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: group.unitId,
        action: 'group.member.confirm',
        targetType: 'residential_group',
        targetId: group.id,
        details: { residentId },
      },
      now,
    );
  });
  return presentMember({ ...member, status: 'confirmed', confirmedBy: actor.officerId, confirmedAt: now });
}

/**
 * Links a group to a Zalo group (GMF) its posts are also sent to (whoever manages the unit's
 * groups); linking a broken link again, to the same id or another, makes it 'linked' again.
 */
export async function linkZaloGroup(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  groupId: string,
  zaloGroupId: string,
): Promise<Group> {
  const { group } = await requireGroup(ctx, actor, groupId, 'group.manage');
  const now = ctx.clock.now();
  const linkedElsewhere = async (db: Executor) => {
    const holder = await repo.findGroupByZaloId(db, group.unitId, zaloGroupId);
    return holder !== undefined && holder.id !== group.id;
  };
  const conflict = () =>
    new ConflictError('zalo_group_linked', 'Another group of the unit is linked to that Zalo group');
  try {
    await ctx.database.transaction(async (trx) => {
      if (await linkedElsewhere(trx)) throw conflict();
      await repo.setZaloLink(trx, group.unitId, group.id, zaloGroupId, now);
      await appendAudit(
        ctx,
        trx,
        audit,
        {
          unitId: group.unitId,
          action: 'group.zalo_link',
          targetType: 'residential_group',
          targetId: group.id,
          details: { zaloGroupId, previous: group.zaloGroupId, previousState: group.zaloLinkState },
        },
        now,
      );
    });
  } catch (err) {
    // Two owners linking the same Zalo group at once: the unique index refuses the second.
    if (!(err instanceof ConflictError) && (await linkedElsewhere(ctx.database.db))) throw conflict();
    throw err;
  }
  return presentGroupById(ctx, group.unitId, group.id);
}

/** Unlinks a group from its Zalo group: later posts are not sent there (unlinking none changes nothing). */
export async function unlinkZaloGroup(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  groupId: string,
): Promise<Group> {
  const { group } = await requireGroup(ctx, actor, groupId, 'group.manage');
  if (group.zaloGroupId !== null) {
    const now = ctx.clock.now();
    await ctx.database.transaction(async (trx) => {
      await repo.setZaloLink(trx, group.unitId, group.id, null, now);
      await appendAudit(
        ctx,
        trx,
        audit,
        {
          unitId: group.unitId,
          action: 'group.zalo_unlink',
          targetType: 'residential_group',
          targetId: group.id,
          details: { zaloGroupId: group.zaloGroupId, state: group.zaloLinkState },
        },
        now,
      );
    });
  }
  return presentGroupById(ctx, group.unitId, group.id);
}

async function presentGroupById(ctx: AppContext, unitId: string, groupId: string): Promise<Group> {
  const found = (await repo.listGroups(ctx.database.db, unitId)).find((g) => g.id === groupId);
  if (!found) throw new NotFoundError('Group');
  return presentGroup(found);
}

/** A unit's groups as residents choose among them. */
export async function publicGroups(ctx: AppContext, slug: string): Promise<z.infer<typeof publicGroupListSchema>> {
  const unit = await accountUnit(ctx, slug);
  const groups = await repo.listGroups(ctx.database.db, unit.id);
  return {
    items: groups.map((g) => ({ id: g.id, name: g.name, kind: groupKindSchema.catch('to_dan_pho').parse(g.kind) })),
  };
}

/** The resident joins a group (self-declared until an officer confirms); joining again keeps the first. */
export async function joinGroup(
  ctx: AppContext,
  residentId: string,
  groupId: string,
): Promise<{ groupId: string; status: MembershipStatus }> {
  const group = await repo.findGroup(ctx.database.db, groupId);
  if (!group) throw new NotFoundError('Group');
  const member = await ctx.database.transaction(async (trx) => {
    await repo.insertMember(trx, {
      groupId: group.id,
      residentId,
      unitId: group.unitId,
      status: 'self_declared',
      confirmedBy: null,
      confirmedAt: null,
      joinedAt: ctx.clock.now(),
    });
    return repo.findMember(trx, group.unitId, group.id, residentId);
  });
  return { groupId: group.id, status: statusOf(member?.status ?? 'self_declared') };
}

/** The resident leaves a group (leaving one they are not in changes nothing). */
export async function leaveGroup(ctx: AppContext, residentId: string | null, groupId: string): Promise<{ left: true }> {
  const group = await repo.findGroup(ctx.database.db, groupId);
  if (!group) throw new NotFoundError('Group');
  if (residentId) await ctx.database.transaction((trx) => repo.deleteMember(trx, group.unitId, group.id, residentId));
  return { left: true };
}
