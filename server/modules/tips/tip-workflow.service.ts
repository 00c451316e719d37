import type { AuditAction } from '../../../contracts/audit.js';
import type { ConsoleTip, TipPriority, TipStatus, TipTransitionInput } from '../../../contracts/tips.js';
import { ACCOUNT_KINDS, type UnitKind } from '../../../contracts/units.js';
import type { AppContext } from '../../context.js';
import type { TipRow, UnitRow } from '../../db/schema/index.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import type { Actor } from '../accounts/policy.js';
import type { AuditActor } from '../audit/audit.service.js';
import * as unitsRepo from '../units/units.repository.js';
import { deadlinesFor, dueAt } from './deadlines.js';
import { InvalidTipTransitionError, transition, type TipEvent } from './tip-state.js';
import { PRIORITY_RANK } from './tips.public.js';
import { presentConsoleTip } from './tips.present.js';
import * as repo from './tips.repository.js';
import { alertDesk, presentOne, record, requireTip } from './tips.service.js';

// Officers' workflow steps on a tip: acknowledge, verify, handle, transfer (here or outside),
// reject, reopen; merging a duplicate into another tip; raising or lowering its priority. Each step
// is checked by the pure state machine (tip-state.ts) and recorded with its history, audit entry
// and, for the unit's desk, its alert, through tips.service's `record`.

const AUDIT_OF: Record<TipEvent['type'], AuditAction> = {
  acknowledge: 'tip.acknowledge',
  verify: 'tip.verify',
  handle: 'tip.handle',
  transfer_here: 'tip.transfer',
  transfer_out: 'tip.transfer',
  reject: 'tip.reject',
};

function eventOf(tip: TipRow, input: TipTransitionInput): TipEvent {
  switch (input.to) {
    case 'acknowledged':
      return { type: 'acknowledge' };
    case 'verifying':
      return { type: 'verify' };
    case 'handled':
      return { type: 'handle', outcome: input.outcome ?? '' };
    case 'transferred':
      if (input.unitId && input.bodyName) {
        throw new BadRequestError('invalid_tip_event', 'transferred: unitId (here) or bodyName (outside), not both');
      }
      return input.unitId
        ? { type: 'transfer_here', toUnitId: input.unitId, fromUnitId: tip.unitId }
        : { type: 'transfer_out', bodyName: input.bodyName ?? '' };
    case 'rejected':
      if (!input.rejectKind) throw new BadRequestError('invalid_tip_event', 'rejected: rejectKind is required');
      return {
        type: 'reject',
        kind: input.rejectKind,
        reason: input.reason ?? '',
        relatedTipId: input.relatedTipId ?? null,
      };
  }
}

/** Whether two units are in the same province (the first unit of their paths). */
function sameProvince(a: UnitRow, b: UnitRow): boolean {
  return a.path.split('/')[1] === b.path.split('/')[1];
}

/** One workflow step (acknowledge, check, settle, transfer, reject), with its deadline and audit entry. */
export async function transitionTip(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  input: TipTransitionInput,
  auditAction?: AuditAction,
): Promise<ConsoleTip> {
  const { tip: seen, unit } = await requireTip(ctx, actor, id, 'tip.handle');
  const event = eventOf(seen, input);
  if (event.type === 'transfer_here') {
    const target = await unitsRepo.findUnitById(ctx.database.db, event.toUnitId);
    if (
      !target ||
      target.mergedInto ||
      !ACCOUNT_KINDS.includes(target.kind as UnitKind) ||
      !sameProvince(unit, target)
    ) {
      throw new BadRequestError('unknown_unit', 'unitId: not a ward or commune of this province');
    }
  }
  if (event.type === 'reject' && event.relatedTipId) {
    const related = await repo.findTip(ctx.database.db, event.relatedTipId);
    if (!related || related.unitId !== seen.unitId || related.id === seen.id) {
      throw new BadRequestError('unknown_tip', 'relatedTipId: not another tip of this unit');
    }
  }
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx, afterCommit) => {
    const tip = await repo.lockTip(trx, ctx.database.dialect, id);
    if (!tip || tip.unitId !== seen.unitId)
      throw new ConflictError('tip_moved', 'The tip changed meanwhile; reload it');
    let t;
    try {
      t = transition(tip.status as TipStatus, event);
    } catch (err) {
      if (err instanceof InvalidTipTransitionError) {
        if (err.code === 'invalid_tip_event') throw new BadRequestError(err.code, err.message);
        throw new ConflictError(err.code, err.message);
      }
      throw err;
    }
    const unitId = t.moveToUnitId ?? tip.unitId;
    const receivedAt = t.moveToUnitId ? now : tip.receivedAt;
    const deadlines = deadlinesFor(await repo.unitDeadlines(trx, unitId));
    const d = deadlines.find((x) => x.category === tip.category);
    await repo.updateTip(trx, tip.unitId, tip.id, {
      status: t.status,
      receivedAt,
      stepStartedAt: now,
      dueAt: d ? dueAt(t.deadline, d, { stepStartedAt: now, receivedAt }) : null,
      escalatedAt: null,
      updatedAt: now,
      ...(event.type === 'handle' ? { outcome: event.outcome } : {}),
      ...(event.type === 'transfer_out' ? { transferredTo: event.bodyName } : {}),
      ...(event.type === 'reject' ? { rejectKind: event.kind, rejectReason: event.reason } : {}),
    });
    if (event.type === 'reject' && event.relatedTipId) {
      await repo.insertLink(trx, {
        tipId: tip.id,
        relatedTipId: event.relatedTipId,
        unitId: tip.unitId,
        reason: event.reason,
        createdAt: now,
      });
    }
    const note =
      event.type === 'handle'
        ? event.outcome
        : event.type === 'transfer_out'
          ? event.bodyName
          : event.type === 'reject'
            ? `${event.kind}: ${event.reason}`
            : (input.note ?? null);
    // The step is recorded at the unit that did it; a transfer here then moves the whole tip.
    await record(
      ctx,
      trx,
      tip,
      tip.unitId,
      actor,
      audit,
      {
        action: t.action,
        auditAction: auditAction ?? AUDIT_OF[event.type],
        note: input.note && note !== input.note ? `${note ?? ''} — ${input.note}` : note,
        details: {
          from: tip.status,
          to: t.status,
          ...(t.moveToUnitId ? { toUnitId: t.moveToUnitId } : {}),
          ...(event.type === 'reject' ? { rejectKind: event.kind, relatedTipId: event.relatedTipId } : {}),
        },
      },
      now,
    );
    if (t.moveToUnitId) {
      await repo.moveTip(trx, tip.id, t.moveToUnitId);
      await alertDesk(ctx, trx, afterCommit, tip.id, 'transferred', now);
    }
  });
  // After a transfer here the actor may no longer see the tip: answer with what they may see.
  const after = await repo.findTip(ctx.database.db, id);
  if (!after) throw new NotFoundError('Tip');
  return presentConsoleTip(ctx.database.db, after, ctx.clock.now());
}

/** Merges a tip into the one it repeats: rejected as a duplicate, linked, with the reason. */
export async function mergeTip(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  input: { intoTipId: string; reason: string },
): Promise<ConsoleTip> {
  return transitionTip(
    ctx,
    actor,
    audit,
    id,
    { to: 'rejected', rejectKind: 'duplicate', reason: input.reason, relatedTipId: input.intoTipId },
    'tip.merge',
  );
}

export async function setPriority(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  input: { priority: TipPriority; note?: string | undefined },
): Promise<ConsoleTip> {
  const { tip } = await requireTip(ctx, actor, id, 'tip.handle');
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx, afterCommit) => {
    await repo.updateTip(trx, tip.unitId, tip.id, {
      priority: input.priority,
      priorityRank: PRIORITY_RANK[input.priority],
      updatedAt: now,
    });
    await record(
      ctx,
      trx,
      tip,
      tip.unitId,
      actor,
      audit,
      {
        action: `priority_${input.priority}`,
        auditAction: 'tip.priority',
        note: input.note ?? null,
        details: { from: tip.priority, to: input.priority },
      },
      now,
    );
    if (input.priority === 'urgent' && tip.priority !== 'urgent') {
      await alertDesk(ctx, trx, afterCommit, tip.id, 'urgent', now);
    }
  });
  return presentOne(ctx, id);
}
