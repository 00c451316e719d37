import crypto from 'node:crypto';
import type { ZaloConnectInput } from '../../contracts/zalo.js';
import { connectZalo, unitIdBySlug } from '../modules/zalo/zalo-connections.service.js';
import type { FakeZalo } from './fake-zalo.js';
import type { TestEnv } from './helper.js';

// A unit's OA connected with test secrets, and webhook requests signed the way Zalo signs them
// (computed here, independently of channels/zalo/signature.ts).

/** A connection's secrets for tests; each call gives fresh ones. */
export function testOa(overrides: Partial<ZaloConnectInput> = {}): ZaloConnectInput {
  const tag = crypto.randomBytes(6).toString('hex');
  return {
    oaId: `38861328087${String(crypto.randomInt(10 ** 7, 10 ** 8))}`,
    appId: `36084652494${String(crypto.randomInt(10 ** 7, 10 ** 8))}`,
    appSecret: `app-secret-${tag}`,
    oaSecretKey: `oa-secret-key-${tag}`,
    accessToken: `access-token-${tag}`,
    refreshToken: `refresh-token-${tag}`,
    expiresIn: 90_000,
    ...overrides,
  };
}

/** The fake Zalo's OA with tokens it has just issued, as a ward would connect it. */
export function fakeZaloOa(fake: FakeZalo): ZaloConnectInput {
  const { accessToken, refreshToken } = fake.issueTokens();
  const { oaId, appId, appSecret, oaSecretKey } = fake.oa;
  return testOa({ oaId, appId, appSecret, oaSecretKey, accessToken, refreshToken });
}

/** Connects `oa` to the unit as the shell would. */
export async function connectTestOa(env: TestEnv, slug: string, oa: ZaloConnectInput): Promise<string> {
  const unitId = await unitIdBySlug(env.ctx, slug);
  await connectZalo(env.ctx, { actorId: null, actorName: 'test', ip: null }, unitId, oa);
  return unitId;
}

/** A user's text message to the OA, as Zalo serialises it (ids as strings). */
export function userText(
  oa: Pick<ZaloConnectInput, 'oaId' | 'appId'>,
  fields: { userId?: string; msgId?: string; text?: string; timestamp?: string } = {},
): string {
  return JSON.stringify({
    app_id: oa.appId,
    user_id_by_app: '552177279717587730',
    event_name: 'user_send_text',
    timestamp: fields.timestamp ?? '1764583200000',
    sender: { id: fields.userId ?? '7677597454271532329' },
    recipient: { id: oa.oaId },
    message: { msg_id: fields.msgId ?? crypto.randomBytes(10).toString('hex'), text: fields.text ?? 'Chào cán bộ' },
  });
}

/** `mac=` + hex sha256(app id + body + body timestamp + OA secret key). */
export function zaloMac(appId: string, body: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${crypto
    .createHash('sha256')
    .update(appId + body + timestamp + oaSecretKey, 'utf8')
    .digest('hex')}`;
}

/** POSTs a body to /webhooks/zalo with the given signature header (none when null). */
export async function postWebhook(env: TestEnv, body: string, signature: string | null) {
  return env.app.inject({
    method: 'POST',
    url: '/webhooks/zalo',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-zevent-signature': signature }) },
    payload: body,
  });
}

/** POSTs a body signed with the OA's secrets (timestamp read from the body, as Zalo does). */
export async function postSigned(env: TestEnv, oa: ZaloConnectInput, body: string) {
  const { timestamp } = JSON.parse(body) as { timestamp: string };
  return postWebhook(env, body, zaloMac(oa.appId, body, String(timestamp), oa.oaSecretKey));
}
