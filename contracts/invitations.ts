import { z } from 'zod';
import { groupKindSchema } from './broadcasts.js';
import { idSchema } from './common.js';

// The printable invitation kit (issue 10): an A4 page per unit and per residential group with a QR
// code of a scan link `/q/{token}`; scanning opens the unit's page with the group offered, and
// scans are counted per link and day (nothing about who scanned is kept).

/** The query parameter of the unit page that offers one of its groups to join (`/u/{slug}?nhom={groupId}`). */
export const GROUP_OFFER_PARAM = 'nhom';

/** Scan link tokens: random, URL-safe. */
export const invitationTokenSchema = z.string().min(1).max(64);

export const invitationKitRequestSchema = z.strictObject({
  /** The group to invite to; absent: the unit-wide invitation (follow only). */
  groupId: idSchema.optional(),
});
export type InvitationKitRequest = z.infer<typeof invitationKitRequestSchema>;

export const invitationKitSchema = z.object({
  linkId: z.string(),
  /** The absolute scan URL the QR code encodes. */
  url: z.string().url(),
  /** The QR code as an SVG data URL (`data:image/svg+xml;base64,…`). */
  qrCode: z.string(),
  unit: z.object({
    id: z.string(),
    slug: z.string(),
    displayName: z.string(),
    phone: z.string().nullable(),
    hotline: z.string().nullable(),
  }),
  group: z.object({ id: z.string(), name: z.string(), kind: groupKindSchema }).nullable(),
  scans: z.number().int().min(0),
});
export type InvitationKit = z.infer<typeof invitationKitSchema>;

/** Scans of a unit's links: the unit-wide one (groupId null) and each group's that was printed. */
export const invitationScansSchema = z.object({
  items: z.array(
    z.object({
      groupId: z.string().nullable(),
      scans: z.number().int().min(0),
      /** Scans in the last 30 days (Vietnam's days, today included). */
      scans30Days: z.number().int().min(0),
      lastScanDay: z.string().nullable(),
    }),
  ),
});
export type InvitationScans = z.infer<typeof invitationScansSchema>;
