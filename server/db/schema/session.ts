import type { Selectable } from 'kysely';

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
}

export type SessionRow = Selectable<SessionTable>;
export type InviteRow = Selectable<InviteTable>;
