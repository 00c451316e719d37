import crypto from 'node:crypto';
import { zaloSignatureOf } from '../../channels/zalo/signature.js';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../lib/errors.js';
import { ZALO_WEBHOOK_PATH } from './zalo-connections.service.js';
import * as repo from './zalo-connections.repository.js';
import { openZaloSecret } from './zalo-secrets.js';

// `ketnoi zalo simulate`: a resident's text as Zalo would deliver it to the unit's OA, signed with
// the connection's own app id and OA secret key, for demos and support (never a test double).

export interface SimulatedWebhook {
  url: string;
  body: string;
  /** The `X-ZEvent-Signature` header value. */
  signature: string;
  msgId: string;
}

/** A signed `user_send_text` event from `userId` to the unit's OA, addressed to `baseUrl`'s webhook. */
export async function simulatedTextWebhook(
  ctx: AppContext,
  unitId: string,
  input: { userId: string; text: string; baseUrl: string },
): Promise<SimulatedWebhook> {
  const row = await repo.findByUnit(ctx.database.db, unitId);
  if (!row) throw new NotFoundError('Zalo connection');
  const timestamp = String(ctx.clock.now());
  const msgId = crypto.randomBytes(16).toString('hex');
  const body = JSON.stringify({
    app_id: row.appId,
    user_id_by_app: input.userId,
    event_name: 'user_send_text',
    timestamp,
    sender: { id: input.userId },
    recipient: { id: row.oaId },
    message: { msg_id: msgId, text: input.text },
  });
  const digest = zaloSignatureOf({
    prefixId: row.appId,
    rawBody: Buffer.from(body, 'utf8'),
    timestamp,
    secretKey: openZaloSecret(ctx.key, row.oaSecretKeySealed),
  });
  return { url: `${input.baseUrl.replace(/\/$/, '')}${ZALO_WEBHOOK_PATH}`, body, signature: `mac=${digest}`, msgId };
}
