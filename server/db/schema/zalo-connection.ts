import type { Selectable } from 'kysely';

/** A unit's Zalo Official Account (modules/zalo/). Every `*Sealed` column is AES-GCM text (zalo-secrets.ts). */
export interface ZaloConnectionTable {
  id: string;
  unitId: string;
  /** Zalo ids are 19-digit numbers: always text. */
  oaId: string;
  appId: string;
  appSecretSealed: string;
  /** The OA secret key that signs webhooks (not the app secret). */
  oaSecretKeySealed: string;
  accessTokenSealed: string;
  refreshTokenSealed: string;
  /** Null: unknown (tokens pasted without their lifetime); used until Zalo refuses them. */
  accessTokenExpiresAt: number | null;
  /** Grows with every stored token pair; a refresh writes only over the version it read. */
  tokenVersion: number;
  /** SQLite: a process refreshing the pair holds this lease on `tokenVersion` (PostgreSQL locks the row). */
  refreshClaimedUntil: number | null;
  lastRefreshedAt: number | null;
  lastEventAt: number | null;
  /** What last went wrong talking to Zalo (never a secret). */
  lastError: string | null;
  lastErrorAt: number | null;
  connectedByOfficerId: string | null;
  /** The officer's username or `cli:<user>`. */
  connectedByName: string;
  createdAt: number;
  /** When a person last connected it (refreshes change only the token columns). */
  updatedAt: number;
}

export type ZaloConnectionRow = Selectable<ZaloConnectionTable>;
