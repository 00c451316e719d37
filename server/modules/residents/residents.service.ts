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

export function presentResident(r: ResidentRow): ResidentMe {
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
