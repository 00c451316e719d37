/** A browser's push subscription as the channel sends to it. */
export interface WebPushSubscription {
  id: string;
  endpoint: string;
  /** The browser's P-256 public key and auth secret (base64url). */
  p256dh: string;
  auth: string;
}

/** What became of one notification at each of a resident's endpoints. */
export interface WebPushAttempt {
  succeeded: string[];
  /** Refused or unreachable this time (kept, marked failed). */
  failed: string[];
  /** The push service answered 404/410: the browser unsubscribed; removed. */
  gone: string[];
  at: number;
}

/**
 * The port the push module hands the web push channel: the channel never reads the subscriptions
 * table itself.
 */
export interface WebPushSubscriptions {
  /** Every subscription of the resident. */
  of(residentId: string): Promise<WebPushSubscription[]>;
  /** Records one notification's attempt (one transaction). */
  record(attempt: WebPushAttempt): Promise<void>;
}
