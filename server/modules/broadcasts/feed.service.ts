import { MAX_UNREAD, type PublicPost } from '../../../contracts/broadcasts.js';
import type { AppContext } from '../../context.js';
import type { PostRow } from '../../db/schema/index.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import * as repo from './feed.repository.js';
import { accountUnit } from './follows.service.js';
import { presentPublicPosts } from './posts.present.js';
import * as postsRepo from './posts.repository.js';

// What residents read: a unit's public posts, one post, their feed and its unread count. A post
// addressed to groups reaches only their members: it is in no unit list, and in the feed and on
// its own page only for them.

interface Page {
  cursor?: string | undefined;
  limit: number;
}

interface PostPage {
  items: PublicPost[];
  nextCursor: string | null;
}

// Keyset cursor: the last post's publishing time and id, the keys the lists are ordered by.
const CURSOR = /^(\d{1,15})_([\w-]{1,40})$/;

function parseCursor(text: string | undefined): repo.FeedCursor | undefined {
  if (text === undefined) return undefined;
  const m = CURSOR.exec(text);
  if (!m?.[1] || !m[2]) throw new BadRequestError('invalid_cursor', 'cursor: not a cursor from this list');
  return { at: Number(m[1]), id: m[2] };
}

async function page(ctx: AppContext, rows: PostRow[], limit: number, residentId: string | null): Promise<PostPage> {
  const last = rows.at(-1);
  return {
    items: await presentPublicPosts(ctx, rows, residentId),
    nextCursor: rows.length === limit && last ? `${last.publishedAt ?? 0}_${last.id}` : null,
  };
}

/** A ward or commune's posts to the whole unit, published (and retracted), newest first. */
export async function unitPosts(
  ctx: AppContext,
  slug: string,
  residentId: string | null,
  query: Page,
): Promise<PostPage> {
  const unit = await accountUnit(ctx, slug);
  const before = parseCursor(query.cursor);
  const rows = await repo.listUnitWidePosts(ctx.database.db, ctx.database.dialect, unit.id, {
    before,
    limit: query.limit,
  });
  return page(ctx, rows, query.limit, residentId);
}

/** Whether a resident (or a visitor, null) may read a post: published, and theirs if it went to groups. */
export async function mayReadPost(ctx: AppContext, post: PostRow, residentId: string | null): Promise<boolean> {
  if (post.publishedAt === null) return false;
  if (post.audience !== 'groups') return true;
  return residentId !== null && repo.reachesMember(ctx.database.db, post.id, residentId);
}

async function requireVisible(ctx: AppContext, id: string, residentId: string | null): Promise<PostRow> {
  const post = await postsRepo.findPost(ctx.database.db, id);
  if (!post || !(await mayReadPost(ctx, post, residentId))) throw new NotFoundError('Post');
  return post;
}

/** One published post; a post addressed to groups only for their members. */
export async function publicPost(ctx: AppContext, residentId: string | null, id: string): Promise<PublicPost> {
  const post = await requireVisible(ctx, id, residentId);
  const [presented] = await presentPublicPosts(ctx, [post], residentId);
  if (!presented) throw new NotFoundError('Post');
  return presented;
}

/**
 * The resident's feed: posts to the whole unit of the units they follow and posts to the groups
 * they joined, newest first, with how many published since they followed or joined are unread.
 */
export async function feed(
  ctx: AppContext,
  residentId: string | null,
  query: Page,
): Promise<PostPage & { unread: number }> {
  const before = parseCursor(query.cursor);
  if (!residentId) return { items: [], nextCursor: null, unread: 0 };
  const db = ctx.database.db;
  const [rows, unread] = await Promise.all([
    repo.feedPage(db, ctx.database.dialect, residentId, { before, limit: query.limit }),
    repo.unreadCount(db, ctx.database.dialect, residentId, MAX_UNREAD),
  ]);
  return { ...(await page(ctx, rows, query.limit, residentId)), unread };
}

/** Marks a post the resident may read as read; returns their feed's unread count. */
export async function markRead(ctx: AppContext, residentId: string, postId: string): Promise<{ unread: number }> {
  const post = await requireVisible(ctx, postId, residentId);
  const now = ctx.clock.now();
  await ctx.database.transaction((trx) =>
    repo.insertRead(trx, { postId: post.id, residentId, unitId: post.unitId, readAt: now }),
  );
  return { unread: await repo.unreadCount(ctx.database.db, ctx.database.dialect, residentId, MAX_UNREAD) };
}
