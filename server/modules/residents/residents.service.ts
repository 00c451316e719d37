import type { z } from 'zod';
import type { residentMeSchema, residentProfileSchema } from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import type { ResidentRow } from '../../db/schema/index.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import * as repo from './residents.repository.js';

export const RESIDENT_COOKIE = 'kn_resident';
export const RESIDENT_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

type ResidentMe = z.infer<typeof residentMeSchema>;

/** The resident behind a cookie token, if any. */
export async function residentByToken(ctx: AppContext, token: string | undefined): Promise<ResidentRow | null> {
  if (!token || token.length > 200) return null;
  return (await repo.findResidentByTokenHash(ctx.database.db, sha256Hex(token))) ?? null;
}

// Cookie token → resident id never changes (tokens are random and never reassigned, residents are
// not deleted), and every resident request starts with it: keep recent ones (ctx.residentIds).
const MAX_CACHED_IDS = 10_000;

/** The id of the resident behind a cookie token, if any (cached: the mapping never changes). */
export async function residentIdByToken(ctx: AppContext, token: string | undefined): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const ids = ctx.residentIds;
  const tokenHash = sha256Hex(token);
  const cached = ids.get(tokenHash);
  if (cached) return cached;
  const row = await repo.findResidentByTokenHash(ctx.database.db, tokenHash);
  if (!row) return null;
  if (ids.size >= MAX_CACHED_IDS) ids.clear();
  ids.set(tokenHash, row.id);
  return row.id;
}

/** Creates a resident for a new cookie; only the token's sha256 is stored. */
export async function createResident(ctx: AppContext): Promise<{ resident: ResidentRow; token: string }> {
  const token = randomToken();
  const now = ctx.clock.now();
  const resident: ResidentRow = {
    id: newId(),
    tokenHash: sha256Hex(token),
    displayName: null,
    phone: null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.database.transaction((trx) => repo.insertResident(trx, resident));
  return { resident, token };
}

/** A resident as they see themselves; a visitor without a resident yet has no id. */
export function presentResident(r: ResidentRow | null): ResidentMe {
  if (!r) return { id: null, displayName: null, phone: null };
  return { id: r.id, displayName: r.displayName, phone: r.phone };
}

/** Updates the resident's optional display name and phone (residents are not audited; the write is durable). */
export async function updateProfile(
  ctx: AppContext,
  resident: ResidentRow,
  input: z.infer<typeof residentProfileSchema>,
): Promise<ResidentMe> {
  const patch = {
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    updatedAt: ctx.clock.now(),
  };
  await ctx.database.transaction((trx) => repo.updateResident(trx, resident.id, patch));
  return presentResident({ ...resident, ...patch });
}
