// A published post's notifications: who receives it (the unit's followers, or the members of its
// residential groups, each once, and the groups' linked Zalo groups), queued in the transaction
// that publishes it, and what each notification says (the broadcasts module's side of
// modules/push' PostDeliverySource port and modules/zalo's ZaloGroupPostSource).
import type { Executor } from '../../db/database.js';
import type { PostRow } from '../../db/schema/index.js';
import type { AppContext } from '../../context.js';
import { enqueuePostDeliveries, type Recipients } from '../push/post-deliveries.repository.js';
import type { PostDeliverySource, PostNotification } from '../push/post-delivery-source.js';
import type { ZaloGroupPostContent, ZaloGroupPostSource } from '../zalo/zalo-group-posts.js';
import { enqueueZaloGroupPosts } from '../zalo/zalo-group-posts.repository.js';
import { unitsUnder } from './groups.repository.js';
import * as repo from './posts.repository.js';

/** A notification's text: the start of the post, cut at a word. */
const BODY_CHARS = 140;

/**
 * The residents a post is addressed to, as a subquery of `resident_id` (a resident in two groups,
 * or following two wards, twice: deduplicated on insert): the members of its groups, or the
 * followers of its unit and of every unit below it (a city's area-wide warning reaches its wards').
 */
export function recipientsOf(db: Executor, post: Pick<PostRow, 'id' | 'unitId' | 'audience'>): Recipients {
  if (post.audience === 'groups') {
    return db
      .selectFrom('groupMembers')
      .select('groupMembers.residentId')
      .where('groupMembers.unitId', '=', post.unitId)
      .where(
        'groupMembers.groupId',
        'in',
        db.selectFrom('postGroups').select('postGroups.groupId').where('postGroups.postId', '=', post.id),
      );
  }
  return db
    .selectFrom('unitFollowers')
    .select('unitFollowers.residentId')
    .where('unitFollowers.unitId', 'in', unitsUnder(db, post.unitId));
}

/**
 * Queues the post's notifications on every push channel (web push), and a post to residential
 * groups also for each group's linked Zalo group.
 */
export async function enqueueNotifications(
  trx: Executor,
  post: Pick<PostRow, 'id' | 'unitId' | 'audience'>,
  now: number,
): Promise<void> {
  await enqueuePostDeliveries(trx, {
    unitId: post.unitId,
    postId: post.id,
    recipients: recipientsOf(trx, post),
    channel: 'webpush',
    now,
  });
  if (post.audience === 'groups') await enqueueZaloGroupPosts(trx, post, now);
}

/** How many distinct recipients can be notified by web push (the approval's preview). */
export async function countPushRecipients(
  db: Executor,
  post: Pick<PostRow, 'id' | 'unitId' | 'audience'>,
): Promise<number> {
  const row = await db
    .selectFrom(recipientsOf(db, post).as('r'))
    .select((eb) => eb.fn.count<number | string>('r.residentId').distinct().as('n'))
    .where((eb) =>
      eb.exists(eb.selectFrom('pushSubscriptions as s').select('s.id').whereRef('s.residentId', '=', 'r.residentId')),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= BODY_CHARS) return flat;
  const cut = flat.slice(0, BODY_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > BODY_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function isLive(post: Pick<PostRow, 'status' | 'expiresAt'>, now: number): boolean {
  return post.status === 'published' && (post.expiresAt === null || post.expiresAt > now);
}

/** What a post says in residential groups' Zalo groups, whole, with its page's absolute link. */
export function zaloGroupPostContents(ctx: AppContext): ZaloGroupPostSource {
  return {
    async postsFor(postIds) {
      const now = ctx.clock.now();
      const posts = await repo.findPostsByIds(ctx.database.db, postIds);
      return new Map(
        posts
          .filter((p) => isLive(p, now))
          .map((p): [string, ZaloGroupPostContent] => [
            p.id,
            {
              title: p.title,
              body: p.body,
              url: `${ctx.config.http.baseUrl}/tin-tuc/${p.id}`,
              verificationCode: p.verificationCode,
            },
          ]),
      );
    },
  };
}

/** What each claimed delivery says; a post no longer published or already expired sends nothing. */
export function postNotifications(ctx: AppContext): PostDeliverySource {
  return {
    async notificationsFor(rows) {
      const now = ctx.clock.now();
      const posts = await repo.findPostsByIds(ctx.database.db, [...new Set(rows.map((r) => r.postId))]);
      const live = new Map(
        posts
          .filter((p) => isLive(p, now))
          .map((p): [string, PostNotification] => [
            p.id,
            { title: p.title, body: excerpt(p.body), url: `/tin-tuc/${p.id}` },
          ]),
      );
      const out = new Map<string, PostNotification>();
      for (const row of rows) {
        const n = live.get(row.postId);
        if (n) out.set(row.id, n);
      }
      return out;
    },
  };
}
