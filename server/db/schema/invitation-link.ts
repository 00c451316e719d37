import type { Selectable } from 'kysely';

/** A printed invitation's scan link `/q/{token}`: one per unit (scope 'unit') and per residential group. */
export interface InvitationLinkTable {
  id: string;
  unitId: string;
  /** The group the scan offers to join; null for the unit-wide link. */
  groupId: string | null;
  /** The group's id, or 'unit'; unique per unit. */
  scope: string;
  /** Random, in the QR code's URL. */
  token: string;
  createdBy: string | null;
  createdAt: number;
}

/** How many times a link was scanned on a day (Vietnam's calendar); nothing about who scanned. */
export interface InvitationScanTable {
  linkId: string;
  unitId: string;
  day: string;
  scans: number;
}

export type InvitationLinkRow = Selectable<InvitationLinkTable>;
export type InvitationScanRow = Selectable<InvitationScanTable>;
