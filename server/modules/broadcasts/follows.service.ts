import type { z } from 'zod';
import { membershipStatusSchema, type myFollowsSchema } from '../../../contracts/broadcasts.js';
import type { Unit } from '../../../contracts/units.js';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../lib/errors.js';
import { getPublicUnit, publicUnitById } from '../units/units.service.js';
import * as repo from './groups.repository.js';

// Residents following wards and communes. Not audited (like their profile); each change is one
// transaction, and following or leaving twice is the same as once.

/** Residents follow on the portal for now; Zalo followers come with the Zalo channel. */
const CHANNEL = 'web';

/** A ward or commune by slug (a merged one answers as its successor); 404 for units without an account. */
export async function accountUnit(ctx: AppContext, slug: string): Promise<Unit> {
  const { unit } = await getPublicUnit(ctx, slug);
  if (!unit.hasAccount) throw new NotFoundError('Official account');
  return unit;
}

/** The resident follows a ward or commune's posts (following again changes nothing). */
export async function follow(ctx: AppContext, residentId: string, slug: string): Promise<{ following: boolean }> {
  const unit = await accountUnit(ctx, slug);
  const now = ctx.clock.now();
  await ctx.database.transaction((trx) =>
    repo.insertFollower(trx, { unitId: unit.id, residentId, channel: CHANNEL, createdAt: now }),
  );
  return { following: true };
}

export async function unfollow(
  ctx: AppContext,
  residentId: string | null,
  slug: string,
): Promise<{ following: boolean }> {
  const unit = await accountUnit(ctx, slug);
  if (residentId) await ctx.database.transaction((trx) => repo.deleteFollower(trx, unit.id, residentId, CHANNEL));
  return { following: false };
}

/** The units the resident follows and the groups they joined (a visitor without a resident: none). */
export async function myFollows(ctx: AppContext, residentId: string | null): Promise<z.infer<typeof myFollowsSchema>> {
  if (!residentId) return { units: [], groups: [] };
  const db = ctx.database.db;
  const [unitIds, groups] = await Promise.all([
    repo.followedUnitIds(db, residentId),
    repo.membershipsOf(db, residentId),
  ]);
  const ids = [...new Set([...unitIds, ...groups.map((g) => g.unitId)])];
  const units = await Promise.all(ids.map((id) => publicUnitById(ctx, id)));
  const unitOf = new Map(ids.map((id, i) => [id, units[i]]));
  const ref = (id: string) => ({ slug: unitOf.get(id)?.slug ?? '', displayName: unitOf.get(id)?.displayName ?? '' });
  return {
    units: unitIds.map(ref).sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi')),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      unitSlug: ref(g.unitId).slug,
      status: membershipStatusSchema.catch('self_declared').parse(g.status),
    })),
  };
}
