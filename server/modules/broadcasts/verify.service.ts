import type { z } from 'zod';
import type { VerifyResult, verifyQuerySchema } from '../../../contracts/broadcasts.js';
import { ACCOUNT_KINDS, type Unit } from '../../../contracts/units.js';
import type { AppContext } from '../../context.js';
import type { PostRow } from '../../db/schema/index.js';
import { toIso } from '../../lib/time.js';
import { listPublicUnits, publicUnitById } from '../units/units.service.js';
import * as repo from './posts.repository.js';
import { codeIn, foldName, linkedPostId, phoneDigits } from './verification.js';

// "Có phải công an thật không?": whether what a resident was shown is a post or a contact of a
// unit here. Unknown and malformed input get the same answer, `{valid: false}`.

const INVALID: VerifyResult = { valid: false };

async function postResult(ctx: AppContext, post: PostRow | undefined): Promise<VerifyResult> {
  if (!post || post.publishedAt === null) return INVALID;
  const unit = await publicUnitById(ctx, post.unitId);
  if (!unit) return INVALID;
  return {
    valid: true,
    kind: 'post',
    post: {
      id: post.id,
      title: post.title,
      publishedAt: toIso(post.publishedAt) ?? '',
      retracted: post.status === 'retracted',
      unit: { slug: unit.slug, displayName: unit.displayName },
    },
  };
}

/** A post by its code, or by a link to it on this site. */
async function verifyPost(ctx: AppContext, text: string): Promise<VerifyResult> {
  const db = ctx.database.db;
  const code = codeIn(text);
  if (code) return postResult(ctx, await repo.findPublishedByCode(db, code));
  const id = linkedPostId(text, new URL(ctx.config.http.baseUrl).host);
  return id ? postResult(ctx, await repo.findPost(db, id)) : INVALID;
}

const unitResult = (kind: 'phone' | 'account', unit: Unit | undefined): VerifyResult =>
  unit ? { valid: true, kind, unit: { slug: unit.slug, displayName: unit.displayName } } : INVALID;

/** Names an account goes by: its display name ("CAP Bắc Hà") and "Công an" + the unit's name. */
const accountNames = (u: Unit) => [u.displayName, `Công an ${u.name}`];

/** Checks a code or link, a phone number, or an account name, in that order; the first that verifies answers. */
export async function verify(ctx: AppContext, query: z.infer<typeof verifyQuerySchema>): Promise<VerifyResult> {
  if (query.code) {
    const result = await verifyPost(ctx, query.code);
    if (result.valid) return result;
  }
  if (!query.phone && !query.name) return INVALID;
  const units = await listPublicUnits(ctx, [...ACCOUNT_KINDS]);
  const digits = query.phone ? phoneDigits(query.phone) : null;
  if (digits) {
    const unit = units.find((u) => [u.phone, u.hotline].some((p) => p !== null && phoneDigits(p) === digits));
    if (unit) return unitResult('phone', unit);
  }
  const name = query.name ? foldName(query.name) : '';
  if (name.length >= 3) {
    const unit = units.find((u) => accountNames(u).some((n) => foldName(n) === name));
    if (unit) return unitResult('account', unit);
  }
  return INVALID;
}
