import {
  POST_HISTORY_ACTIONS,
  postCategorySchema,
  postStatusSchema,
  type ConsolePost,
  type PostHistoryAction,
  type PublicPost,
} from '../../../contracts/broadcasts.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { PostEventRow, PostRow, PostVersionRow } from '../../db/schema/index.js';
import { toIso } from '../../lib/time.js';
import { publicUnitById } from '../units/units.service.js';
import * as feedRepo from './feed.repository.js';
import { isExpired } from './post-state.js';
import * as repo from './posts.repository.js';

// Posts as officers and residents see them. Pages are presented with one query per related table.

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

const isHistoryAction = (a: string): a is PostHistoryAction => (POST_HISTORY_ACTIONS as readonly string[]).includes(a);

function presentHistory(events: PostEventRow[]): ConsolePost['history'] {
  return events.flatMap((e) =>
    isHistoryAction(e.action)
      ? [{ at: toIso(e.at) ?? '', actorName: e.actorName, action: e.action, ...(e.reason ? { reason: e.reason } : {}) }]
      : [],
  );
}

function presentVersions(versions: PostVersionRow[]): ConsolePost['versions'] {
  return versions.map((v) => ({ at: toIso(v.createdAt) ?? '', title: v.title, body: v.body, note: v.note }));
}

/** Posts with their audience, history and versions, as the console shows them. */
export async function presentConsolePosts(db: Executor, rows: repo.PostView[]): Promise<ConsolePost[]> {
  const ids = rows.map((r) => r.id);
  const [groups, events, versions] = await Promise.all([
    repo.groupsOfPosts(db, ids),
    repo.eventsOfPosts(db, ids),
    repo.versionsOfPosts(db, ids),
  ]);
  const eventsOf = groupBy(events, (e) => e.postId);
  const versionsOf = groupBy(versions, (v) => v.postId);
  return rows.map((p) => ({
    id: p.id,
    unitId: p.unitId,
    authorId: p.authorId,
    authorName: p.authorName,
    category: postCategorySchema.catch('other').parse(p.category),
    title: p.title,
    body: p.body,
    status: postStatusSchema.catch('draft').parse(p.status),
    audience: p.audience === 'groups' ? { groupIds: (groups.get(p.id) ?? []).map((g) => g.id) } : null,
    publishAt: toIso(p.publishAt),
    expiresAt: toIso(p.expiresAt),
    publishedAt: toIso(p.publishedAt),
    correctedAt: toIso(p.correctedAt),
    verificationCode: p.verificationCode,
    rejectReason: p.rejectReason,
    retractReason: p.retractReason,
    closedAt: toIso(p.closedAt),
    closeNote: p.closeNote,
    createdAt: toIso(p.createdAt) ?? '',
    updatedAt: toIso(p.updatedAt) ?? '',
    history: presentHistory(eventsOf.get(p.id) ?? []),
    versions: presentVersions(versionsOf.get(p.id) ?? []),
  }));
}

/**
 * Published (or retracted) posts as residents see them; `residentId` adds whether they read each.
 * A retracted post keeps its title, code and reason, not its text.
 */
export async function presentPublicPosts(
  ctx: AppContext,
  rows: PostRow[],
  residentId: string | null,
): Promise<PublicPost[]> {
  const db = ctx.database.db;
  const ids = rows.map((r) => r.id);
  const groupPosts = rows.filter((r) => r.audience === 'groups').map((r) => r.id);
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const [groups, read, units] = await Promise.all([
    repo.groupsOfPosts(db, groupPosts),
    residentId ? feedRepo.readPostIds(db, residentId, ids) : Promise.resolve(null),
    Promise.all(unitIds.map((id) => publicUnitById(ctx, id))),
  ]);
  // A merged unit's posts show the unit it became (publicUnitById follows merges).
  const unitOf = new Map(unitIds.map((id, i) => [id, units[i]]));
  const now = ctx.clock.now();
  return rows.map((p) => {
    const unit = unitOf.get(p.unitId);
    const retracted = p.status === 'retracted';
    return {
      id: p.id,
      title: p.title,
      body: retracted ? '' : p.body,
      category: postCategorySchema.catch('other').parse(p.category),
      publishedAt: toIso(p.publishedAt) ?? '',
      correctedAt: toIso(p.correctedAt),
      expiresAt: toIso(p.expiresAt),
      expired: isExpired(p.expiresAt, now),
      retracted,
      retractReason: p.retractReason,
      closedAt: toIso(p.closedAt),
      closeNote: p.closeNote,
      verificationCode: p.verificationCode ?? '',
      unit: { slug: unit?.slug ?? '', displayName: unit?.displayName ?? '' },
      groups: groups.get(p.id) ?? [],
      ...(read ? { read: read.has(p.id) } : {}),
    };
  });
}
