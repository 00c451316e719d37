import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/time.js';
import type { Actor } from '../accounts/policy.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import * as unitsRepo from '../units/units.repository.js';
import { deadlinesFor } from './deadlines.js';
import { readTipAttachment } from './tip-attachments.js';
import { renderTipPdf, type TipFile } from './tip-pdf.js';
import { presentConsoleTip } from './tips.present.js';
import * as repo from './tips.repository.js';
import { requireTip } from './tips.service.js';

// A tip's file for the case record: what officers see of the tip (never the identity vault's
// contents, only whether an identity was left), rendered as a PDF and audited as an export.

async function unitNames(ctx: AppContext, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    const unit = await unitsRepo.findUnitById(ctx.database.db, id);
    if (unit) names.set(id, unit.displayName);
  }
  return names;
}

/** JPEG thumbnails of a tip's photos (PDFKit reads JPEG and PNG; WebP thumbnails are left out). */
async function thumbnails(ctx: AppContext, tipId: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const row of await repo.listAttachments(ctx.database.db, tipId)) {
    if (row.messageId !== null || !row.thumbnailKey || row.mimeType !== 'image/jpeg') continue;
    try {
      out.set(row.id, (await readTipAttachment(ctx, tipId, row, 'thumbnail')).data);
    } catch {
      // a missing thumbnail file: the attachment stays listed without it
    }
  }
  return out;
}

/** Builds the file's data for one tip as the officer may see it (404 unless they read its unit). */
export async function tipFileData(ctx: AppContext, actor: Actor, id: string): Promise<TipFile> {
  const { tip: row, unit } = await requireTip(ctx, actor, id, 'tip.read');
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const [tip, related, thumbs, own] = await Promise.all([
    presentConsoleTip(db, row, now),
    repo.relatedTips(db, row.id),
    thumbnails(ctx, row.id),
    repo.unitDeadlines(db, row.unitId),
  ]);
  const names = await unitNames(
    ctx,
    tip.history.map((h) => h.unitId),
  );
  return {
    unitName: unit.displayName,
    receiptCode: tip.receiptCode,
    category: tip.category,
    status: tip.status,
    priority: tip.priority,
    anonymous: tip.anonymous,
    identityLeft: tip.identityLeft,
    createdAt: tip.createdAt,
    occurredAt: tip.occurredAt,
    place: tip.place,
    description: tip.description,
    dueAt: tip.dueAt,
    overdue: tip.overdue,
    escalatedAt: tip.escalatedAt,
    deadline: deadlinesFor(own).find((d) => d.category === tip.category) ?? null,
    outcome: tip.outcome,
    transferredTo: tip.transferredTo,
    rejectKind: tip.rejectKind,
    rejectReason: tip.rejectReason,
    history: tip.history.map((h) => ({
      action: h.action,
      actorName: h.actorName,
      unitName: names.get(h.unitId) ?? null,
      note: h.note,
      at: h.at,
    })),
    messages: tip.messages.map((m) => ({
      author: m.author,
      officerName: m.officerName,
      text: m.text,
      at: m.createdAt,
      files: m.attachments.map((a) => a.name),
    })),
    notes: tip.notes.map((n) => ({ officerName: n.officerName, text: n.text, at: n.createdAt })),
    attachments: tip.attachments.map((a) => ({
      name: a.name,
      sizeBytes: a.sizeBytes,
      mimeType: a.mimeType,
      thumbnail: thumbs.get(a.id) ?? null,
    })),
    related: related.map((r) => ({ receiptCode: r.receiptCode, reason: r.reason || null })),
    reveals: tip.reveals,
    exportedAt: toIso(now) ?? '',
    exportedBy: `${actor.displayName} (${actor.username})`,
  };
}

/** A tip's file as a PDF for the case record (officers who read the tip), audited as an export. */
export async function exportTipPdf(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
): Promise<{ receiptCode: string; pdf: Buffer }> {
  const file = await tipFileData(ctx, actor, id);
  const pdf = await renderTipPdf(file);
  // The tip's unit now (the file was read a moment ago; a transfer meanwhile moves the entry with it).
  const row = await repo.findTip(ctx.database.db, id);
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: row?.unitId ?? null,
        action: 'tip.export',
        targetType: 'tip',
        targetId: id,
        details: { receiptCode: file.receiptCode, format: 'pdf' },
      },
      now,
    );
  });
  return { receiptCode: file.receiptCode, pdf };
}

/** Records that an officer took a unit's tip list as CSV (how many rows, which status). */
export async function recordCsvExport(
  ctx: AppContext,
  audit: AuditActor,
  unitId: string,
  details: { status: string | null; count: number },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    await appendAudit(
      ctx,
      trx,
      audit,
      { unitId, action: 'tip.export', targetType: 'unit', targetId: unitId, details: { format: 'csv', ...details } },
      now,
    );
  });
}
