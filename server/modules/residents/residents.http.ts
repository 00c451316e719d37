import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { ResidentRow } from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';
import {
  createResident,
  RESIDENT_COOKIE,
  RESIDENT_COOKIE_MAX_AGE_S,
  residentByToken,
  residentIdByToken,
} from './residents.service.js';

/** The resident of this request's cookie; creates one (and sets the cookie) on first need. */
export async function ensureResident(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ResidentRow> {
  const existing = await residentByToken(ctx, request.cookies[RESIDENT_COOKIE]);
  if (existing) return existing;
  const { resident, token } = await createResident(ctx);
  void reply.setCookie(RESIDENT_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.http.baseUrl.startsWith('https://'),
    path: '/',
    maxAge: RESIDENT_COOKIE_MAX_AGE_S,
  });
  return resident;
}

/** The resident of this request's cookie; without one, what they ask for does not exist (404). */
export async function requireResident(
  ctx: AppContext,
  request: FastifyRequest,
  what = 'Conversation',
): Promise<{ id: string }> {
  const id = await residentIdByToken(ctx, request.cookies[RESIDENT_COOKIE]);
  if (!id) throw new NotFoundError(what);
  return { id };
}

/** The id of the resident of this request's cookie, or null: reading creates no resident. */
export async function residentIdOf(ctx: AppContext, request: FastifyRequest): Promise<string | null> {
  return residentIdByToken(ctx, request.cookies[RESIDENT_COOKIE]);
}
