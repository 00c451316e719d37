import { z } from 'zod';
import type { DangerKind } from './assistant.js';

// The tip desk (tố giác, tin báo về tội phạm, phản ánh): what residents send and read back by
// receipt code, and what officers see and do. Shared by the server and the web.

export const TIP_CATEGORIES = [
  'theft',
  'robbery',
  'fraud_scam',
  'drugs',
  'gambling',
  'violence',
  'public_order',
  'traffic',
  'wanted_person',
  'other',
] as const;
export const tipCategorySchema = z.enum(TIP_CATEGORIES);
export type TipCategory = z.infer<typeof tipCategorySchema>;

export const TIP_STATUSES = ['received', 'acknowledged', 'verifying', 'handled', 'transferred', 'rejected'] as const;
export const tipStatusSchema = z.enum(TIP_STATUSES);
export type TipStatus = z.infer<typeof tipStatusSchema>;

export const TIP_PRIORITIES = ['urgent', 'high', 'normal'] as const;
export const tipPrioritySchema = z.enum(TIP_PRIORITIES);
export type TipPriority = z.infer<typeof tipPrioritySchema>;

export const REJECT_KINDS = ['spam', 'duplicate', 'not_a_police_matter'] as const;
export const rejectKindSchema = z.enum(REJECT_KINDS);
export type RejectKind = z.infer<typeof rejectKindSchema>;

/** Receipt codes: `TB-` and 8 symbols without look-alikes (no 0/O, 1/I/L, U): 30^8 ≈ 6.6·10^11. */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_CODE_LENGTH = 8;
export const receiptCodePattern = /^TB-[2-9A-HJKMNP-TV-Z]{8}$/;

export const TIP_DESCRIPTION_MAX = 5000;
export const TIP_MESSAGE_MAX = 2000;

/**
 * Vietnam's bounding box (mainland and the islands, Hoàng Sa and Trường Sa included), a fair check
 * that a point is meant to be in the country; it also admits some points of its neighbours.
 */
export const VIETNAM_BOUNDS = { minLatitude: 6, maxLatitude: 24, minLongitude: 102, maxLongitude: 118 } as const;

const isoTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

export const tipPlaceSchema = z
  .object({
    address: text(300).optional(),
    latitude: z.number().min(VIETNAM_BOUNDS.minLatitude).max(VIETNAM_BOUNDS.maxLatitude).optional(),
    longitude: z.number().min(VIETNAM_BOUNDS.minLongitude).max(VIETNAM_BOUNDS.maxLongitude).optional(),
  })
  .strict()
  .refine((p) => (p.latitude === undefined) === (p.longitude === undefined), {
    message: 'latitude and longitude go together',
  });
export type TipPlace = z.infer<typeof tipPlaceSchema>;

/** At most this many files with a tip, and with each reply; each at most MAX_ATTACHMENT_BYTES (10 MB). */
export const MAX_TIP_ATTACHMENTS = 5;

/** An upload handed to a tip or reply: its id and the token its upload answered with. */
export const tipAttachmentClaimSchema = z
  .object({ id: z.string().min(1).max(64), uploadToken: z.string().min(1).max(100) })
  .strict();
export type TipAttachmentClaim = z.infer<typeof tipAttachmentClaimSchema>;
export const tipAttachmentClaimsSchema = z.array(tipAttachmentClaimSchema).max(MAX_TIP_ATTACHMENTS);

/** A tip's photo or file as reporters and officers see it (no uploader: uploads are anonymous). */
export const tipAttachmentSchema = z.object({
  id: z.string(),
  kind: z.enum(['image', 'audio', 'file']),
  mimeType: z.string(),
  name: z.string(),
  sizeBytes: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  hasThumbnail: z.boolean(),
});
export type TipAttachment = z.infer<typeof tipAttachmentSchema>;

/** The answer to an upload: the token is shown once and must come back with the tip or reply. */
export const tipUploadSchema = tipAttachmentSchema.extend({ uploadToken: z.string() });

export const createTipSchema = z
  .object({
    category: tipCategorySchema,
    description: text(TIP_DESCRIPTION_MAX),
    occurredAt: isoTime.optional(),
    place: tipPlaceSchema.optional(),
    anonymous: z.boolean(),
    contact: z
      .object({
        name: text(120).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9 .-]{6,20}$/, 'a phone number')
          .optional(),
      })
      .strict()
      .optional(),
    /** Files uploaded beforehand (POST /public/units/{slug}/tip-attachments), each with its upload token. */
    attachments: tipAttachmentClaimsSchema.optional(),
  })
  .strict();
export type CreateTipInput = z.infer<typeof createTipSchema>;

/** Emergency numbers: 113 police, 114 fire and rescue, 115 ambulance. */
export const EMERGENCY_NUMBERS = ['113', '114', '115'] as const;
export type EmergencyNumber = (typeof EMERGENCY_NUMBERS)[number];

/** The numbers to call for a kind of danger, the right one first (all three when it is unclear). */
export const EMERGENCY_NUMBERS_FOR: Record<DangerKind, EmergencyNumber[]> = {
  police: ['113'],
  fire: ['114'],
  medical: ['115'],
  unclear: ['113', '114', '115'],
};

export const tipReceiptSchema = z.object({
  receiptCode: z.string(),
  /** Shown once, for an anonymous tip only. */
  passphrase: z.string().nullable(),
  status: z.literal('received'),
  /**
   * Set when the description reads as danger happening now (the tip starts as urgent): the numbers
   * to call at once, the right one first. The receipt shows them as its first line.
   */
  emergencyNumbers: z.array(z.enum(EMERGENCY_NUMBERS)).optional(),
});
export type TipReceipt = z.infer<typeof tipReceiptSchema>;

const receiptCodeInput = z.string().trim().min(1).max(40);
const passphraseInput = z.string().min(1).max(200);

export const tipLookupSchema = z
  .object({ receiptCode: receiptCodeInput, passphrase: passphraseInput.optional() })
  .strict();
export const tipReplySchema = z
  .object({
    receiptCode: receiptCodeInput,
    passphrase: passphraseInput.optional(),
    text: text(TIP_MESSAGE_MAX),
    attachments: tipAttachmentClaimsSchema.optional(),
  })
  .strict();

export const tipMessageSchema = z.object({
  author: z.enum(['resident', 'officer']),
  text: z.string(),
  createdAt: z.string(),
  /** Files the reporter sent with this reply (officers' messages carry none). */
  attachments: z.array(tipAttachmentSchema),
});

export const publicTipSchema = z.object({
  receiptCode: z.string(),
  /** The ward or commune holding the tip now: where the reporter uploads the files of a reply. */
  unitSlug: z.string(),
  status: tipStatusSchema,
  category: tipCategorySchema,
  createdAt: z.string(),
  /** What the unit did, for a handled tip. */
  outcome: z.string().nullable(),
  /** The body it went to, for a tip transferred outside. */
  transferredTo: z.string().nullable(),
  /** Files sent with the tip itself (those of replies are on their messages). */
  attachments: z.array(tipAttachmentSchema),
  messages: z.array(tipMessageSchema),
});
export type PublicTip = z.infer<typeof publicTipSchema>;

export const myTipsSchema = z.object({
  items: z.array(
    z.object({ receiptCode: z.string(), status: tipStatusSchema, category: tipCategorySchema, createdAt: z.string() }),
  ),
});

export const consoleTipQuerySchema = z.object({
  status: tipStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const consoleTipSummarySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  receiptCode: z.string(),
  category: tipCategorySchema,
  status: tipStatusSchema,
  priority: tipPrioritySchema,
  /** Rings like an emergency in the console. */
  urgent: z.boolean(),
  anonymous: z.boolean(),
  /** The reporter left a name or phone in the vault (never the values). */
  identityLeft: z.boolean(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** When the missed deadline of the current step was escalated to the owner. */
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
  excerpt: z.string(),
});
export type ConsoleTipSummary = z.infer<typeof consoleTipSummarySchema>;

export const consoleTipListSchema = z.object({
  items: z.array(consoleTipSummarySchema),
  nextCursor: z.string().nullable(),
});

export const tipHistoryEntrySchema = z.object({
  action: z.string(),
  actorName: z.string().nullable(),
  unitId: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});

export const consoleTipSchema = consoleTipSummarySchema.extend({
  description: z.string(),
  occurredAt: z.string().nullable(),
  place: z.object({
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
  }),
  outcome: z.string().nullable(),
  transferredTo: z.string().nullable(),
  rejectKind: rejectKindSchema.nullable(),
  rejectReason: z.string().nullable(),
  relatedTipIds: z.array(z.string()),
  /** Files sent with the tip itself (those of replies are on their messages). */
  attachments: z.array(tipAttachmentSchema),
  history: z.array(tipHistoryEntrySchema),
  messages: z.array(tipMessageSchema.extend({ officerName: z.string().nullable() })),
  notes: z.array(z.object({ officerName: z.string().nullable(), text: z.string(), createdAt: z.string() })),
  reveals: z.array(z.object({ by: z.string(), at: z.string(), reason: z.string() })),
});
export type ConsoleTip = z.infer<typeof consoleTipSchema>;

export const tipTextSchema = z.object({ text: text(TIP_MESSAGE_MAX) }).strict();

export const tipTransitionSchema = z
  .object({
    to: z.enum(['acknowledged', 'verifying', 'handled', 'transferred', 'rejected']),
    note: text(1000).optional(),
    /** handled: what was done, shown to the reporter. */
    outcome: text(2000).optional(),
    /** transferred here: the receiving unit (a ward or commune). */
    unitId: z.string().min(1).max(64).optional(),
    /** transferred outside: the receiving body's name. */
    bodyName: text(200).optional(),
    rejectKind: rejectKindSchema.optional(),
    reason: text(1000).optional(),
    /** rejected as a duplicate: the tip it repeats. */
    relatedTipId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type TipTransitionInput = z.infer<typeof tipTransitionSchema>;

export const tipRevealSchema = z.object({ reason: text(500) }).strict();
export const tipIdentitySchema = z.object({ name: z.string().nullable(), phone: z.string().nullable() });
export const tipPrioritySetSchema = z.object({ priority: tipPrioritySchema, note: text(500).optional() }).strict();
export const tipMergeSchema = z.object({ intoTipId: z.string().min(1).max(64), reason: text(1000) }).strict();

const HOUR = 3600_000;
export const tipDeadlineSchema = z.object({
  category: tipCategorySchema,
  acknowledgeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  checkHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
  settleDays: z.number().int().min(1).max(365),
});
export type TipDeadline = z.infer<typeof tipDeadlineSchema>;
export const tipDeadlinesSchema = z.object({ items: z.array(tipDeadlineSchema) });
export const tipDeadlinesInputSchema = z.object({ items: z.array(tipDeadlineSchema).min(1).max(10) }).strict();
export const TIP_HOUR_MS = HOUR;
