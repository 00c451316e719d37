import { z } from 'zod';

// Web push (issue 10, delivery): a resident's browser registers its push subscription, and
// published posts reach followers through a push channel.

/** Channels a post is delivered on, one row per post, resident and channel (Zalo in its own issue). */
export const POST_DELIVERY_CHANNELS = ['webpush'] as const;
export const postDeliveryChannelSchema = z.enum(POST_DELIVERY_CHANNELS);
export type PostDeliveryChannel = z.infer<typeof postDeliveryChannelSchema>;

/** Push services' endpoints are a few hundred characters; anything much longer is not one. */
export const MAX_PUSH_ENDPOINT_CHARS = 1024;

export const pushKeySchema = z.object({
  /** The server's VAPID public key (base64url), the browser's applicationServerKey. */
  publicKey: z.string(),
});

/** A push endpoint: an https URL of bounded length. */
export const pushEndpointSchema = z.url({ protocol: /^https$/ }).max(MAX_PUSH_ENDPOINT_CHARS);

/** PushSubscription.toJSON() of the browser: the endpoint, its P-256 public key and auth secret. */
export const pushSubscriptionInputSchema = z.strictObject({
  endpoint: pushEndpointSchema,
  // Browsers send null; a subscription that expires is renewed by the browser and posted again.
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** An uncompressed P-256 point (65 bytes) in base64url. */
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{87}=?$/, '65 bytes in base64url'),
    /** The 16-byte auth secret in base64url. */
    auth: z.string().regex(/^[A-Za-z0-9_-]{22}(==)?$/, '16 bytes in base64url'),
  }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInputSchema>;

export const pushUnsubscribeSchema = z.strictObject({ endpoint: pushEndpointSchema });

export const pushSubscriptionSchema = z.object({
  endpoint: z.string(),
  createdAt: z.string(),
});
