import { z } from 'zod';
import { postDeliveryChannelSchema } from './push.js';

// How far a unit's posts reach (issue 10, "reach and reads"): per post, and per day over the last
// weeks. Counts are computed by aggregate SQL over the live tables; nothing is snapshotted.

/** The console's chart covers 30 days; a query may ask for up to 90. */
export const REACH_DEFAULT_DAYS = 30;
export const REACH_MAX_DAYS = 90;

const count = z.number().int().min(0);

/**
 * One post's reach. Nothing is kept of the audience as it was at publishing, so:
 * - `recipients`: residents the post was addressed to when it was published and still are — for a
 *   unit-wide post the unit's followers who followed no later than its publishing, for a post to
 *   groups the members of those groups who joined no later than it (each resident once). Residents
 *   who unfollowed or left since are not counted; 0 before publishing.
 * - `delivered` / `failed` / `pending`: its notifications in the push queue by status (only
 *   recipients with a subscribed browser get one), summed over channels; `byChannel` splits them.
 * - `read`: residents who opened it from their feed (anyone who may read it, recipients or not).
 * - `byGroup`: the post's groups, or every group of the unit for a unit-wide post; `recipients`
 *   counts the group's members among the post's recipients, `read` its members who read it.
 */
export const postReachSchema = z.object({
  postId: z.string(),
  publishedAt: z.string().nullable(),
  recipients: count,
  delivered: count,
  failed: count,
  pending: count,
  read: count,
  byGroup: z.array(z.object({ groupId: z.string(), name: z.string(), recipients: count, read: count })),
  byChannel: z.array(z.object({ channel: postDeliveryChannelSchema, delivered: count, failed: count, pending: count })),
});
export type PostReach = z.infer<typeof postReachSchema>;

export const unitReachQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(REACH_MAX_DAYS).default(REACH_DEFAULT_DAYS),
});

/**
 * A unit's last `days` days, oldest first, each a calendar day in Vietnam's time (today included):
 * `posts` first published that day; `delivered` notifications sent that day (of posts published
 * in the period or the day before it: a post's notifications go out within minutes); `reads` of
 * the unit's posts that day (any post); `newFollowers` residents who started following that day
 * and still follow.
 */
export const unitReachDaySchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  posts: count,
  delivered: count,
  reads: count,
  newFollowers: count,
});
export type UnitReachDay = z.infer<typeof unitReachDaySchema>;

export const unitReachSchema = z.object({ unitId: z.string(), days: z.array(unitReachDaySchema) });
export type UnitReach = z.infer<typeof unitReachSchema>;
