import { z } from 'zod';
import { idSchema } from './common.js';

// Residential groups' discussion boards (issue 10): members write text and a photo, officers of the
// unit moderate (hide with a reason, pin, mute a member for a time) and read residents' reports.
// Times are ISO-8601 strings in UTC.

export const MAX_BOARD_TEXT = 2000;
export const MAX_MODERATION_REASON = 500;
export const MAX_REPORT_TEXT = 1000;
/** Messages a resident may write on boards per window before 429. */
export const BOARD_BURST = { max: 5, windowMs: 60_000 };
/** How far ahead a mute may last. */
export const MAX_MUTE_MS = 366 * 24 * 3600_000;

export const REPORT_CATEGORIES = ['spam', 'abuse', 'scam', 'other'] as const;
export const reportCategorySchema = z.enum(REPORT_CATEGORIES);
export type ReportCategory = z.infer<typeof reportCategorySchema>;

export const MUTE_DURATIONS = ['1h', '24h', '7d'] as const;
export const muteDurationSchema = z.enum(MUTE_DURATIONS);
export const MUTE_DURATION_MS: Record<(typeof MUTE_DURATIONS)[number], number> = {
  '1h': 3600_000,
  '24h': 24 * 3600_000,
  '7d': 7 * 24 * 3600_000,
};

const isoTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

export const boardPageQuerySchema = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const writeBoardMessageSchema = z.strictObject({ text: text(MAX_BOARD_TEXT) });
/** With a photo the text is a caption and may be empty. */
export const photoCaptionSchema = z.string().trim().max(MAX_BOARD_TEXT);

export const boardPhotoSchema = z.object({
  url: z.string(),
  thumbnailUrl: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

/** A resident, or the unit itself when an officer writes ("Công an phường …"). */
export const boardAuthorSchema = z.object({
  kind: z.enum(['resident', 'unit']),
  /** The resident's chosen name (null: none given) or the unit's display name. */
  name: z.string().nullable(),
  /** Whether the reader wrote it. */
  isMe: z.boolean(),
});

/** What residents see; a hidden message keeps only its id, time and `hidden: true`. */
export const boardMessageSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  createdAt: z.string(),
  hidden: z.boolean(),
  pinned: z.boolean(),
  author: boardAuthorSchema.nullable(),
  text: z.string().nullable(),
  photo: boardPhotoSchema.nullable(),
});
export type BoardMessage = z.infer<typeof boardMessageSchema>;

/** A published post of the unit pinned on the board. */
export const pinnedPostSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string().nullable(),
  verificationCode: z.string().nullable(),
  pinnedAt: z.string(),
});
export type PinnedPost = z.infer<typeof pinnedPostSchema>;

export const boardSchema = z.object({
  group: z.object({ id: z.string(), name: z.string(), unitName: z.string() }),
  /** Pinned posts and messages, newest pin first; on the first page only. */
  pinnedPosts: z.array(pinnedPostSchema),
  pinnedMessages: z.array(boardMessageSchema),
  /** The rest, newest first. */
  items: z.array(boardMessageSchema),
  nextCursor: z.string().nullable(),
  /** When the reader is muted, until when. */
  mutedUntil: z.string().nullable(),
});
export type Board = z.infer<typeof boardSchema>;

export const reportBodySchema = z.strictObject({
  category: reportCategorySchema,
  text: z.string().trim().max(MAX_REPORT_TEXT).optional(),
});
export const reportedSchema = z.object({ reported: z.literal(true) });

// Console

export const consoleBoardMessageSchema = boardMessageSchema.extend({
  author: boardAuthorSchema,
  authorResidentId: z.string().nullable(),
  hiddenAt: z.string().nullable(),
  hideReason: z.string().nullable(),
  /** Open reports on the message. */
  openReports: z.number().int(),
});
export type ConsoleBoardMessage = z.infer<typeof consoleBoardMessageSchema>;

export const consoleBoardSchema = z.object({
  pinnedPosts: z.array(pinnedPostSchema),
  pinnedMessages: z.array(consoleBoardMessageSchema),
  items: z.array(consoleBoardMessageSchema),
  nextCursor: z.string().nullable(),
});
export type ConsoleBoard = z.infer<typeof consoleBoardSchema>;

export const moderationReasonSchema = z.strictObject({ reason: text(MAX_MODERATION_REASON) });

export const pinPostBodySchema = z.strictObject({ postId: idSchema });
export const pinnedPostListSchema = z.object({ items: z.array(pinnedPostSchema) });

export const muteBodySchema = z
  .strictObject({
    residentId: idSchema,
    duration: muteDurationSchema.optional(),
    until: isoTime.optional(),
    reason: text(MAX_MODERATION_REASON),
  })
  .refine((b) => (b.duration === undefined) !== (b.until === undefined), 'give either duration or until');
export type MuteInput = z.infer<typeof muteBodySchema>;

export const muteSchema = z.object({
  residentId: z.string(),
  displayName: z.string().nullable(),
  until: z.string(),
  reason: z.string(),
  mutedAt: z.string(),
});
export type Mute = z.infer<typeof muteSchema>;
export const muteListSchema = z.object({ items: z.array(muteSchema) });

export const boardReportSchema = z.object({
  category: reportCategorySchema,
  text: z.string().nullable(),
  createdAt: z.string(),
});
/** Open reports, one entry per reported message with its reports. */
export const reportedMessageSchema = z.object({
  message: consoleBoardMessageSchema,
  reports: z.array(boardReportSchema),
});
export type ReportedMessage = z.infer<typeof reportedMessageSchema>;
export const reportedMessageListSchema = z.object({ items: z.array(reportedMessageSchema) });

export const resolveReportsSchema = z.strictObject({
  outcome: z.enum(['hide', 'dismiss']),
  /** The hiding reason (required to hide). */
  reason: text(MAX_MODERATION_REASON).optional(),
});

/** Open reports per group of a unit (the console's badges). */
export const openReportCountsSchema = z.object({
  items: z.array(z.object({ groupId: z.string(), open: z.number().int() })),
});
