import type { Executor } from '../../db/database.js';
import type { ConversationRow } from '../../db/schema/index.js';
import { moveOutbox } from '../../jobs/outbox.repository.js';
import { moveEvents } from '../../realtime/events.repository.js';
import { moveAttachments } from '../attachments/attachments.repository.js';
import * as repo from './conversations.repository.js';

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
          inboxPriority: old.inboxPriority,
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
 * Moves a merged unit's conversations, with their messages, attachments, outbox rows, events and
 * canned replies, to the unit it became part of; in the merge's transaction. A resident who talked
 * to both units keeps one conversation with the successor, holding both histories (and the
 * predecessor's waiting state when the successor's was not). Other modules' rows move through
 * their own repositories.
 */
export async function moveConversationsOnMerge(
  trx: Executor,
  fromUnitId: string,
  intoUnitId: string,
  now: number,
): Promise<{ moved: number; joined: number }> {
  const olds = await repo.listUnitConversations(trx, fromUnitId);
  const theirs = await repo.listResidentsConversations(
    trx,
    intoUnitId,
    olds.map((o) => o.residentId),
  );
  const successor = new Map(theirs.map((c) => [`${c.residentId}:${c.channel}`, c]));
  let joinedCount = 0;
  for (const old of olds) {
    const kept = successor.get(`${old.residentId}:${old.channel}`);
    if (!kept) continue;
    const move = { fromConversationId: old.id, conversationId: kept.id, unitId: intoUnitId };
    await repo.moveMessages(trx, move);
    await moveAttachments(trx, move);
    await moveOutbox(trx, move);
    await moveEvents(trx, move);
    await repo.updateConversation(trx, kept.id, joined(kept, old, now));
    await repo.deleteConversation(trx, old.id);
    joinedCount += 1;
  }
  const moved = await repo.moveConversationsToUnit(trx, fromUnitId, intoUnitId, now);
  const unitMove = { fromUnitId, unitId: intoUnitId };
  await repo.moveMessages(trx, unitMove);
  await moveAttachments(trx, unitMove);
  await moveOutbox(trx, unitMove);
  await moveEvents(trx, unitMove);
  await repo.moveCannedReplies(trx, fromUnitId, intoUnitId);
  return { moved, joined: joinedCount };
}
