import type { Generated, Selectable } from 'kysely';

export interface SessionTable {
  id: string;
  /** sha256 of the cookie token; the token itself is never stored. */
  tokenHash: string;
  officerId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
  ip: string | null;
  userAgent: string | null;
}

export interface InviteTable {
  id: string;
  tokenHash: string;
  role: string;
  unitId: string | null;
  displayName: string | null;
  /** Encrypted TOTP secret prepared for enrolment when the role requires 2FA. */
  totpSecret: string | null;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  officerId: string | null;
  /** Set when the invite was withdrawn before use; the link then answers like a used one. */
  withdrawnAt: number | null;
}

export interface CredentialResetTable {
  id: string;
  /** sha256 of the link's token; the token itself is never stored. */
  tokenHash: string;
  officerId: string;
  /** The unit through which the link was issued. */
  unitId: string;
  kind: string;
  /** Encrypted new TOTP secret to enrol, when the kind resets 2FA. */
  totpSecret: string | null;
  /** Wrong proofs (current password or code) given with this link; it dies after a few. */
  attempts: Generated<number>;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** Sign-in throttling state of one account or one account+client, keyed by an HMAC of them. */
export interface LoginThrottleTable {
  key: string;
  /** Attempts counted (wrong passwords or codes, and attempts whose outcome is not known yet). */
  failures: number;
  /** No attempt is checked before this time. */
  blockedUntil: number;
  lastAttemptAt: number;
}

export type SessionRow = Selectable<SessionTable>;
export type InviteRow = Selectable<InviteTable>;
export type CredentialResetRow = Selectable<CredentialResetTable>;
