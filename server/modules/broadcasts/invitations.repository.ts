import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { InvitationLinkRow } from '../../db/schema/index.js';

// Invitation kits' scan links and their daily scan counts. Kysely only.

/** The unit's link for a scope (a group id, or 'unit'), created with `row` unless it exists. */
export async function findOrInsertLink(db: Executor, row: InvitationLinkRow): Promise<InvitationLinkRow> {
  await db
    .insertInto('invitationLinks')
    .values(row)
    .onConflict((oc) => oc.columns(['unitId', 'scope']).doNothing())
    .execute();
  return db
    .selectFrom('invitationLinks')
    .selectAll()
    .where('unitId', '=', row.unitId)
    .where('scope', '=', row.scope)
    .executeTakeFirstOrThrow();
}

export async function findLinkByToken(db: Executor, token: string): Promise<InvitationLinkRow | undefined> {
  return db.selectFrom('invitationLinks').selectAll().where('token', '=', token).executeTakeFirst();
}

/** Counts one scan on the day (one upsert). */
export async function countScan(db: Executor, link: InvitationLinkRow, day: string): Promise<void> {
  await db
    .insertInto('invitationScans')
    .values({ linkId: link.id, unitId: link.unitId, day, scans: 1 })
    .onConflict((oc) => oc.columns(['linkId', 'day']).doUpdateSet({ scans: sql`invitation_scans.scans + 1` }))
    .execute();
}

/** Scans of each of the unit's links: in all, since `sinceDay` (YYYY-MM-DD), and the last day scanned. */
export async function scansOfUnit(db: Executor, unitId: string, sinceDay: string) {
  const rows = await db
    .selectFrom('invitationLinks as l')
    .leftJoin('invitationScans as s', 's.linkId', 'l.id')
    .select(['l.id', 'l.groupId'])
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number | string>('s.scans'), sql<number>`0`).as('scans'),
      eb.fn
        .coalesce(
          eb.fn.sum<number | string>(eb.case().when('s.day', '>=', sinceDay).then(eb.ref('s.scans')).else(0).end()),
          sql<number>`0`,
        )
        .as('recent'),
      eb.fn.max('s.day').as('lastScanDay'),
    ])
    .where('l.unitId', '=', unitId)
    .groupBy(['l.id', 'l.groupId'])
    .execute();
  return rows.map((r) => ({
    linkId: r.id,
    groupId: r.groupId,
    scans: Number(r.scans),
    recent: Number(r.recent),
    lastScanDay: r.lastScanDay ?? null,
  }));
}
