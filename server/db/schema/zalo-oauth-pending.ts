import type { Selectable } from 'kysely';

/** An OAuth connect started in the console, waiting for Zalo's callback (modules/zalo/zalo-oauth.service.ts). */
export interface ZaloOAuthPendingTable {
  /** SHA-256 (hex) of the `state` sent to Zalo; the state itself is never stored. */
  stateHash: string;
  unitId: string;
  /** Who started it: only they may finish it. */
  officerId: string;
  appId: string;
  appSecretSealed: string;
  oaSecretKeySealed: string;
  codeVerifierSealed: string;
  expiresAt: number;
  createdAt: number;
}

export type ZaloOAuthPendingRow = Selectable<ZaloOAuthPendingTable>;
