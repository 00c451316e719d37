import type { AuditAction } from '../../../contracts/audit.js';
import type { ConsoleTip, ConsoleTipSummary, TipDeadline, TipStatus } from '../../../contracts/tips.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { TipRow, UnitRow } from '../../db/schema/index.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { Action, Actor } from '../accounts/policy.js';
import type { Variant } from '../attachments/attachments.service.js';
import type { ServedFile } from '../attachments/serve.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { requireUnit, requireUnitOf } from '../units/units.service.js';
import { deadlinesFor } from './deadlines.js';
import { readTipAttachment } from './tip-attachments.js';
import { appendTipEvent, type TipAlertReason } from './tip-events.js';
import { presentConsoleTip, summary } from './tips.present.js';
import * as repo from './tips.repository.js';
import { openIdentity } from './vault.js';

// Officers' side of tips: the list (overdue first), one tip, messages to the reporter, internal
// notes, the identity vault and the unit's deadlines; the workflow, priority and merging are in
// tip-workflow.service.ts, through `record` here.
// Every action is checked against the tip's unit (404 unless seen, 403 unless allowed) and audited
// in its transaction.

/** The tip and its unit, for an officer allowed `action` there (404 unless they see the unit). */
export async function requireTip(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: Action,
): Promise<{ tip: TipRow; unit: UnitRow }> {
  const tip = await repo.findTip(ctx.database.db, id);
  const unit = await requireUnitOf(ctx, actor, tip?.unitId, action, 'Tip');
  if (!tip) throw new NotFoundError('Tip');
  return { tip, unit };
}

export async function presentOne(ctx: AppContext, id: string): Promise<ConsoleTip> {
  const tip = await repo.findTip(ctx.database.db, id);
  if (!tip) throw new NotFoundError('Tip');
  return presentConsoleTip(ctx.database.db, tip, ctx.clock.now());
}

function encodeCursor(k: repo.ListKey): string {
  return Buffer.from(JSON.stringify([k.now, k.overdue, k.rank, k.createdAt, k.id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): repo.ListKey | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 5) {
      const [now, overdue, rank, createdAt, id] = v as unknown[];
      if ([now, overdue, rank, createdAt].every((n) => Number.isSafeInteger(n)) && typeof id === 'string') {
        return {
          now: now as number,
          overdue: overdue as number,
          rank: rank as number,
          createdAt: createdAt as number,
          id,
        };
      }
    }
  } catch {
    // fall through
  }
  throw new BadRequestError('bad_cursor', 'cursor: not one this list gave');
}

/** A unit's tips, overdue first, then by priority, then oldest first. */
export async function listTips(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  query: { status?: TipStatus | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: ConsoleTipSummary[]; nextCursor: string | null }> {
  const unit = await requireUnit(ctx, actor, unitId, 'tip.read');
  const after = decodeCursor(query.cursor);
  const now = after?.now ?? ctx.clock.now();
  const rows = await repo.listUnitTips(ctx.database.db, unit.id, {
    status: query.status,
    after,
    now,
    limit: query.limit,
  });
  const last = rows.at(-1);
  return {
    items: rows.map((r) => summary(r, now)),
    nextCursor:
      last && rows.length === query.limit
        ? encodeCursor({
            now,
            overdue: last.notOverdue,
            rank: last.priorityRank,
            createdAt: last.createdAt,
            id: last.id,
          })
        : null,
  };
}

/** A file of a tip, for officers with tip.read on the tip's unit (404 otherwise, and for uploads no tip took). */
export async function readConsoleAttachment(
  ctx: AppContext,
  actor: Actor,
  attachmentId: string,
  variant: Variant,
): Promise<ServedFile> {
  const row = await repo.findAttachment(ctx.database.db, attachmentId);
  if (!row?.tipId) throw new NotFoundError('Attachment');
  const { tip } = await requireTip(ctx, actor, row.tipId, 'tip.read');
  return readTipAttachment(ctx, tip.id, row, variant);
}

export async function getTip(ctx: AppContext, actor: Actor, id: string): Promise<ConsoleTip> {
  const { tip } = await requireTip(ctx, actor, id, 'tip.read');
  return presentConsoleTip(ctx.database.db, tip, ctx.clock.now());
}

export async function record(
  ctx: AppContext,
  trx: Executor,
  tip: TipRow,
  unitId: string,
  actor: Actor,
  audit: AuditActor,
  entry: { action: string; auditAction: AuditAction; note?: string | null; details?: Record<string, unknown> },
  now: number,
): Promise<void> {
  await repo.insertEvent(trx, {
    id: newId(),
    unitId,
    tipId: tip.id,
    actorId: actor.officerId,
    actorName: actor.displayName,
    action: entry.action,
    note: entry.note ?? null,
    at: now,
  });
  await appendAudit(
    ctx,
    trx,
    audit,
    {
      unitId,
      action: entry.auditAction,
      targetType: 'tip',
      targetId: tip.id,
      details: { receiptCode: tip.receiptCode, ...entry.details },
    },
    now,
  );
}

/** Tells the tip's unit's desk (live) about the tip as it now stands, once the transaction commits. */
export async function alertDesk(
  ctx: AppContext,
  trx: Executor,
  afterCommit: (fn: () => void) => void,
  id: string,
  reason: TipAlertReason,
  now: number,
): Promise<void> {
  const tip = await repo.findTip(trx, id);
  if (!tip) return;
  await appendTipEvent(trx, tip, reason, now);
  afterCommit(() => ctx.bus.committed(tip.unitId));
}

/** A message to the reporter (shown on their follow-up page) or an internal note (never shown). */
export async function addMessage(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  text: string,
  internal: boolean,
): Promise<ConsoleTip> {
  const { tip } = await requireTip(ctx, actor, id, 'tip.handle');
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    await repo.insertMessage(trx, {
      id: newId(),
      unitId: tip.unitId,
      tipId: tip.id,
      author: 'officer',
      officerId: actor.officerId,
      internal: internal ? 1 : 0,
      text,
      createdAt: now,
    });
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: tip.unitId,
        action: internal ? 'tip.note' : 'tip.message',
        targetType: 'tip',
        targetId: tip.id,
        details: { receiptCode: tip.receiptCode },
      },
      now,
    );
  });
  return presentOne(ctx, id);
}

/** Opens the identity vault (the unit's owner or a supervisor above), audited with the reason. */
export async function revealIdentity(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  reason: string,
): Promise<{ name: string | null; phone: string | null }> {
  const { tip } = await requireTip(ctx, actor, id, 'tip.reveal');
  if (!tip.identitySealed) throw new ConflictError('no_identity', 'The reporter left no identity');
  const identity = openIdentity(ctx.key, tip.identitySealed);
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    await repo.insertReveal(trx, {
      id: newId(),
      unitId: tip.unitId,
      tipId: tip.id,
      officerId: actor.officerId,
      officerName: actor.displayName,
      reason,
      at: now,
    });
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: tip.unitId,
        action: 'tip.reveal',
        targetType: 'tip',
        targetId: tip.id,
        details: { receiptCode: tip.receiptCode, reason },
      },
      now,
    );
  });
  return { name: identity.name, phone: identity.phone };
}

export async function getDeadlines(ctx: AppContext, actor: Actor, unitId: string): Promise<{ items: TipDeadline[] }> {
  const unit = await requireUnit(ctx, actor, unitId, 'tip.read');
  return { items: deadlinesFor(await repo.unitDeadlines(ctx.database.db, unit.id)) };
}

/** Sets a unit's own deadlines for some categories; tips get them from their next step. */
export async function setDeadlines(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  items: TipDeadline[],
): Promise<{ items: TipDeadline[] }> {
  const unit = await requireUnit(ctx, actor, unitId, 'tip.configure');
  const categories = new Set(items.map((i) => i.category));
  if (categories.size !== items.length)
    throw new BadRequestError('duplicate_category', 'items: one entry per category');
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    await repo.saveDeadlines(trx, unit.id, items);
    await appendAudit(
      ctx,
      trx,
      audit,
      { unitId: unit.id, action: 'tip.deadlines', targetType: 'unit', targetId: unit.id, details: { items } },
      now,
    );
  });
  return { items: deadlinesFor(await repo.unitDeadlines(ctx.database.db, unit.id)) };
}
