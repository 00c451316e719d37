import type { Executor } from '../../db/database.js';
import * as units from '../units/units.repository.js';

// When a ward or commune is merged into another (units.service mergeUnit), its Zalo residents go
// with its conversations: their Zalo users and unprocessed events now belong to the successor.
// The OA goes too when the successor has none; when it has its own, the predecessor's OA stays
// connected where it is, its webhooks' events are stored for the successor (eventUnitId) and
// replies to its users go out through it (the adapter finds a user's OA by the user).

/** Moves a merged unit's Zalo users, events and (when the successor has none) OA; in the merge's transaction. */
export async function moveZaloOnMerge(
  trx: Executor,
  fromUnitId: string,
  intoUnitId: string,
): Promise<{ users: number; connectionMoved: boolean }> {
  const moved = await trx
    .updateTable('zaloUsers')
    .set({ unitId: intoUnitId })
    .where('unitId', '=', fromUnitId)
    .executeTakeFirst();
  await trx.updateTable('zaloEvents').set({ unitId: intoUnitId }).where('unitId', '=', fromUnitId).execute();
  const own = await trx.selectFrom('zaloConnections').select('id').where('unitId', '=', intoUnitId).executeTakeFirst();
  let connectionMoved = false;
  if (!own) {
    const result = await trx
      .updateTable('zaloConnections')
      .set({ unitId: intoUnitId })
      .where('unitId', '=', fromUnitId)
      .executeTakeFirst();
    connectionMoved = Number(result.numUpdatedRows) > 0;
  }
  return { users: Number(moved.numUpdatedRows), connectionMoved };
}

/** Merges can chain (A into B, later B into C); a cycle cannot happen, but the walk is bounded anyway. */
const MAX_MERGE_HOPS = 16;

/** The unit an OA's events belong to: its connection's unit, or what that unit was merged into. */
export async function eventUnitId(db: Executor, connectionUnitId: string): Promise<string> {
  let unitId = connectionUnitId;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const unit = await units.findUnitById(db, unitId);
    if (!unit?.mergedInto) return unitId;
    unitId = unit.mergedInto;
  }
  return unitId;
}
