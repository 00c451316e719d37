import type { MoveTarget } from '../lib/merge.js';
import type { Executor } from './database.js';

/** Tables whose rows belong to a conversation of a unit (each moved by the repository of its module). */
type ConversationRowTable = 'messages' | 'attachments' | 'outbox' | 'events';

/** Re-homes a table's rows of a merged conversation (into the successor's) or of a merged unit. */
export async function moveRows(trx: Executor, table: ConversationRowTable, move: MoveTarget): Promise<void> {
  if ('fromConversationId' in move) {
    await trx
      .updateTable(table)
      .set({ conversationId: move.conversationId, unitId: move.unitId })
      .where('conversationId', '=', move.fromConversationId)
      .execute();
  } else {
    await trx.updateTable(table).set({ unitId: move.unitId }).where('unitId', '=', move.fromUnitId).execute();
  }
}
