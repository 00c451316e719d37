import crypto from 'node:crypto';
import type { z } from 'zod';
import type { PushSubscriptionInput, pushSubscriptionSchema } from '../../../contracts/push.js';
import type { AppContext } from '../../context.js';
import { BadRequestError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import * as repo from './push-subscriptions.repository.js';

type PushSubscriptionView = z.infer<typeof pushSubscriptionSchema>;

/** Browsers a resident may receive on at once; registering another drops the oldest. */
export const MAX_SUBSCRIPTIONS_PER_RESIDENT = 10;

/** Whether an endpoint's host is one of the configured push services ("*.suffix" matches subdomains). */
export function endpointAllowed(endpoint: string, hosts: string[]): boolean {
  const host = new URL(endpoint).hostname.toLowerCase();
  return hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h));
}

/** An uncompressed point on P-256 (what browsers send), not merely 65 bytes. */
function isP256Point(base64url: string): boolean {
  const bytes = Buffer.from(base64url, 'base64url');
  if (bytes.length !== 65 || bytes[0] !== 4) return false;
  try {
    crypto.ECDH.convertKey(bytes, 'prime256v1');
    return true;
  } catch {
    return false;
  }
}

/** Registers a browser's push subscription for the resident (an endpoint already known is re-bound to them). */
export async function subscribe(
  ctx: AppContext,
  residentId: string,
  input: PushSubscriptionInput,
): Promise<PushSubscriptionView> {
  const { endpoint } = input;
  if (!endpointAllowed(endpoint, ctx.config.push.endpointHosts)) {
    throw new BadRequestError('push_service_not_allowed', 'The endpoint is not one of the accepted push services');
  }
  const p256dh = input.keys.p256dh.replace(/=+$/, '');
  if (!isP256Point(p256dh)) throw new BadRequestError('invalid_push_key', 'keys.p256dh is not a P-256 public key');
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    residentId,
    endpoint,
    p256dh,
    auth: input.keys.auth.replace(/=+$/, ''),
    createdAt: now,
    lastSuccessAt: null,
    failedAt: null,
  };
  await ctx.database.transaction(async (trx) => {
    await repo.upsertSubscription(trx, row);
    await repo.trimSubscriptions(trx, residentId, MAX_SUBSCRIPTIONS_PER_RESIDENT);
  });
  const stored = await repo.findByEndpoint(ctx.database.db, endpoint);
  return { endpoint, createdAt: toIso(stored?.createdAt ?? now) ?? '' };
}

/** Forgets one of the resident's subscriptions (nothing happens for an endpoint that is not theirs). */
export async function unsubscribe(ctx: AppContext, residentId: string, endpoint: string): Promise<void> {
  await ctx.database.transaction((trx) => repo.deleteResidentSubscription(trx, residentId, endpoint));
}
