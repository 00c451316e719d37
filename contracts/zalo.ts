import { z } from 'zod';

// The Zalo Official Account channel (issue 12): what connecting an OA takes, and what may be
// shown of a connection (never a secret or a token).

/** Zalo ids (OA, app, user) are decimal numbers of up to 19 digits, always carried as text. */
export const zaloIdSchema = z.string().regex(/^[0-9]{1,25}$/, 'a Zalo id: digits, as text');

const secret = (what: string) =>
  z
    .string({ error: `${what} is required (text)` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(4096, `${what} is too long`);

/** What `ketnoi zalo connect` reads on stdin (and the console's paste form will send). */
export const zaloConnectInputSchema = z.strictObject({
  oaId: zaloIdSchema,
  appId: zaloIdSchema,
  appSecret: secret('appSecret'),
  /** The OA secret key shown when the app is linked to the OA; it signs webhooks. */
  oaSecretKey: secret('oaSecretKey'),
  accessToken: secret('accessToken'),
  refreshToken: secret('refreshToken'),
  /** Seconds the access token has left, when known (Zalo's `expires_in`); unknown: used until refused. */
  expiresIn: z
    .number()
    .int()
    .min(0)
    .max(366 * 24 * 3600)
    .optional(),
});
export type ZaloConnectInput = z.infer<typeof zaloConnectInputSchema>;

/** What may be shown of a unit's connection. */
export const zaloConnectionStatusSchema = z.object({
  unitId: z.string(),
  unitSlug: z.string(),
  oaId: z.string(),
  appId: z.string(),
  accessTokenExpiresAt: z.string().nullable(),
  lastRefreshedAt: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  connectedBy: z.string(),
  /** When the OA (or its tokens) was last connected by a person. */
  connectedAt: z.string(),
  /** Where Zalo must send the OA's events (`BASE_URL/webhooks/zalo`). */
  webhookUrl: z.string(),
});
export type ZaloConnectionStatus = z.infer<typeof zaloConnectionStatusSchema>;

/** The console's Zalo page: the unit's connection (null: none) and the two URLs to register with Zalo. */
export const zaloConsoleSchema = z.object({
  connection: zaloConnectionStatusSchema.nullable(),
  /** Where Zalo must send the OA's events (the app's webhook setting). */
  webhookUrl: z.string(),
  /** The app's OAuth callback URL (must equal the redirect URI of the consent link). */
  callbackUrl: z.string(),
});
export type ZaloConsole = z.infer<typeof zaloConsoleSchema>;

/** Connecting with Zalo's consent page: the app's credentials; the tokens come from the code exchange. */
export const zaloOAuthStartSchema = zaloConnectInputSchema.pick({ appId: true, appSecret: true, oaSecretKey: true });
export type ZaloOAuthStart = z.infer<typeof zaloOAuthStartSchema>;

export const zaloConsentSchema = z.object({
  /** Open in the browser: Zalo asks the OA's admin to grant access, then returns to the callback. */
  consentUrl: z.string(),
});

/** Why the consent callback did not connect the OA (the console page explains each). */
export const ZALO_CALLBACK_OUTCOMES = [
  'connected',
  'denied',
  'invalid_state',
  'expired_state',
  'wrong_officer',
  'exchange_failed',
  'oa_taken',
] as const;
export type ZaloCallbackOutcome = (typeof ZALO_CALLBACK_OUTCOMES)[number];

export const zaloTestInputSchema = z.strictObject({
  /** The resident's Zalo user id as seen by this OA (webhook `sender.id`). */
  zaloUserId: zaloIdSchema,
  text: z.string().trim().min(1).max(2000).optional(),
});
export type ZaloTestInput = z.infer<typeof zaloTestInputSchema>;

/** What happened to a test message: Zalo's message id, or its error in words. */
export const zaloTestResultSchema = z.object({
  sent: z.boolean(),
  messageId: z.string().nullable(),
  error: z
    .object({
      /** `zalo:<n>`, `http:<status>`, `timeout`, `network`, … (server/channels/zalo/zalo-error.ts). */
      code: z.string(),
      zaloCode: z.number().nullable(),
      message: z.string(),
    })
    .nullable(),
});
export type ZaloTestResult = z.infer<typeof zaloTestResultSchema>;
