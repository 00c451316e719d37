import fs from 'node:fs';
import path from 'node:path';
import {
  ACCOUNT_KINDS,
  unitImportFileSchema,
  type Unit,
  type UnitKind,
  type UnitProfileUpdate,
} from '../../../contracts/units.js';
import type { AppContext } from '../../context.js';
import type { UnitRow } from '../../db/schema/index.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { projectRoot } from '../../lib/paths.js';
import { toIso } from '../../lib/time.js';
import type { Action, Actor } from '../accounts/policy.js';
import { can, canSee, isAdmin } from '../accounts/policy.js';
import * as accountsRepo from '../accounts/accounts.repository.js';
import * as assistantRepo from '../assistant/assistant.repository.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { moveBroadcastsOnMerge } from '../broadcasts/unit-merge.js';
import { moveConversationsOnMerge } from '../conversations/unit-merge.js';
import { moveZaloOnMerge } from '../zalo/unit-merge.js';
import { defaultDisplayName, flattenUnitTree, UnitTreeError } from './unit-import.js';
import * as repo from './units.repository.js';

export function presentUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind as UnitKind,
    name: row.name,
    displayName: row.displayName,
    parentId: row.parentId,
    description: row.description,
    address: row.address,
    phone: row.phone,
    hotline: row.hotline,
    openingHours: row.openingHours,
    latitude: row.latitude,
    longitude: row.longitude,
    avatarUrl: row.avatarUrl,
    mergedInto: row.mergedInto,
    hasAccount: ACCOUNT_KINDS.includes(row.kind as UnitKind),
    updatedAt: toIso(row.updatedAt) ?? '',
  };
}

/** Public list of units (not merged away), optionally of some kinds. */
export async function listPublicUnits(ctx: AppContext, kinds?: UnitKind[]): Promise<Unit[]> {
  return (await repo.listActiveUnits(ctx.database.db, kinds)).map(presentUnit);
}

/** A unit by slug; a merged unit answers with the unit it was merged into (cached reference data). */
export async function getPublicUnit(ctx: AppContext, slug: string): Promise<{ unit: Unit; redirectedFrom?: string }> {
  return ctx.referenceCache.get(`unit:slug:${slug}`, ctx.clock.now(), () => loadPublicUnit(ctx, slug));
}

async function loadPublicUnit(ctx: AppContext, slug: string): Promise<{ unit: Unit; redirectedFrom?: string }> {
  const db = ctx.database.db;
  let row = await repo.findUnitBySlug(db, slug);
  if (!row) throw new NotFoundError('Unit');
  const from = row.mergedInto ? row.slug : undefined;
  for (let hops = 0; row.mergedInto && hops < 10; hops++) {
    row = await repo.findUnitById(db, row.mergedInto);
    if (!row) throw new NotFoundError('Unit');
  }
  return from ? { unit: presentUnit(row), redirectedFrom: from } : { unit: presentUnit(row) };
}

/** The public face of a unit by id, following merges (cached reference data); null when unknown. */
export async function publicUnitById(ctx: AppContext, id: string): Promise<Unit | null> {
  const row = await ctx.referenceCache.get(`unit:id:${id}`, ctx.clock.now(), () =>
    repo.findUnitById(ctx.database.db, id),
  );
  return row ? (await getPublicUnit(ctx, row.slug)).unit : null;
}

/** Loads a unit for a console action: 404 when the actor cannot see it, 403 when it may not act. */
export async function requireUnit(ctx: AppContext, actor: Actor, unitId: string, action: Action): Promise<UnitRow> {
  return requireUnitOf(ctx, actor, unitId, action, 'Unit');
}

/**
 * Loads the unit something of a unit belongs to (undefined: the thing was not found) for a console
 * action on it: 404 naming `what` unless the actor sees the unit, 403 unless it may act.
 */
export async function requireUnitOf(
  ctx: AppContext,
  actor: Actor,
  unitId: string | undefined,
  action: Action,
  what: string,
): Promise<UnitRow> {
  const unit = unitId === undefined ? undefined : await repo.findUnitById(ctx.database.db, unitId);
  if (!unit || !canSee(actor, unit)) throw new NotFoundError(what);
  if (!can(actor, action, unit)) throw new ForbiddenError();
  return unit;
}

/** Units the actor works in or oversees. */
export async function listConsoleUnits(ctx: AppContext, actor: Actor): Promise<Unit[]> {
  const db = ctx.database.db;
  if (isAdmin(actor)) return (await repo.listActiveUnits(db)).map(presentUnit);
  return (await repo.listUnitsUnder(db, actor.grants.map((g) => g.unitPath).filter(Boolean))).map(presentUnit);
}

/** Edits a unit's official-account profile (owners and admins), audited with the changed fields. */
export async function updateUnitProfile(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  patch: UnitProfileUpdate,
): Promise<Unit> {
  const unit = await requireUnit(ctx, actor, unitId, 'unit.update');
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set: Partial<UnitRow> = {};
  for (const [k, v] of Object.entries(patch) as [keyof UnitProfileUpdate, unknown][]) {
    if (v === undefined) continue;
    const next = typeof v === 'string' && v === '' ? null : v;
    if (unit[k] !== next) {
      changes[k] = { from: unit[k], to: next };
      (set as Record<string, unknown>)[k] = next;
    }
  }
  if (Object.keys(changes).length === 0) return presentUnit(unit);
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx, afterCommit) => {
    afterCommit(() => ctx.referenceCache.clear());
    await repo.updateUnit(trx, unit.id, { ...set, updatedAt: now });
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: unit.id,
        action: 'unit.update',
        targetType: 'unit',
        targetId: unit.id,
        details: { changes },
      },
      now,
    );
  });
  return presentUnit({ ...unit, ...set, updatedAt: now });
}

export interface ImportReport {
  created: number;
  filled: number;
  unchanged: number;
}

/**
 * Imports a unit tree (validated as a whole, one transaction: a bad file changes nothing).
 * Existing units (same slug) keep what officers entered; only empty fields are filled.
 */
export async function importUnits(
  ctx: AppContext,
  audit: AuditActor,
  input: unknown,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  const parsed = unitImportFileSchema.safeParse(input);
  if (!parsed.success) {
    throw new UnitTreeError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const file = parsed.data;
  const db = ctx.database.db;
  const parent = file.parent ? await repo.findUnitBySlug(db, file.parent) : undefined;
  if (file.parent && !parent) throw new UnitTreeError([`parent: no unit with slug "${file.parent}"`]);
  const flat = flattenUnitTree(file, parent ? (parent.kind as UnitKind) : null);
  const now = ctx.clock.now();
  const report: ImportReport = { created: 0, filled: 0, unchanged: 0 };
  await ctx.database.transaction(async (trx, afterCommit) => {
    afterCommit(() => ctx.referenceCache.clear());
    const existing = new Map(
      (
        await repo.findUnitsBySlugs(
          trx,
          flat.map((f) => f.node.slug),
        )
      ).map((u) => [u.slug, u]),
    );
    const bySlug = new Map<string, UnitRow>(parent ? [[parent.slug, parent]] : []);
    const problems: string[] = [];
    let done = 0;
    for (const { node, parentSlug, sortOrder } of flat) {
      const up = parentSlug ? bySlug.get(parentSlug) : undefined;
      const old = existing.get(node.slug);
      if (old) {
        if (old.kind !== node.kind || old.parentId !== (up?.id ?? null)) {
          problems.push(`${node.slug}: already exists as a ${old.kind} elsewhere in the tree`);
          continue;
        }
        const fill: Partial<UnitRow> = {};
        for (const k of [
          'description',
          'address',
          'phone',
          'hotline',
          'openingHours',
          'latitude',
          'longitude',
        ] as const) {
          const v = node[k];
          if (old[k] === null && v !== undefined && v !== null) (fill as Record<string, unknown>)[k] = v;
        }
        if (Object.keys(fill).length) {
          await repo.updateUnit(trx, old.id, { ...fill, updatedAt: now });
          report.filled++;
        } else report.unchanged++;
        bySlug.set(old.slug, { ...old, ...fill });
      } else {
        const id = newId();
        const row: UnitRow = {
          id,
          parentId: up?.id ?? null,
          kind: node.kind,
          slug: node.slug,
          name: node.name,
          displayName: node.displayName ?? defaultDisplayName(node.kind, node.name),
          description: node.description ?? null,
          address: node.address ?? null,
          phone: node.phone ?? null,
          hotline: node.hotline ?? null,
          openingHours: node.openingHours ?? null,
          latitude: node.latitude ?? null,
          longitude: node.longitude ?? null,
          avatarUrl: null,
          path: `${up?.path ?? '/'}${id}/`,
          sortOrder,
          mergedInto: null,
          mergedAt: null,
          createdAt: now,
          updatedAt: now,
        };
        await repo.insertUnit(trx, row);
        bySlug.set(row.slug, row);
        report.created++;
      }
      onProgress?.(++done, flat.length);
    }
    if (problems.length) throw new UnitTreeError(problems);
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: parent?.id ?? null,
        action: 'units.import',
        details: { ...report, source: file.source ?? null, roots: file.units.map((u) => u.slug) },
      },
      now,
    );
  });
  return report;
}

/** Reads an import file from disk as JSON, with a clear error for unreadable files. */
export function readImportFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UnitTreeError([`cannot read ${file}: ${(err as Error).message}`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UnitTreeError([`${file} is not valid JSON: ${(err as Error).message}`]);
  }
}

export const HA_TINH_SEED = 'seed/units/ha-tinh.json';

/** Loads the Hà Tĩnh seed when the database has no units yet. */
export async function seedUnitsIfEmpty(ctx: AppContext): Promise<ImportReport | null> {
  if ((await repo.countUnits(ctx.database.db)) > 0) return null;
  const file = readImportFile(path.join(projectRoot(), HA_TINH_SEED));
  return importUnits(ctx, { actorId: null, actorName: 'system:seed', ip: null }, file);
}

/**
 * Merges a ward/commune into another (the 2025 reorganisation): the old unit keeps its history
 * and redirects; its residential groups and officers move to the new one, and so do its residents'
 * conversations, its followers, its posts and its Zalo residents (and OA, if the new one has none).
 */
export async function mergeUnit(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  intoUnitId: string,
): Promise<Unit> {
  const from = await requireUnit(ctx, actor, unitId, 'unit.merge');
  const into = await requireUnit(ctx, actor, intoUnitId, 'unit.merge');
  if (from.id === into.id) throw new BadRequestError('merge_into_self', 'A unit cannot be merged into itself');
  if (from.mergedInto || into.mergedInto)
    throw new BadRequestError('already_merged', 'One of the units was already merged');
  const accountKinds = ACCOUNT_KINDS as readonly string[];
  if (!accountKinds.includes(from.kind) || !accountKinds.includes(into.kind)) {
    throw new BadRequestError('merge_kind', 'Only wards and communes can be merged');
  }
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx, afterCommit) => {
    afterCommit(() => ctx.referenceCache.clear());
    const moved = await repo.listDescendants(trx, from.path);
    for (const d of moved) {
      await repo.updateUnit(trx, d.id, {
        path: into.path + d.path.slice(from.path.length),
        parentId: d.parentId === from.id ? into.id : d.parentId,
        updatedAt: now,
      });
    }
    const roles = await accountsRepo.moveRolesToUnit(trx, from.id, into.id);
    const conversations = await moveConversationsOnMerge(trx, from.id, into.id, now);
    // Zalo first: whether the merged unit's OA goes along decides if its groups' Zalo links still work.
    const zalo = await moveZaloOnMerge(trx, from.id, into.id);
    const broadcasts = await moveBroadcastsOnMerge(trx, from, into.id, now, zalo.connectionMoved);
    await assistantRepo.moveQuestionsToUnit(trx, from.id, into.id);
    await repo.updateUnit(trx, from.id, { mergedInto: into.id, mergedAt: now, updatedAt: now });
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: into.id,
        action: 'unit.merge',
        targetType: 'unit',
        targetId: from.id,
        details: {
          from: from.slug,
          into: into.slug,
          movedUnits: moved.length,
          movedRoles: roles,
          movedConversations: conversations.moved,
          joinedConversations: conversations.joined,
          movedFollowers: broadcasts.followers,
          movedGroups: broadcasts.groups,
          movedPosts: broadcasts.posts,
          movedZaloUsers: zalo.users,
          movedZaloOa: zalo.connectionMoved,
        },
      },
      now,
    );
  });
  const merged = await repo.findUnitById(ctx.database.db, into.id);
  if (!merged) throw new NotFoundError('Unit');
  return presentUnit(merged);
}
