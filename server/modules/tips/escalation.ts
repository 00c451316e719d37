import type { AppContext } from '../../context.js';
import { newId } from '../../lib/ids.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import * as repo from './tips.repository.js';

const BATCH = 100;
const ESCALATOR: AuditActor = { actorId: null, actorName: 'system:tip-deadlines', ip: null };

/**
 * Escalates open tips whose step is overdue to the unit's owners, once per step (main.ts runs it
 * every minute; tests call it after moving their clock): an escalation record, a history entry and
 * an audit entry naming the owners, and `escalatedAt` on the tip (each new step clears it).
 */
export async function escalateOverdueTips(ctx: AppContext): Promise<number> {
  const { database } = ctx;
  let escalated = 0;
  for (;;) {
    const now = ctx.clock.now();
    const due = await repo.listOverdueUnescalated(database.db, now, BATCH);
    const before = escalated;
    for (const { id } of due) {
      const done = await database.transaction(async (trx) => {
        const tip = await repo.lockTip(trx, database.dialect, id);
        if (!tip || tip.escalatedAt !== null || tip.dueAt === null || tip.dueAt >= now) return false;
        if (!['received', 'acknowledged', 'verifying'].includes(tip.status)) return false;
        await repo.updateTip(trx, tip.unitId, tip.id, { escalatedAt: now });
        await repo.insertEscalation(trx, {
          id: newId(),
          unitId: tip.unitId,
          tipId: tip.id,
          status: tip.status,
          dueAt: tip.dueAt,
          escalatedAt: now,
        });
        await repo.insertEvent(trx, {
          id: newId(),
          unitId: tip.unitId,
          tipId: tip.id,
          actorId: null,
          actorName: null,
          action: 'escalated',
          note: null,
          at: now,
        });
        const owners = await repo.ownerIds(trx, tip.unitId);
        await appendAudit(
          ctx,
          trx,
          ESCALATOR,
          {
            unitId: tip.unitId,
            action: 'tip.escalate',
            targetType: 'tip',
            targetId: tip.id,
            details: { receiptCode: tip.receiptCode, status: tip.status, dueAt: tip.dueAt, owners },
          },
          now,
        );
        return true;
      });
      if (done) escalated++;
    }
    if (due.length < BATCH || escalated === before) return escalated;
  }
}
