import crypto from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { ZaloConnectionRow } from '../../db/schema/index.js';
import { UnauthorizedError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { connectionForOa } from './zalo-connections.service.js';
import { touchLastEvent } from './zalo-connections.repository.js';
import { eventUnitId } from './unit-merge.js';
import { insertEvent } from './zalo-events.repository.js';
import { openZaloSecret } from './zalo-secrets.js';
import { parseJsonKeepingBigIntegers } from '../../channels/zalo/zalo-json.js';
import { signatureDigestOf, verifyZaloSignature } from '../../channels/zalo/signature.js';
import {
  oaIdCandidates,
  zaloEventEnvelopeSchema,
  type ZaloEventEnvelope,
} from '../../channels/zalo/webhook-payload.js';

// An inbound webhook request, in this order:
//  1. the X-ZEvent-Signature header must have the shape `mac=<64 hex>` (nothing is parsed before);
//  2. the raw body is parsed only for what finds the OA and is signed: oa_id / recipient / sender
//     and timestamp (big integers kept as text);
//  3. the OA must be connected here (connections read through the 5 s reference cache);
//  4. sha256(app id + raw body + timestamp + OA secret key) must equal the header's digest
//     (constant-time);
//  5. only then is the event stored, once per OA and dedupe key, and the OA's last event noted.
// Any failure of 1–4 is the same 401 and stores nothing: an unknown OA and a forged request look alike.

export interface WebhookRequest {
  rawBody: Buffer;
  signature: string | string[] | undefined;
}

function unverified(): UnauthorizedError {
  return new UnauthorizedError('zalo_signature_invalid', 'The request is not signed by a connected Zalo OA');
}

function envelopeOf(rawBody: Buffer): ZaloEventEnvelope | null {
  let parsed: unknown;
  try {
    parsed = parseJsonKeepingBigIntegers(rawBody.toString('utf8'));
  } catch {
    return null;
  }
  const envelope = zaloEventEnvelopeSchema.safeParse(parsed);
  return envelope.success ? envelope.data : null;
}

/**
 * What Zalo signs besides the body and timestamp: the first term and the key (§6.2: the app id and
 * the OA secret key; §13 records sources that say the OA id, or the app secret). The one place to
 * change once a real OA settles it.
 */
const SIGNED_WITH = {
  prefixId: (connection: ZaloConnectionRow): string => connection.appId,
  secretKey: (key: Buffer, connection: ZaloConnectionRow): string => openZaloSecret(key, connection.oaSecretKeySealed),
};

/** The connected OA that signed this request, or null. */
async function signerOf(ctx: AppContext, request: WebhookRequest, envelope: ZaloEventEnvelope, digest: Buffer) {
  for (const oaId of oaIdCandidates(envelope)) {
    const connection: ZaloConnectionRow | null = await connectionForOa(ctx, oaId);
    if (!connection) continue;
    const signed = verifyZaloSignature(digest, {
      prefixId: SIGNED_WITH.prefixId(connection),
      rawBody: request.rawBody,
      timestamp: envelope.timestamp,
      secretKey: SIGNED_WITH.secretKey(ctx.key, connection),
    });
    return signed ? connection : null;
  }
  return null;
}

/** What an event is deduplicated by: its name and message id, or the hash of its bytes. */
export function dedupeKeyOf(envelope: ZaloEventEnvelope, rawBody: Buffer): string {
  const msgId = envelope.message?.msg_id;
  if (msgId) return `${envelope.event_name ?? 'unknown'}:${msgId}`;
  return `sha256:${crypto.createHash('sha256').update(rawBody).digest('hex')}`;
}

/** Verifies a Zalo webhook request and stores its event for processing; false when it was a re-delivery. */
export async function receiveZaloWebhook(ctx: AppContext, request: WebhookRequest): Promise<{ stored: boolean }> {
  const digest = signatureDigestOf(request.signature);
  if (!digest) throw unverified();
  const envelope = envelopeOf(request.rawBody);
  if (!envelope) throw unverified();
  const connection = await signerOf(ctx, request, envelope, digest);
  if (!connection) throw unverified();
  const now = ctx.clock.now();
  const stored = await ctx.database.transaction(async (trx) => {
    const fresh = await insertEvent(trx, {
      id: newId(),
      unitId: await eventUnitId(trx, connection.unitId),
      oaId: connection.oaId,
      dedupeKey: dedupeKeyOf(envelope, request.rawBody),
      eventName: envelope.event_name ?? 'unknown',
      payload: request.rawBody.toString('utf8'),
      receivedAt: now,
    });
    if (fresh) await touchLastEvent(trx, connection.id, now);
    return fresh;
  });
  if (stored) ctx.zaloEventsArrived.notify();
  return { stored };
}
