import { createHash, randomBytes } from 'node:crypto';

// PKCE (RFC 7636) for the OA consent link: the verifier stays on the server with the `state`; the
// consent link carries only its S256 challenge, and the code exchange proves it.

/** A fresh code verifier: 43 base64url characters from 32 random bytes. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** The S256 challenge of a verifier: base64url (no padding) of its SHA-256. */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A random `state` for the consent link (checked at the callback against the stored one). */
export function createOAuthState(): string {
  return randomBytes(24).toString('base64url');
}
