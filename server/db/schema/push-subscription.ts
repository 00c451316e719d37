import type { Selectable } from 'kysely';

/** A browser's web push subscription, bound to the resident whose cookie registered it. */
export interface PushSubscriptionTable {
  id: string;
  residentId: string;
  /** The push service URL the browser gave (unique: a browser re-registering it re-binds it). */
  endpoint: string;
  /** The browser's P-256 public key and auth secret (base64url): what the payload is encrypted to. */
  p256dh: string;
  auth: string;
  createdAt: number;
  lastSuccessAt: number | null;
  /** The last time the push service refused a notification (404/410 remove the row instead). */
  failedAt: number | null;
}

export type PushSubscriptionRow = Selectable<PushSubscriptionTable>;
