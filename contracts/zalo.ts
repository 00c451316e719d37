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
