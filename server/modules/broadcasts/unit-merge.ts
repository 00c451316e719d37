import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { ZALO_TEXTS } from '../zalo/texts.js';

// When a ward or commune is merged into another (units.service mergeUnit), its announcements go
// with it: its followers follow the successor, its residential groups and their members belong to
// the successor, and its posts (history, versions, audiences, reads, media) are listed there. Nothing a
// resident followed may fall silent.

const POST_TABLES = ['posts', 'postGroups', 'postVersions', 'postEvents', 'postReads', 'postMedia'] as const;
/** The groups' boards go with their groups. */
const BOARD_TABLES = ['boardMessages', 'boardPostPins', 'boardMutes', 'boardReports'] as const;

/**
 * Moves a merged unit's followers, groups and posts to the unit it became part of, in the merge's
 * transaction. A resident who followed both follows the successor once (since they first followed
 * it); a group whose name the successor already uses is renamed "name (old unit's name)".
 */
export async function moveBroadcastsOnMerge(
  trx: Executor,
  from: { id: string; name: string },
  intoUnitId: string,
  now: number,
  /** The merged unit's Zalo OA went to the successor (it had none): its groups' Zalo links still work. */
  zaloOaMoved = false,
): Promise<{ followers: number; groups: number; posts: number }> {
  const followers = await trx
    .selectFrom('unitFollowers')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('unitId', '=', from.id)
    .executeTakeFirst();
  await trx
    .insertInto('unitFollowers')
    .columns(['unitId', 'residentId', 'channel', 'createdAt'])
    .expression((eb) =>
      eb
        .selectFrom('unitFollowers')
        .select([sql<string>`cast(${intoUnitId} as text)`.as('unitId'), 'residentId', 'channel', 'createdAt'])
        .where('unitId', '=', from.id),
    )
    .onConflict((oc) => oc.columns(['unitId', 'residentId', 'channel']).doNothing())
    .execute();
  await trx.deleteFrom('unitFollowers').where('unitId', '=', from.id).execute();

  const groups = await trx
    .selectFrom('residentialGroups')
    .select(['id', 'name'])
    .where('unitId', '=', from.id)
    .execute();
  const taken = new Set(
    (await trx.selectFrom('residentialGroups').select('name').where('unitId', '=', intoUnitId).execute()).map(
      (g) => g.name,
    ),
  );
  for (const g of groups.filter((x) => taken.has(x.name))) {
    await trx
      .updateTable('residentialGroups')
      .set({ name: `${g.name} (${from.name})`, updatedAt: now })
      .where('id', '=', g.id)
      .execute();
  }
  await moveZaloLinks(trx, from.id, intoUnitId, now, zaloOaMoved);
  await trx.updateTable('residentialGroups').set({ unitId: intoUnitId }).where('unitId', '=', from.id).execute();
  await trx.updateTable('groupMembers').set({ unitId: intoUnitId }).where('unitId', '=', from.id).execute();

  const posts = await trx
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('unitId', '=', from.id)
    .executeTakeFirst();
  for (const table of [...POST_TABLES, ...BOARD_TABLES]) {
    await trx.updateTable(table).set({ unitId: intoUnitId }).where('unitId', '=', from.id).execute();
  }
  await moveInvitations(trx, from.id, intoUnitId);
  return { followers: Number(followers?.n ?? 0), groups: groups.length, posts: Number(posts?.n ?? 0) };
}

/**
 * A merged unit's groups' Zalo links were made for its own OA. When that OA went to the successor
 * they keep working; when the successor has its own OA, whose posts they would be sent with, they
 * show as broken until an owner links them again. A Zalo group the successor has linked already
 * stays with the successor's group (a Zalo group is linked once per unit).
 */
async function moveZaloLinks(
  trx: Executor,
  fromId: string,
  intoUnitId: string,
  now: number,
  zaloOaMoved: boolean,
): Promise<void> {
  await trx
    .updateTable('residentialGroups')
    .set({ zaloGroupId: null, zaloLinkState: null, zaloLinkError: null, zaloLinkBrokenAt: null })
    .where('unitId', '=', fromId)
    .where('zaloGroupId', 'in', (eb) =>
      eb
        .selectFrom('residentialGroups as s')
        .select('s.zaloGroupId')
        .where('s.unitId', '=', intoUnitId)
        .where('s.zaloGroupId', 'is not', null),
    )
    .execute();
  if (zaloOaMoved) return;
  await trx
    .updateTable('residentialGroups')
    .set({ zaloLinkState: 'broken', zaloLinkError: ZALO_TEXTS.groupUnitMerged, zaloLinkBrokenAt: now })
    .where('unitId', '=', fromId)
    .where('zaloLinkState', '=', 'linked')
    .execute();
}

/**
 * Printed invitations keep working: a group's link goes with its group (a scan lands on the
 * successor's page offering that group), the unit-wide link too unless the successor has its own
 * (the old one still reaches the successor, through the merged unit's redirect). Counts go along.
 */
async function moveInvitations(trx: Executor, fromId: string, intoUnitId: string): Promise<void> {
  const ownLink = await trx
    .selectFrom('invitationLinks')
    .select('id')
    .where('unitId', '=', intoUnitId)
    .where('scope', '=', 'unit')
    .executeTakeFirst();
  await trx
    .updateTable('invitationLinks')
    .set({ unitId: intoUnitId })
    .where('unitId', '=', fromId)
    .$if(ownLink !== undefined, (q) => q.where('scope', '<>', 'unit'))
    .execute();
  await trx
    .updateTable('invitationScans')
    .set({ unitId: intoUnitId })
    .where('unitId', '=', fromId)
    .where('linkId', 'in', trx.selectFrom('invitationLinks').select('id').where('unitId', '=', intoUnitId))
    .execute();
}
