import type { Insertable, Selectable } from 'kysely';

export interface OfficerTable {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  /** TOTP secret, encrypted with the key file (base32 plaintext); null when not enrolled. */
  totpSecret: string | null;
  disabledAt: number | null;
  /** Last accepted TOTP time step, so a code cannot be replayed. */
  totpLastStep: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface OfficerRoleTable {
  id: string;
  officerId: string;
  /** Null only for the installation-wide admin role. */
  unitId: string | null;
  role: string;
  createdAt: number;
}

export type OfficerRow = Selectable<OfficerTable>;
export type NewOfficerRow = Insertable<OfficerTable>;
export type OfficerRoleRow = Selectable<OfficerRoleTable>;
