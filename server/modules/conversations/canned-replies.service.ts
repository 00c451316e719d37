import type { z } from 'zod';
import type { cannedReplySchema, createCannedReplySchema } from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import type { CannedReplyRow } from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import type { Actor } from '../accounts/policy.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { requireUnit } from '../units/units.service.js';
import * as repo from './conversations.repository.js';

type CannedReply = z.infer<typeof cannedReplySchema>;

function present(r: CannedReplyRow): CannedReply {
  return { id: r.id, title: r.title, text: r.text, createdAt: toIso(r.createdAt) ?? '' };
}

/** The unit's canned replies (everyone who reads its conversations). */
export async function listCannedReplies(ctx: AppContext, actor: Actor, unitId: string): Promise<CannedReply[]> {
  const unit = await requireUnit(ctx, actor, unitId, 'conversation.read');
  return (await repo.listCannedReplies(ctx.database.db, unit.id)).map(present);
}

/** Adds a canned reply to the unit (officers and owners), audited. */
export async function createCannedReply(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  input: z.infer<typeof createCannedReplySchema>,
): Promise<CannedReply> {
  const unit = await requireUnit(ctx, actor, unitId, 'conversation.handle');
  const now = ctx.clock.now();
  const row: CannedReplyRow = { id: newId(), unitId: unit.id, ...input, createdBy: actor.officerId, createdAt: now };
  await ctx.database.transaction(async (trx) => {
    await repo.insertCannedReply(trx, row);
    await appendAudit(
      ctx,
      trx,
      audit,
      { unitId: unit.id, action: 'canned_reply.create', targetType: 'canned_reply', targetId: row.id },
      now,
    );
  });
  return present(row);
}

/** Removes a canned reply of the unit, audited. */
export async function deleteCannedReply(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  replyId: string,
): Promise<void> {
  const unit = await requireUnit(ctx, actor, unitId, 'conversation.handle');
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    if (!(await repo.deleteCannedReply(trx, unit.id, replyId))) throw new NotFoundError('Canned reply');
    await appendAudit(
      ctx,
      trx,
      audit,
      { unitId: unit.id, action: 'canned_reply.delete', targetType: 'canned_reply', targetId: replyId },
      now,
    );
  });
}
