import { POST_DELIVERY_CHANNELS } from '../../../contracts/push.js';
import type { PostReach, UnitReach } from '../../../contracts/reach.js';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../lib/errors.js';
import { DAY_MS, toIso, vietnamDay, vietnamDayStart } from '../../lib/time.js';
import type { Actor } from '../accounts/policy.js';
import { requireUnit, requireUnitOf } from '../units/units.service.js';
import * as repo from './posts.repository.js';
import * as reachRepo from './reach.repository.js';

// How far posts reach: the console's per-post figures and a unit's daily series. Read-only, so
// not audited; seen by whoever may read the unit's posts (other units: 404).

/** One post's recipients, notifications, reads, per group and per channel (contracts/reach.ts). */
export async function postReach(ctx: AppContext, actor: Actor, id: string): Promise<PostReach> {
  const db = ctx.database.db;
  const post = await repo.findPost(db, id);
  await requireUnitOf(ctx, actor, post?.unitId, 'post.read', 'Post');
  if (!post) throw new NotFoundError('Post');
  const empty = { recipients: 0, delivered: 0, failed: 0, pending: 0, read: 0, byGroup: [], byChannel: [] };
  if (post.publishedAt === null) return { postId: post.id, publishedAt: null, ...empty };
  const published = { ...post, publishedAt: post.publishedAt };
  const [recipients, deliveries, read, byGroup] = await Promise.all([
    reachRepo.countRecipients(db, published),
    reachRepo.deliveryCounts(db, post.id),
    reachRepo.countReads(db, post.id),
    reachRepo.reachByGroup(db, published),
  ]);
  const byChannel = POST_DELIVERY_CHANNELS.map((channel) => {
    const n = (status: string) => deliveries.find((d) => d.channel === channel && d.status === status)?.n ?? 0;
    return { channel, delivered: n('sent'), failed: n('failed'), pending: n('pending') };
  });
  const sum = (k: 'delivered' | 'failed' | 'pending') => byChannel.reduce((s, c) => s + c[k], 0);
  return {
    postId: post.id,
    publishedAt: toIso(post.publishedAt),
    recipients,
    delivered: sum('delivered'),
    failed: sum('failed'),
    pending: sum('pending'),
    read,
    byGroup,
    byChannel,
  };
}

/** A unit's last `days` calendar days in Vietnam (today included), oldest first. */
export async function unitReach(ctx: AppContext, actor: Actor, unitId: string, days: number): Promise<UnitReach> {
  const unit = await requireUnit(ctx, actor, unitId, 'post.read');
  const from = vietnamDayStart(ctx.clock.now()) - (days - 1) * DAY_MS;
  const counts = await reachRepo.unitDailyCounts(ctx.database.db, unit.id, from);
  return {
    unitId: unit.id,
    days: Array.from({ length: days }, (_, i) => ({
      // Noon of the day: its date whatever the offset's rounding.
      day: vietnamDay(from + i * DAY_MS + DAY_MS / 2),
      posts: counts.posts.get(i) ?? 0,
      delivered: counts.delivered.get(i) ?? 0,
      reads: counts.reads.get(i) ?? 0,
      newFollowers: counts.newFollowers.get(i) ?? 0,
    })),
  };
}
