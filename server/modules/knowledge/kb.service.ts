import fs from 'node:fs';
import path from 'node:path';
import {
  kbSeedFileSchema,
  procedureContentSchema,
  type FieldChange,
  type ProcedureContent,
  type ProcedureEntry,
  type ProcedureGuide,
  type ProcedureSummary,
  type ProcedureUpdate,
  type ProcedureVersion,
  type UnitProcedureNote,
} from '../../../contracts/knowledge.js';
import { procedureIdSchema, type ProcedureId } from '../../../contracts/assistant.js';
import type { AppContext } from '../../context.js';
import type { KbProcedureRow, KbProcedureVersionRow, UnitProcedureNoteRow } from '../../db/schema/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { projectRoot } from '../../lib/paths.js';
import { toIso } from '../../lib/time.js';
import { canShared, type Actor } from '../accounts/policy.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { getPublicUnit, requireUnit } from '../units/units.service.js';
import { feeRulesInForce, vietnamDate } from './fee-rules.js';
import { contentOf, diffContent } from './kb-diff.js';
import * as repo from './kb.repository.js';
import { residentEntry } from './resident-view.js';

export const KB_SEED = 'seed/kb/procedures.json';

function parseContent(text: string): ProcedureContent {
  return procedureContentSchema.parse(JSON.parse(text));
}

// Every assistant answer reads an entry; parsing and validating its JSON each time was the costliest
// step. Keyed by the stored text itself, so an edit (or a restored backup) can never serve stale content.
const parsedContent = new Map<string, ProcedureContent>();
function cachedContent(text: string): ProcedureContent {
  let content = parsedContent.get(text);
  if (!content) {
    if (parsedContent.size >= 500) parsedContent.clear();
    content = parseContent(text);
    parsedContent.set(text, content);
  }
  return content;
}

export function presentEntry(row: KbProcedureRow): ProcedureEntry {
  const taxonomy = procedureIdSchema.safeParse(row.taxonomyId);
  return {
    ...cachedContent(row.content),
    id: row.id,
    taxonomyId: taxonomy.success ? taxonomy.data : null,
    version: row.version,
    updatedAt: toIso(row.updatedAt) ?? '',
    updatedBy: row.updatedBy,
  };
}

function presentVersion(row: KbProcedureVersionRow): ProcedureVersion {
  return {
    id: row.id,
    procedureId: row.procedureId,
    version: row.version,
    content: cachedContent(row.content),
    diff: JSON.parse(row.diff) as FieldChange[],
    changedBy: row.changedBy,
    changedAt: toIso(row.changedAt) ?? '',
  };
}

function presentNote(row: UnitProcedureNoteRow): UnitProcedureNote {
  return {
    unitId: row.unitId,
    procedureId: row.procedureId,
    note: row.note,
    updatedAt: toIso(row.updatedAt) ?? '',
    updatedBy: row.updatedBy,
  };
}

/** Loads seed/kb/procedures.json when the knowledge base is empty (version 1 of every entry). */
export async function seedKnowledgeBaseIfEmpty(ctx: AppContext): Promise<{ created: number } | null> {
  if ((await repo.countProcedures(ctx.database.db)) > 0) return null;
  const file = kbSeedFileSchema.parse(JSON.parse(fs.readFileSync(path.join(projectRoot(), KB_SEED), 'utf8')));
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx, afterCommit) => {
    afterCommit(() => ctx.referenceCache.clear());
    for (const e of file) {
      const content = JSON.stringify(e.content);
      await repo.insertProcedure(trx, {
        id: e.id,
        taxonomyId: e.taxonomyId,
        content,
        version: 1,
        updatedAt: now,
        updatedBy: null,
      });
      await repo.insertVersion(trx, {
        id: newId(),
        procedureId: e.id,
        version: 1,
        content,
        diff: '[]',
        changedBy: 'system:seed',
        changedAt: now,
      });
    }
    await appendAudit(
      ctx,
      trx,
      { actorId: null, actorName: 'system:seed', ip: null },
      { unitId: null, action: 'kb.seed', details: { source: KB_SEED, entries: file.length } },
      now,
    );
  });
  return { created: file.length };
}

/** The procedures guide: every entry, by Vietnamese name. */
export async function listProcedureSummaries(ctx: AppContext): Promise<ProcedureSummary[]> {
  const rows = await repo.listProcedures(ctx.database.db);
  return rows
    .map(presentEntry)
    .map((e) => ({
      id: e.id,
      taxonomyId: e.taxonomyId,
      nameVi: e.nameVi,
      nameEn: e.nameEn,
      verified: e.verified,
      lastChecked: e.lastChecked,
    }))
    .sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi'));
}

export async function getProcedure(ctx: AppContext, id: string): Promise<ProcedureEntry> {
  const row = await ctx.referenceCache.get(`kb:id:${id}`, ctx.clock.now(), () =>
    repo.findProcedure(ctx.database.db, id),
  );
  if (!row) throw new NotFoundError('Procedure');
  return presentEntry(row);
}

/** The entry that answers an assistant procedure id, if the knowledge base has one. */
export async function getPrimaryProcedure(ctx: AppContext, taxonomyId: ProcedureId): Promise<ProcedureEntry | null> {
  const row = await ctx.referenceCache.get(`kb:taxonomy:${taxonomyId}`, ctx.clock.now(), () =>
    repo.findProcedureByTaxonomy(ctx.database.db, taxonomyId),
  );
  return row ? presentEntry(row) : null;
}

/** A unit's note on a procedure (public: the note is shown to residents). */
export async function findUnitNote(ctx: AppContext, unitId: string, procedureId: string): Promise<string | null> {
  const row = await ctx.referenceCache.get(`kb:note:${unitId}:${procedureId}`, ctx.clock.now(), () =>
    repo.findUnitNote(ctx.database.db, unitId, procedureId),
  );
  return row?.note ?? null;
}

/**
 * The guide page of one procedure as residents see it (official sources only, no research notes,
 * unverified fees left out), with the fees in force on the day (Vietnam) and the unit's note.
 */
export async function getProcedureGuide(
  ctx: AppContext,
  id: string,
  options: { unitSlug?: string | undefined; date?: string | undefined },
): Promise<ProcedureGuide> {
  const entry = await getProcedure(ctx, id);
  const date = options.date ?? vietnamDate(ctx.clock.now());
  let unitNote: UnitProcedureNote | null = null;
  if (options.unitSlug) {
    const { unit } = await getPublicUnit(ctx, options.unitSlug);
    const row = await repo.findUnitNote(ctx.database.db, unit.id, id);
    unitNote = row ? presentNote(row) : null;
  }
  const shown = residentEntry(entry);
  return { ...shown, feeToday: { date, rules: feeRulesInForce(shown.fee.rules, date) }, unitNote };
}

/** Admin edit of shared content: a new version with its field diff and an audit row, in one transaction. */
export async function updateProcedure(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  update: ProcedureUpdate,
): Promise<ProcedureEntry> {
  if (!canShared(actor, 'kb.edit')) throw new ForbiddenError();
  const { expectedVersion, ...rest } = update;
  // Re-parsed so key order (and so the stored JSON and the diff) does not depend on the client.
  const content = contentOf(rest);
  // Read afresh, not from the cache: the version check and the diff need what is stored now.
  const stored = await repo.findProcedure(ctx.database.db, id);
  if (!stored) throw new NotFoundError('Procedure');
  const current = presentEntry(stored);
  const conflict = () =>
    new ConflictError('version_conflict', `The entry changed meanwhile (now version ${current.version}); reload it`);
  if (current.version !== expectedVersion) throw conflict();
  const diff = diffContent(contentOf(current), content);
  if (diff.length === 0) return current;
  const now = ctx.clock.now();
  const version = expectedVersion + 1;
  const text = JSON.stringify(content);
  await ctx.database.transaction(async (trx, afterCommit) => {
    afterCommit(() => ctx.referenceCache.clear());
    const ok = await repo.updateProcedureIfVersion(trx, id, expectedVersion, {
      content: text,
      version,
      updatedAt: now,
      updatedBy: audit.actorName,
    });
    if (!ok) throw conflict();
    await repo.insertVersion(trx, {
      id: newId(),
      procedureId: id,
      version,
      content: text,
      diff: JSON.stringify(diff),
      changedBy: audit.actorName,
      changedAt: now,
    });
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: null,
        action: 'kb.procedure.update',
        targetType: 'kb_procedure',
        targetId: id,
        details: { version, fields: diff.map((d) => d.field) },
      },
      now,
    );
  });
  return getProcedure(ctx, id);
}

/** Every version of an entry, newest first (any signed-in officer). */
export async function listProcedureVersions(ctx: AppContext, id: string): Promise<ProcedureVersion[]> {
  await getProcedure(ctx, id);
  return (await repo.listVersions(ctx.database.db, id)).map(presentVersion);
}

/** The unit's notes on procedures (officers of the unit and those overseeing it). */
export async function listUnitNotes(ctx: AppContext, actor: Actor, unitId: string): Promise<UnitProcedureNote[]> {
  const unit = await requireUnit(ctx, actor, unitId, 'unit.read');
  return (await repo.listUnitNotes(ctx.database.db, unit.id)).map(presentNote);
}

/** Sets (or, with an empty note, removes) the unit's note on a procedure; owners and admins, audited. */
export async function setUnitNote(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  procedureId: string,
  note: string,
): Promise<UnitProcedureNote> {
  const unit = await requireUnit(ctx, actor, unitId, 'unit.update');
  await getProcedure(ctx, procedureId);
  const now = ctx.clock.now();
  const row: UnitProcedureNoteRow = {
    id: newId(),
    unitId: unit.id,
    procedureId,
    note,
    updatedAt: now,
    updatedBy: audit.actorName,
  };
  await ctx.database.transaction(async (trx, afterCommit) => {
    afterCommit(() => ctx.referenceCache.clear());
    const old = await repo.findUnitNote(trx, unit.id, procedureId);
    if ((old?.note ?? '') === note) return;
    if (note === '') await repo.deleteUnitNote(trx, unit.id, procedureId);
    else if (old)
      await repo.updateUnitNote(trx, unit.id, procedureId, { note, updatedAt: now, updatedBy: row.updatedBy });
    else await repo.insertUnitNote(trx, row);
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: unit.id,
        action: 'kb.note.update',
        targetType: 'kb_procedure',
        targetId: procedureId,
        details: { from: old?.note ?? null, to: note === '' ? null : note },
      },
      now,
    );
  });
  return presentNote(row);
}
