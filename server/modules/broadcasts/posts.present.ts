import {
  POST_HISTORY_ACTIONS,
  postCategorySchema,
  postStatusSchema,
  type ConsolePost,
  type PostHistoryAction,
  type PostLink,
  type PublicPost,
  linkHost,
} from '../../../contracts/broadcasts.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { PostEventRow, PostMediaRow, PostRow, PostVersionRow } from '../../db/schema/index.js';
import { toIso } from '../../lib/time.js';
import { publicUnitById } from '../units/units.service.js';
import * as feedRepo from './feed.repository.js';
import { isExpired } from './post-state.js';
import { presentMedia } from './post-media.present.js';
import * as mediaRepo from './post-media.repository.js';
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

const mediaIdsSchema = z.array(z.string()).catch([]);

/** The link as shown: the address and its host. */
const presentLink = (url: string | null): PostLink | null => (url ? { url, host: linkHost(url) } : null);

/** The post's media, every one it ever had by id, and its current ones in order. */
function mediaIndex(rows: PostMediaRow[] | undefined) {
  const all = rows ?? [];
  return {
    byId: new Map(all.map((r) => [r.id, r])),
    current: all.filter((r) => r.position !== null).sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
  };
}

function presentVersions(versions: PostVersionRow[], media: Map<string, PostMediaRow>): ConsolePost['versions'] {
  return versions.map((v) => ({
    at: toIso(v.createdAt) ?? '',
    title: v.title,
    body: v.body,
    media: mediaIdsSchema.parse(JSON.parse(v.mediaIds)).flatMap((id) => {
      const row = media.get(id);
      return row ? [presentMedia(row, 'console')] : [];
    }),
    audioTranscript: v.audioTranscript,
    link: presentLink(v.linkUrl),
    note: v.note,
  }));
}

/** Posts with their audience, history and versions, as the console shows them. */
export async function presentConsolePosts(db: Executor, rows: repo.PostView[]): Promise<ConsolePost[]> {
  const ids = rows.map((r) => r.id);
  const [groups, events, versions, media] = await Promise.all([
    repo.groupsOfPosts(db, ids),
    repo.eventsOfPosts(db, ids),
    repo.versionsOfPosts(db, ids),
    mediaRepo.mediaOfPosts(db, ids),
  ]);
  const eventsOf = groupBy(events, (e) => e.postId);
  const versionsOf = groupBy(versions, (v) => v.postId);
  const mediaOf = groupBy(media, (m) => m.postId ?? '');
  return rows.map((p) => {
    const { byId, current } = mediaIndex(mediaOf.get(p.id));
    return {
      id: p.id,
      unitId: p.unitId,
      authorId: p.authorId,
      authorName: p.authorName,
      category: postCategorySchema.catch('other').parse(p.category),
      title: p.title,
      body: p.body,
      media: current.map((m) => presentMedia(m, 'console')),
      audioTranscript: p.audioTranscript,
      link: presentLink(p.linkUrl),
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
      versions: presentVersions(versionsOf.get(p.id) ?? [], byId),
    };
  });
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
  const shown = rows.filter((r) => r.status !== 'retracted').map((r) => r.id);
  const [groups, read, units, media] = await Promise.all([
    repo.groupsOfPosts(db, groupPosts),
    residentId ? feedRepo.readPostIds(db, residentId, ids) : Promise.resolve(null),
    Promise.all(unitIds.map((id) => publicUnitById(ctx, id))),
    mediaRepo.mediaOfPosts(db, shown),
  ]);
  const mediaOf = groupBy(media, (m) => m.postId ?? '');
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
      media: mediaIndex(mediaOf.get(p.id)).current.map((m) => presentMedia(m, 'public')),
      audioTranscript: retracted ? null : p.audioTranscript,
      link: retracted ? null : presentLink(p.linkUrl),
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
