import crypto from 'node:crypto';

// Zalo signs each webhook request: X-ZEvent-Signature: mac=<hex sha256(app id + raw body +
// timestamp + OA secret key)> — a plain SHA-256 of the concatenation, not an HMAC
// (zalo-platform.md §6.2). Two points are unconfirmed (§13: oa_id instead of app_id as the first
// term; a timestamp header): each is one argument here, chosen by the webhook route.

export const SIGNATURE_HEADER = 'x-zevent-signature';
const SIGNATURE_FORMAT = /^mac=([0-9a-fA-F]{64})$/;

export interface SignedParts {
  /** The app id (Zalo's documented first term). */
  prefixId: string;
  /** The request body exactly as received. */
  rawBody: Buffer;
  /** The `timestamp` of the body, as written there. */
  timestamp: string;
  /** The OA secret key (not the app secret). */
  secretKey: string;
}

/** The hex digest Zalo sends after `mac=`. */
export function zaloSignatureOf(parts: SignedParts): string {
  return crypto
    .createHash('sha256')
    .update(parts.prefixId, 'utf8')
    .update(parts.rawBody)
    .update(parts.timestamp, 'utf8')
    .update(parts.secretKey, 'utf8')
    .digest('hex');
}

/** The digest of a header shaped like `mac=<64 hex>`, or null for anything else. */
export function signatureDigestOf(header: string | string[] | undefined): Buffer | null {
  if (typeof header !== 'string') return null;
  const match = SIGNATURE_FORMAT.exec(header.trim());
  return match?.[1] ? Buffer.from(match[1].toLowerCase(), 'hex') : null;
}

/** Whether the header's digest matches the request's parts, compared in constant time. */
export function verifyZaloSignature(digest: Buffer, parts: SignedParts): boolean {
  const expected = Buffer.from(zaloSignatureOf(parts), 'hex');
  return digest.length === expected.length && crypto.timingSafeEqual(digest, expected);
}
