import type { Executor } from '../../db/database.js';
import type { ConversationRow } from '../../db/schema/index.js';

// When a ward or commune is merged into another (units.service mergeUnit), its residents'
// conversations go with its officers: nothing a resident wrote may be left where no officer looks.

const WAITING = new Set(['open', 'pending']);

function labelsOf(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The successor's conversation after taking in a predecessor's: officers' pending work is kept. */
function joined(kept: ConversationRow, old: ConversationRow, now: number): Partial<ConversationRow> {
  const takeState = WAITING.has(old.status) && !WAITING.has(kept.status);
  const later = (old.lastMessageAt ?? 0) > (kept.lastMessageAt ?? 0) ? old : kept;
  return {
    ...(takeState
      ? {
          status: old.status,
          assigneeId: old.assigneeId,
          handoverReason: old.handoverReason,
          unsureCount: old.unsureCount,
          firstResponseDueAt: old.firstResponseDueAt,
          resolutionDueAt: old.resolutionDueAt,
          firstResponseAt: old.firstResponseAt,
          resolvedAt: null,
        }
      : {}),
    labels: JSON.stringify([...new Set([...labelsOf(kept.labels), ...labelsOf(old.labels)])]),
    lastMessageAt: later.lastMessageAt,
    lastMessageText: later.lastMessageText,
    lastInboundAt: Math.max(kept.lastInboundAt ?? 0, old.lastInboundAt ?? 0) || null,
    updatedAt: now,
  };
}

/**
 * Moves a merged unit's conversations, with their messages, attachments, outbox rows, events,
 * unanswered assistant questions and canned replies, to the unit it became part of; in the merge's
 * transaction. A resident who talked to both units keeps one conversation with the successor,
 * holding both histories (and the predecessor's waiting state when the successor's was not).
 */
export async function moveConversationsOnMerge(
  trx: Executor,
  fromUnitId: string,
  intoUnitId: string,
  now: number,
): Promise<{ moved: number; joined: number }> {
  const olds = await trx.selectFrom('conversations').selectAll().where('unitId', '=', fromUnitId).execute();
  const theirs = olds.length
    ? await trx
        .selectFrom('conversations')
        .selectAll()
        .where('unitId', '=', intoUnitId)
        .where(
          'residentId',
          'in',
          olds.map((o) => o.residentId),
        )
        .execute()
    : [];
  const successor = new Map(theirs.map((c) => [`${c.residentId}:${c.channel}`, c]));
  let joinedCount = 0;
  for (const old of olds) {
    const kept = successor.get(`${old.residentId}:${old.channel}`);
    if (!kept) continue;
    const to = { conversationId: kept.id, unitId: intoUnitId };
    await trx.updateTable('messages').set(to).where('conversationId', '=', old.id).execute();
    await trx.updateTable('attachments').set(to).where('conversationId', '=', old.id).execute();
    await trx.updateTable('outbox').set(to).where('conversationId', '=', old.id).execute();
    await trx.updateTable('events').set(to).where('conversationId', '=', old.id).execute();
    await trx
      .updateTable('conversations')
      .set(joined(kept, old, now))
      .where('id', '=', kept.id)
      .execute();
    await trx.deleteFrom('conversations').where('id', '=', old.id).execute();
    joinedCount += 1;
  }
  const moved = await trx
    .updateTable('conversations')
    .set({ unitId: intoUnitId, updatedAt: now })
    .where('unitId', '=', fromUnitId)
    .executeTakeFirst();
  const to = { unitId: intoUnitId };
  await trx.updateTable('messages').set(to).where('unitId', '=', fromUnitId).execute();
  await trx.updateTable('attachments').set(to).where('unitId', '=', fromUnitId).execute();
  await trx.updateTable('outbox').set(to).where('unitId', '=', fromUnitId).execute();
  await trx.updateTable('events').set(to).where('unitId', '=', fromUnitId).execute();
  await trx.updateTable('assistantQuestions').set(to).where('unitId', '=', fromUnitId).execute();
  await trx.updateTable('cannedReplies').set(to).where('unitId', '=', fromUnitId).execute();
  return { moved: Number(moved.numUpdatedRows), joined: joinedCount };
}
