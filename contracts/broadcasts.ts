import { z } from 'zod';
import { idSchema } from './common.js';

// Announcements of a ward/commune police unit to its residents, and residential groups (issue 10).
// The shapes agreed with the web app are in shared-notes/broadcasts-api.md. Times are ISO-8601
// strings in UTC.

export const POST_CATEGORIES = [
  'law',
  'local_rule',
  'crime_warning',
  'procedure',
  'wanted',
  'missing_person',
  'event',
  'other',
] as const;
export const postCategorySchema = z.enum(POST_CATEGORIES);
export type PostCategory = z.infer<typeof postCategorySchema>;

/** A corrected post stays `published` with `correctedAt` set and its earlier versions kept. */
export const POST_STATUSES = ['draft', 'submitted', 'scheduled', 'published', 'rejected', 'retracted'] as const;
export const postStatusSchema = z.enum(POST_STATUSES);
export type PostStatus = z.infer<typeof postStatusSchema>;

/** What the history of a post records, one entry per step. */
export const POST_HISTORY_ACTIONS = [
  'created',
  'edited',
  'submitted',
  'approved',
  'scheduled',
  'published',
  'rejected',
  'corrected',
  'retracted',
  'closed',
] as const;
export type PostHistoryAction = (typeof POST_HISTORY_ACTIONS)[number];

export const GROUP_KINDS = ['to_dan_pho', 'thon'] as const;
export const groupKindSchema = z.enum(GROUP_KINDS);
export type GroupKind = z.infer<typeof groupKindSchema>;

/** Joining a group is self-declared; an officer of the unit may confirm it. */
export const MEMBERSHIP_STATUSES = ['self_declared', 'confirmed'] as const;
export const membershipStatusSchema = z.enum(MEMBERSHIP_STATUSES);
export type MembershipStatus = z.infer<typeof membershipStatusSchema>;

export const MAX_POST_TITLE = 200;
export const MAX_POST_BODY = 10_000;
export const MAX_REASON = 1000;
export const MAX_GROUP_NAME = 120;
/** Groups one post may be addressed to. */
export const MAX_AUDIENCE_GROUPS = 100;
/** How far ahead a post may be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3600_000;
/** What a post may carry besides its text (issue 10's "images, an audio clip with its transcript, files, a link"). */
export const POST_MEDIA_KINDS = ['image', 'audio', 'file'] as const;
export type PostMediaKind = (typeof POST_MEDIA_KINDS)[number];
export const MAX_POST_MEDIA_OF: Readonly<Record<PostMediaKind, number>> = { image: 10, audio: 1, file: 5 };
export const MAX_POST_MEDIA = MAX_POST_MEDIA_OF.image + MAX_POST_MEDIA_OF.audio + MAX_POST_MEDIA_OF.file;
export const MAX_AUDIO_TRANSCRIPT = 10_000;
export const MAX_LINK_URL = 2000;

/** The unread count stops here (the portal shows "99+"), so counting stays cheap for any backlog. */
export const MAX_UNREAD = 100;

/** `KN-XXXX-XX` over an alphabet without look-alikes (no 0/O, 1/I/L, nor U). */
export const VERIFICATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const verificationCodePattern = /^KN-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{2}$/;

const isoTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);
const reasonSchema = text(MAX_REASON);

/**
 * The link a post may show: http or https only, with a host and without a user name or password
 * (`https://congan.gov.vn@lure.example` reads like the police and goes elsewhere).
 */
export function isSafeLink(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password
  );
}

/** The host a link is shown with (lower case, without "www."). */
export function linkHost(text: string): string {
  return new URL(text).hostname.replace(/^www\./, '');
}

const linkUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_LINK_URL)
  .refine(isSafeLink, 'an http or https address, without a user name');
const transcriptSchema = text(MAX_AUDIO_TRANSCRIPT);
const mediaIdsSchema = z
  .array(idSchema)
  .max(MAX_POST_MEDIA)
  .refine((ids) => new Set(ids).size === ids.length, 'media listed twice');

export const audienceSchema = z.strictObject({
  groupIds: z
    .array(idSchema)
    .min(1)
    .max(MAX_AUDIENCE_GROUPS)
    .refine((ids) => new Set(ids).size === ids.length, 'groups listed twice'),
});
export type Audience = z.infer<typeof audienceSchema>;

export const createPostSchema = z.strictObject({
  title: text(MAX_POST_TITLE),
  body: text(MAX_POST_BODY),
  category: postCategorySchema,
  /** Absent: the whole unit. */
  audience: audienceSchema.optional(),
  /** Approving before this time schedules the post; absent: publish on approval. */
  publishAt: isoTime.optional(),
  expiresAt: isoTime.optional(),
  /** Uploads of `POST …/units/{unitId}/post-media`, in the order shown. */
  mediaIds: mediaIdsSchema.optional(),
  /** Required when an audio clip is attached: what it says. */
  audioTranscript: transcriptSchema.optional(),
  linkUrl: linkUrlSchema.optional(),
});
export type CreatePostInput = z.infer<typeof createPostSchema>;

/**
 * Draft and rejected posts: the author or an approver edits any field. Published posts: an approver
 * corrects title, body, category, expiry, media, transcript or link, with a note (each version keeps
 * what it had).
 */
export const updatePostSchema = z.strictObject({
  title: text(MAX_POST_TITLE).optional(),
  body: text(MAX_POST_BODY).optional(),
  category: postCategorySchema.optional(),
  /** null: the whole unit. */
  audience: audienceSchema.nullable().optional(),
  publishAt: isoTime.nullable().optional(),
  expiresAt: isoTime.nullable().optional(),
  /** Replaces the post's media (their order too); a correction keeps the earlier list in its version. */
  mediaIds: mediaIdsSchema.optional(),
  audioTranscript: transcriptSchema.nullable().optional(),
  linkUrl: linkUrlSchema.nullable().optional(),
  correctionNote: reasonSchema.optional(),
});
export type UpdatePostInput = z.infer<typeof updatePostSchema>;

export const reasonBodySchema = z.strictObject({ reason: reasonSchema });

/** Closing a published alert: what residents read about it ("Đã tìm thấy cháu an toàn, cảm ơn bà con"). */
export const closePostSchema = z.strictObject({ note: reasonSchema });

export const consolePostQuerySchema = z.object({
  status: postStatusSchema.optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const postHistoryEntrySchema = z.object({
  at: z.string(),
  /** Null when the system did it (a scheduled post published at its time). */
  actorName: z.string().nullable(),
  action: z.enum(POST_HISTORY_ACTIONS),
  reason: z.string().optional(),
});

/** An image, audio clip or file of a post; its URLs are those of the audience it is shown to. */
export const postMediaSchema = z.object({
  id: z.string(),
  kind: z.enum(POST_MEDIA_KINDS),
  mimeType: z.string(),
  name: z.string(),
  sizeBytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type PostMedia = z.infer<typeof postMediaSchema>;

export const postLinkSchema = z.object({ url: z.string(), host: z.string() });
export type PostLink = z.infer<typeof postLinkSchema>;

/** What a post carries besides its text. */
const postAttachments = {
  media: z.array(postMediaSchema),
  audioTranscript: z.string().nullable(),
  link: postLinkSchema.nullable(),
};

/** One published version: the first at publishing (note null), then one per correction. */
export const postVersionSchema = z.object({
  at: z.string(),
  title: z.string(),
  body: z.string(),
  ...postAttachments,
  note: z.string().nullable(),
});

export const consolePostSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  category: postCategorySchema,
  title: z.string(),
  body: z.string(),
  ...postAttachments,
  status: postStatusSchema,
  /** null: the whole unit. */
  audience: z.object({ groupIds: z.array(z.string()) }).nullable(),
  publishAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  correctedAt: z.string().nullable(),
  verificationCode: z.string().nullable(),
  rejectReason: z.string().nullable(),
  retractReason: z.string().nullable(),
  /** Set when an approver closed the alert (it expired then); the note says how it ended. */
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(postHistoryEntrySchema),
  versions: z.array(postVersionSchema),
});
export type ConsolePost = z.infer<typeof consolePostSchema>;

export const consolePostListSchema = z.object({
  items: z.array(consolePostSchema),
  nextCursor: z.string().nullable(),
});

export const recipientsSchema = z.object({
  followers: z.number().int(),
  groupMembers: z.number().int(),
  total: z.number().int(),
  byChannel: z.object({ web: z.number().int(), push: z.number().int(), zalo: z.number().int() }),
});
export type Recipients = z.infer<typeof recipientsSchema>;

export const createGroupSchema = z.strictObject({ name: text(MAX_GROUP_NAME), kind: groupKindSchema });

/** A residential group's link to a Zalo group (GMF): posts to the group are also sent there. */
export const ZALO_LINK_STATES = ['linked', 'broken'] as const;
export const zaloLinkStateSchema = z.enum(ZALO_LINK_STATES);
export const groupZaloLinkSchema = z.object({
  groupId: z.string(),
  /** broken: Zalo refused the group (GMF asset expired, OA not in it); `error` says why. */
  state: zaloLinkStateSchema,
  error: z.string().nullable(),
  brokenAt: z.string().nullable(),
});
export type GroupZaloLink = z.infer<typeof groupZaloLinkSchema>;

/**
 * A Zalo group id as an officer pastes it: ASCII letters and digits (Zalo's examples show both
 * decimal and hex ids, §4.13 of the platform brief), at most 64.
 */
export const zaloGroupIdSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{1,64}$/, 'a Zalo group id is letters and digits only');
export const linkZaloGroupSchema = z.strictObject({ zaloGroupId: zaloGroupIdSchema });

export const groupSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  kind: groupKindSchema,
  memberCount: z.number().int(),
  /** null: not linked to a Zalo group. */
  zalo: groupZaloLinkSchema.nullable(),
});
export type Group = z.infer<typeof groupSchema>;
export const groupListSchema = z.object({ items: z.array(groupSchema) });

export const groupMemberSchema = z.object({
  residentId: z.string(),
  displayName: z.string().nullable(),
  status: membershipStatusSchema,
  joinedAt: z.string(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;
export const groupMemberListSchema = z.object({ items: z.array(groupMemberSchema) });

// Residents.

const unitRefSchema = z.object({ slug: z.string(), displayName: z.string() });

export const publicPostSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Empty once the post is retracted: only its title, code and the reason stay public (no media either). */
  body: z.string(),
  ...postAttachments,
  category: postCategorySchema,
  publishedAt: z.string(),
  correctedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  expired: z.boolean(),
  retracted: z.boolean(),
  retractReason: z.string().nullable(),
  /** The alert is over (a missing person found, a suspect caught): when, and the unit's note. */
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  verificationCode: z.string(),
  unit: unitRefSchema,
  /** The groups it was addressed to; empty for the whole unit. */
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Whether this resident marked it read (absent for a visitor without a resident). */
  read: z.boolean().optional(),
});
export type PublicPost = z.infer<typeof publicPostSchema>;

export const publicPageQuerySchema = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const publicPostListSchema = z.object({ items: z.array(publicPostSchema), nextCursor: z.string().nullable() });
export const feedSchema = publicPostListSchema.extend({ unread: z.number().int() });

export const publicGroupListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), kind: groupKindSchema })),
});

export const followingSchema = z.object({ following: z.boolean() });
export const joinedSchema = z.object({ groupId: z.string(), status: membershipStatusSchema });
export const leftSchema = z.object({ left: z.literal(true) });

export const myFollowsSchema = z.object({
  units: z.array(unitRefSchema),
  groups: z.array(z.object({ id: z.string(), name: z.string(), unitSlug: z.string(), status: membershipStatusSchema })),
});

export const markReadSchema = z.strictObject({ postId: idSchema });
export const unreadSchema = z.object({ unread: z.number().int() });

/** What the verification page may be given; anything malformed answers `{valid: false}` like the unknown. */
export const verifyQuerySchema = z.object({
  /** A code, or a pasted link holding a code or `/tin-tuc/{postId}`. */
  code: z.string().max(2000).optional(),
  phone: z.string().max(2000).optional(),
  /** The name of an account. */
  name: z.string().max(2000).optional(),
});

export const verifyResultSchema = z.union([
  z.object({
    valid: z.literal(true),
    kind: z.literal('post'),
    post: z.object({
      id: z.string(),
      title: z.string(),
      publishedAt: z.string(),
      /** The unit withdrew it: it was official, and is no longer to be followed. */
      retracted: z.boolean(),
      unit: unitRefSchema,
    }),
  }),
  z.object({ valid: z.literal(true), kind: z.enum(['phone', 'account']), unit: unitRefSchema }),
  z.object({ valid: z.literal(false) }),
]);
export type VerifyResult = z.infer<typeof verifyResultSchema>;
