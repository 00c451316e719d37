import type { z } from 'zod';
import {
  groupKindSchema,
  membershipStatusSchema,
  type Group,
  type GroupMember,
  type MembershipStatus,
  type myFollowsSchema,
  type publicGroupListSchema,
} from '../../../contracts/broadcasts.js';
import { ACCOUNT_KINDS, type Unit, type UnitKind } from '../../../contracts/units.js';
import type { AppContext } from '../../context.js';
import type { ResidentialGroupRow, UnitRow } from '../../db/schema/index.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import { can, canSee, type Action, type Actor } from '../accounts/policy.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { findUnitById } from '../units/units.repository.js';
import { getPublicUnit, publicUnitById, requireUnit } from '../units/units.service.js';
import * as repo from './groups.repository.js';

// Residential groups (tổ dân phố / thôn) of a ward or commune and the residents in them, and the
// residents following units. Officers' changes are audited; residents' own follows and joins are
// not (like their profile), and each is one transaction.

/** Residents follow on the portal for now; Zalo followers come with the Zalo channel. */
const CHANNEL = 'web';

function presentGroup(g: repo.GroupWithCount): Group {
  return {
    id: g.id,
    unitId: g.unitId,
    name: g.name,
    kind: groupKindSchema.catch('to_dan_pho').parse(g.kind),
    memberCount: g.memberCount,
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
  const db = ctx.database.db;
  const group = await repo.findGroup(db, groupId);
  const unit = group ? await findUnitById(db, group.unitId) : undefined;
  if (!group || !unit || !canSee(actor, unit)) throw new NotFoundError('Group');
  if (!can(actor, action, unit)) throw new ForbiddenError();
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

/** A ward or commune by slug (a merged one answers as its successor); 404 for units without an account. */
async function accountUnit(ctx: AppContext, slug: string): Promise<Unit> {
  const { unit } = await getPublicUnit(ctx, slug);
  if (!unit.hasAccount) throw new NotFoundError('Official account');
  return unit;
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

/** The resident follows a ward or commune's posts (following again changes nothing). */
export async function follow(ctx: AppContext, residentId: string, slug: string): Promise<{ following: boolean }> {
  const unit = await accountUnit(ctx, slug);
  const now = ctx.clock.now();
  await ctx.database.transaction((trx) =>
    repo.insertFollower(trx, { unitId: unit.id, residentId, channel: CHANNEL, createdAt: now }),
  );
  return { following: true };
}

export async function unfollow(
  ctx: AppContext,
  residentId: string | null,
  slug: string,
): Promise<{ following: boolean }> {
  const unit = await accountUnit(ctx, slug);
  if (residentId) await ctx.database.transaction((trx) => repo.deleteFollower(trx, unit.id, residentId, CHANNEL));
  return { following: false };
}

/** The units the resident follows and the groups they joined (a visitor without a resident: none). */
export async function myFollows(ctx: AppContext, residentId: string | null): Promise<z.infer<typeof myFollowsSchema>> {
  if (!residentId) return { units: [], groups: [] };
  const db = ctx.database.db;
  const [unitIds, groups] = await Promise.all([
    repo.followedUnitIds(db, residentId),
    repo.membershipsOf(db, residentId),
  ]);
  const ids = [...new Set([...unitIds, ...groups.map((g) => g.unitId)])];
  const units = await Promise.all(ids.map((id) => publicUnitById(ctx, id)));
  const unitOf = new Map(ids.map((id, i) => [id, units[i]]));
  const ref = (id: string) => ({ slug: unitOf.get(id)?.slug ?? '', displayName: unitOf.get(id)?.displayName ?? '' });
  return {
    units: unitIds.map(ref).sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi')),
    groups: groups.map((g) => ({ id: g.id, name: g.name, unitSlug: ref(g.unitId).slug, status: statusOf(g.status) })),
  };
}
