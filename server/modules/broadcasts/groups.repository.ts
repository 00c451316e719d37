import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { GroupMemberRow, ResidentialGroupRow, UnitFollowerRow } from '../../db/schema/index.js';

// Residential groups, their members, and the residents following units. Kysely only.

export type GroupWithCount = ResidentialGroupRow & { memberCount: number };

export async function insertGroup(db: Executor, row: ResidentialGroupRow): Promise<void> {
  await db.insertInto('residentialGroups').values(row).execute();
}

/** A group by id, any unit: the caller checks the unit before using it. */
export async function findGroup(db: Executor, id: string): Promise<ResidentialGroupRow | undefined> {
  return db.selectFrom('residentialGroups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findGroupByName(
  db: Executor,
  unitId: string,
  name: string,
): Promise<ResidentialGroupRow | undefined> {
  return db
    .selectFrom('residentialGroups')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Those of `ids` that are groups of the unit (one query: the caller fails unless all come back). */
export async function groupIdsOfUnit(db: Executor, unitId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('residentialGroups')
    .select('id')
    .where('unitId', '=', unitId)
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

/** A unit's groups by name, with how many residents joined each. */
export async function listGroups(db: Executor, unitId: string): Promise<GroupWithCount[]> {
  const rows = await db
    .selectFrom('residentialGroups as g')
    .leftJoin('groupMembers as m', 'm.groupId', 'g.id')
    .selectAll('g')
    .select((eb) => eb.fn.count<number | string>('m.residentId').as('memberCount'))
    .where('g.unitId', '=', unitId)
    .groupBy([
      'g.id',
      'g.unitId',
      'g.name',
      'g.kind',
      'g.createdBy',
      'g.zaloGroupId',
      'g.zaloLinkState',
      'g.zaloLinkError',
      'g.zaloLinkBrokenAt',
      'g.createdAt',
      'g.updatedAt',
    ])
    .orderBy('g.name')
    .execute();
  return rows.map((r) => ({ ...r, memberCount: Number(r.memberCount) }));
}

/** The unit's group linked to a Zalo group, if any (the link is unique in the unit). */
export async function findGroupByZaloId(
  db: Executor,
  unitId: string,
  zaloGroupId: string,
): Promise<ResidentialGroupRow | undefined> {
  return db
    .selectFrom('residentialGroups')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('zaloGroupId', '=', zaloGroupId)
    .executeTakeFirst();
}

/** Links a group to a Zalo group (or unlinks it with null): a new link is 'linked' with no error. */
export async function setZaloLink(
  db: Executor,
  unitId: string,
  groupId: string,
  zaloGroupId: string | null,
  now: number,
): Promise<void> {
  await db
    .updateTable('residentialGroups')
    .set({
      zaloGroupId,
      zaloLinkState: zaloGroupId === null ? null : 'linked',
      zaloLinkError: null,
      zaloLinkBrokenAt: null,
      updatedAt: now,
    })
    .where('unitId', '=', unitId)
    .where('id', '=', groupId)
    .execute();
}

/**
 * Marks a group's Zalo link broken with the reason officers read, unless it has since been linked
 * to another Zalo group or unlinked; true when it changed.
 */
export async function markZaloLinkBroken(
  db: Executor,
  groupId: string,
  zaloGroupId: string,
  reason: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('residentialGroups')
    .set({ zaloLinkState: 'broken', zaloLinkError: reason, zaloLinkBrokenAt: now })
    .where('id', '=', groupId)
    .where('zaloGroupId', '=', zaloGroupId)
    .where('zaloLinkState', '=', 'linked')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The groups' current Zalo links, by group id (the sender checks a queued post's link still holds). */
export async function zaloLinksOf(
  db: Executor,
  groupIds: string[],
): Promise<Map<string, { zaloGroupId: string | null; zaloLinkState: string | null }>> {
  if (!groupIds.length) return new Map();
  const rows = await db
    .selectFrom('residentialGroups')
    .select(['id', 'zaloGroupId', 'zaloLinkState'])
    .where('id', 'in', groupIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { zaloGroupId: r.zaloGroupId, zaloLinkState: r.zaloLinkState }]));
}

export type MemberView = GroupMemberRow & { displayName: string | null };

function memberQuery(db: Executor, unitId: string, groupId: string) {
  return db
    .selectFrom('groupMembers as m')
    .innerJoin('residents as r', 'r.id', 'm.residentId')
    .selectAll('m')
    .select('r.displayName')
    .where('m.unitId', '=', unitId)
    .where('m.groupId', '=', groupId);
}

export async function listMembers(db: Executor, unitId: string, groupId: string): Promise<MemberView[]> {
  return memberQuery(db, unitId, groupId).orderBy('m.joinedAt').orderBy('m.residentId').execute();
}

export async function findMember(
  db: Executor,
  unitId: string,
  groupId: string,
  residentId: string,
): Promise<MemberView | undefined> {
  return memberQuery(db, unitId, groupId).where('m.residentId', '=', residentId).executeTakeFirst();
}

/** Adds a member unless they are one already (a second join keeps the first, confirmed or not). */
export async function insertMember(db: Executor, row: GroupMemberRow): Promise<void> {
  await db
    .insertInto('groupMembers')
    .values(row)
    .onConflict((oc) => oc.columns(['groupId', 'residentId']).doNothing())
    .execute();
}

export async function deleteMember(db: Executor, unitId: string, groupId: string, residentId: string): Promise<void> {
  await db
    .deleteFrom('groupMembers')
    .where('unitId', '=', unitId)
    .where('groupId', '=', groupId)
    .where('residentId', '=', residentId)
    .execute();
}

export async function confirmMember(
  db: Executor,
  unitId: string,
  groupId: string,
  residentId: string,
  officerId: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('groupMembers')
    .set({ status: 'confirmed', confirmedBy: officerId, confirmedAt: now })
    .where('unitId', '=', unitId)
    .where('groupId', '=', groupId)
    .where('residentId', '=', residentId)
    .execute();
}

/** The resident's groups with their units' ids. */
export async function membershipsOf(db: Executor, residentId: string) {
  return db
    .selectFrom('groupMembers as m')
    .innerJoin('residentialGroups as g', 'g.id', 'm.groupId')
    .select(['g.id', 'g.name', 'g.unitId', 'm.status'])
    .where('m.residentId', '=', residentId)
    .orderBy('m.joinedAt')
    .execute();
}

/** Follows a unit unless the resident follows it already on the channel. */
export async function insertFollower(db: Executor, row: UnitFollowerRow): Promise<void> {
  await db
    .insertInto('unitFollowers')
    .values(row)
    .onConflict((oc) => oc.columns(['unitId', 'residentId', 'channel']).doNothing())
    .execute();
}

export async function deleteFollower(db: Executor, unitId: string, residentId: string, channel: string): Promise<void> {
  await db
    .deleteFrom('unitFollowers')
    .where('unitId', '=', unitId)
    .where('residentId', '=', residentId)
    .where('channel', '=', channel)
    .execute();
}

/** Ids of the units the resident follows (on any channel). */
export async function followedUnitIds(db: Executor, residentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('unitFollowers')
    .select('unitId')
    .distinct()
    .where('residentId', '=', residentId)
    .orderBy('unitId')
    .execute();
  return rows.map((r) => r.unitId);
}

/** The unit and every unit below it, by materialised path prefix. */
export function unitsUnder(db: Executor, unitId: string) {
  return db
    .selectFrom('units as below')
    .select('below.id')
    .where(
      'below.path',
      'like',
      db
        .selectFrom('units as top')
        .select(sql<string>`top.path || '%'`.as('prefix'))
        .where('top.id', '=', unitId),
    );
}

/** Residents following the unit or any unit below it, each counted once. */
export async function countFollowers(db: Executor, unitId: string): Promise<number> {
  const row = await db
    .selectFrom('unitFollowers')
    .select((eb) => eb.fn.count<number | string>('residentId').distinct().as('n'))
    .where('unitId', 'in', unitsUnder(db, unitId))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Residents in any of the unit's groups, each counted once. */
export async function countDistinctMembers(db: Executor, unitId: string, groupIds: string[]): Promise<number> {
  if (!groupIds.length) return 0;
  const row = await db
    .selectFrom('groupMembers')
    .select((eb) => eb.fn.count<number | string>('residentId').distinct().as('n'))
    .where('unitId', '=', unitId)
    .where('groupId', 'in', groupIds)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
