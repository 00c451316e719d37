import type { z } from 'zod';
import type {
  ConsolePost,
  consolePostQuerySchema,
  CreatePostInput,
  PostStatus,
  Recipients,
  UpdatePostInput,
} from '../../../contracts/broadcasts.js';
import type { AppContext } from '../../context.js';
import type { UnitRow } from '../../db/schema/index.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { can, type Action, type Actor } from '../accounts/policy.js';
import type { AuditActor } from '../audit/audit.service.js';
import { requireUnit, requireUnitOf } from '../units/units.service.js';
import * as groupsRepo from './groups.repository.js';
import { changeEvent, isExpired, RIGHT_OF, timesProblem, type PostEvent } from './post-state.js';
import {
  applyEvent,
  requireGroupsOfUnit,
  requirePublisher,
  stateOf,
  writeStep,
  type StepAuthor,
} from './post-writes.js';
import { presentConsolePosts } from './posts.present.js';
import { countPushRecipients } from './deliveries.js';
import * as mediaRepo from './post-media.repository.js';
import { setPostMedia } from './post-media.service.js';
import * as repo from './posts.repository.js';

// Officers' side of posts: drafting, editing, the approval workflow and the recipients preview.
// Every action is checked against the post's unit (404 unless seen, 403 unless allowed, 409 when
// the post's state does not allow it) and audited in its transaction.

type ConsolePostQuery = z.infer<typeof consolePostQuerySchema>;

/** Loads a post for a console action: 404 unless the actor sees its unit, 403 unless it may act. */
async function requirePost(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: Action,
): Promise<{ post: repo.PostView; unit: UnitRow }> {
  const post = await repo.findPost(ctx.database.db, id);
  const unit = await requireUnitOf(ctx, actor, post?.unitId, action, 'Post');
  if (!post) throw new NotFoundError('Post');
  return { post, unit };
}

/** Whether the actor may cause the event: approvers always, authors on their own posts. */
function mayCause(actor: Actor, unit: UnitRow, post: { authorId: string | null }, event: PostEvent): boolean {
  const approver = can(actor, 'post.approve', unit);
  switch (RIGHT_OF[event.type]) {
    case 'approver':
      return approver;
    case 'author_or_approver':
      return approver || (can(actor, 'post.write', unit) && post.authorId === actor.officerId);
    case 'system':
      return false;
  }
}

const parseTime = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

function checkTimes(t: { publishAt: number | null; expiresAt: number | null }, now: number): void {
  const problem = timesProblem(t, now);
  if (problem === 'expires_before_publish') throw new BadRequestError(problem, 'expiresAt: must be after publishAt');
  if (problem === 'expires_in_past') throw new BadRequestError(problem, 'expiresAt: must be in the future');
  if (problem === 'publish_too_far') throw new BadRequestError(problem, 'publishAt: at most a year ahead');
}

const authorOf = (actor: Actor): StepAuthor => ({ actorId: actor.officerId, actorName: actor.displayName });

async function presentOne(ctx: AppContext, id: string): Promise<ConsolePost> {
  const db = ctx.database.db;
  const row = await repo.findPost(db, id);
  if (!row) throw new NotFoundError('Post');
  const [post] = await presentConsolePosts(db, [row]);
  if (!post) throw new NotFoundError('Post');
  return post;
}

/** Drafts a post for a unit (officers, owners, supervisors above), addressed to the whole unit or to its groups. */
export async function createPost(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  input: CreatePostInput,
): Promise<ConsolePost> {
  const unit = await requireUnit(ctx, actor, unitId, 'post.write');
  const groupIds = input.audience?.groupIds ?? [];
  requirePublisher(unit, groupIds);
  const now = ctx.clock.now();
  const times = { publishAt: parseTime(input.publishAt), expiresAt: parseTime(input.expiresAt) };
  checkTimes(times, now);
  const mediaIds = input.mediaIds ?? [];
  const audioTranscript = input.audioTranscript ?? null;
  const id = newId();
  await ctx.database.transaction(async (trx) => {
    await requireGroupsOfUnit(trx, unit.id, groupIds);
    const post = {
      id,
      unitId: unit.id,
      authorId: actor.officerId,
      category: input.category,
      title: input.title,
      body: input.body,
      audioTranscript,
      linkUrl: input.linkUrl ?? null,
      status: 'draft',
      audience: groupIds.length ? 'groups' : 'unit',
      ...times,
      publishedAt: null,
      correctedAt: null,
      verificationCode: null,
      rejectReason: null,
      retractReason: null,
      closedAt: null,
      closeNote: null,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertPost(trx, post);
    await repo.setPostGroups(trx, unit.id, id, groupIds);
    await setPostMedia(trx, post, { ids: mediaIds, uploaderId: actor.officerId, audioTranscript });
    await writeStep(ctx, trx, post, {
      transition: { status: 'draft', history: ['created'], publishes: false },
      author: authorOf(actor),
      audit,
      auditAction: 'post.create',
      details: { title: input.title, category: input.category, groupIds, mediaIds },
      now,
    });
  });
  return presentOne(ctx, id);
}

/** A unit's posts for the console, newest first (every status, or one). */
export async function listPosts(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  query: ConsolePostQuery,
): Promise<{ items: ConsolePost[]; nextCursor: string | null }> {
  const unit = await requireUnit(ctx, actor, unitId, 'post.read');
  const db = ctx.database.db;
  const rows = await repo.listUnitPosts(db, unit.id, {
    status: query.status,
    before: query.cursor,
    limit: query.limit,
  });
  const last = rows.at(-1);
  return {
    items: await presentConsolePosts(db, rows),
    nextCursor: rows.length === query.limit && last ? last.id : null,
  };
}

/** One post with its history and published versions. */
export async function getPost(ctx: AppContext, actor: Actor, id: string): Promise<ConsolePost> {
  const { post } = await requirePost(ctx, actor, id, 'post.read');
  const [presented] = await presentConsolePosts(ctx.database.db, [post]);
  if (!presented) throw new NotFoundError('Post');
  return presented;
}

type Content = Pick<
  repo.PostView,
  'title' | 'body' | 'category' | 'publishAt' | 'expiresAt' | 'audioTranscript' | 'linkUrl'
>;

const orElse = <T>(value: T | undefined, before: T): T => (value === undefined ? before : value);

/** The post's content after the patch, and the names of the fields it changes. */
function patched(post: repo.PostView, input: UpdatePostInput, before: { groupIds: string[]; mediaIds: string[] }) {
  const next: Content = {
    title: input.title ?? post.title,
    body: input.body ?? post.body,
    category: input.category ?? post.category,
    publishAt: input.publishAt === undefined ? post.publishAt : parseTime(input.publishAt),
    expiresAt: input.expiresAt === undefined ? post.expiresAt : parseTime(input.expiresAt),
    audioTranscript: orElse(input.audioTranscript, post.audioTranscript),
    linkUrl: orElse(input.linkUrl, post.linkUrl),
  };
  const groupIds = input.audience === undefined ? before.groupIds : (input.audience?.groupIds ?? []);
  const mediaIds = input.mediaIds ?? before.mediaIds;
  const fields: string[] = (Object.keys(next) as (keyof Content)[]).filter((k) => next[k] !== post[k]);
  const sameGroups = groupIds.length === before.groupIds.length && groupIds.every((g) => before.groupIds.includes(g));
  if (!sameGroups) fields.push('audience');
  // The order of the media is content too.
  if (mediaIds.join(' ') !== before.mediaIds.join(' ')) fields.push('media');
  return { next, groupIds, mediaIds, fields };
}

/**
 * Edits a draft or rejected post (its author or an approver), or corrects a published one
 * (approvers, with a note: the new version is kept beside the earlier ones). The audience and the
 * publish time of a published post stay as they were.
 */
export async function updatePost(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  input: UpdatePostInput,
): Promise<ConsolePost> {
  const { post, unit } = await requirePost(ctx, actor, id, 'post.read');
  const event = changeEvent(post.status as PostStatus);
  if (!mayCause(actor, unit, post, event)) throw new ForbiddenError();
  const now = ctx.clock.now();
  applyEvent(stateOf(post), event, now);
  const correcting = event.type === 'correct';
  if (correcting && (input.audience !== undefined || input.publishAt !== undefined)) {
    throw new BadRequestError('fixed_after_publishing', 'The audience and publish time of a published post stay');
  }
  if (correcting && !input.correctionNote) {
    throw new BadRequestError('correction_note_required', 'correctionNote: say what the correction changes');
  }
  if (!correcting && input.correctionNote !== undefined) {
    throw new BadRequestError('not_published', 'correctionNote: only a published post is corrected');
  }
  const db = ctx.database.db;
  const groupsBefore = ((await repo.groupsOfPosts(db, [post.id])).get(post.id) ?? []).map((g) => g.id);
  const mediaBefore = await mediaRepo.currentMediaIds(db, post.id);
  const { next, groupIds, mediaIds, fields } = patched(post, input, { groupIds: groupsBefore, mediaIds: mediaBefore });
  if (input.publishAt !== undefined || input.expiresAt !== undefined) {
    if (!correcting) checkTimes(next, now);
    // A correction may close the post now (a missing person found): its expiry only follows publishing.
    else if (next.expiresAt !== null && post.publishedAt !== null && next.expiresAt <= post.publishedAt) {
      throw new BadRequestError('expires_before_publish', 'expiresAt: must be after the post was published');
    }
  }
  if (!fields.length) return presentOne(ctx, post.id);
  const { database } = ctx;
  await database.transaction(async (trx) => {
    const locked = await repo.lockPost(trx, database.dialect, unit.id, post.id);
    if (!locked) throw new NotFoundError('Post');
    const t = applyEvent(stateOf(locked), event, now);
    if (fields.includes('audience')) {
      await requireGroupsOfUnit(trx, unit.id, groupIds);
      await repo.setPostGroups(trx, unit.id, post.id, groupIds);
    }
    if (fields.includes('media') || fields.includes('audioTranscript')) {
      const audioTranscript = next.audioTranscript;
      await setPostMedia(trx, locked, { ids: mediaIds, uploaderId: actor.officerId, audioTranscript });
    }
    await writeStep(ctx, trx, locked, {
      transition: t,
      author: authorOf(actor),
      audit,
      auditAction: correcting ? 'post.correct' : 'post.update',
      details: { fields, ...(correcting ? { note: input.correctionNote } : {}) },
      now,
      patch: {
        ...next,
        ...(fields.includes('audience') ? { audience: groupIds.length ? 'groups' : 'unit' } : {}),
        ...(correcting ? { correctedAt: now } : {}),
      },
      ...(correcting ? { reason: input.correctionNote, version: { note: input.correctionNote ?? null } } : {}),
    });
  });
  return presentOne(ctx, post.id);
}

const AUDIT_OF = {
  submit: 'post.submit',
  approve: 'post.approve',
  reject: 'post.reject',
  retract: 'post.retract',
} as const;

/**
 * A step of the workflow: submit (author or approver), approve (published now or scheduled for
 * its publish time), reject or retract with a reason (approvers).
 */
export async function changePostStatus(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  change: { type: 'submit' | 'approve' } | { type: 'reject' | 'retract'; reason: string },
): Promise<ConsolePost> {
  const { post, unit } = await requirePost(ctx, actor, id, 'post.read');
  const event: PostEvent = { type: change.type };
  if (!mayCause(actor, unit, post, event)) throw new ForbiddenError();
  const { database } = ctx;
  const now = ctx.clock.now();
  await database.transaction(async (trx) => {
    const locked = await repo.lockPost(trx, database.dialect, unit.id, post.id);
    if (!locked) throw new NotFoundError('Post');
    const t = applyEvent(stateOf(locked), event, now);
    if (change.type === 'approve' && isExpired(locked.expiresAt, now)) {
      throw new ConflictError('post_expired', 'The post expired before it was approved: change its expiry first');
    }
    const reason = 'reason' in change ? change.reason : undefined;
    await writeStep(ctx, trx, locked, {
      transition: t,
      author: authorOf(actor),
      audit,
      auditAction: AUDIT_OF[change.type],
      details: { title: locked.title, status: t.status, ...(reason ? { reason } : {}) },
      now,
      patch: {
        ...(change.type === 'reject' ? { rejectReason: reason ?? null } : {}),
        ...(change.type === 'submit' || change.type === 'approve' ? { rejectReason: null } : {}),
        ...(change.type === 'retract' ? { retractReason: reason ?? null } : {}),
      },
      ...(reason ? { reason } : {}),
    });
  });
  return presentOne(ctx, post.id);
}

/**
 * Closes a published alert (approvers): a missing person found, a suspect caught, an event over.
 * It stays published and verifiable, expires now, and residents read the note with it.
 */
export async function closePost(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: string,
  note: string,
): Promise<ConsolePost> {
  const { post, unit } = await requirePost(ctx, actor, id, 'post.read');
  const event: PostEvent = { type: 'close' };
  if (!mayCause(actor, unit, post, event)) throw new ForbiddenError();
  const { database } = ctx;
  const now = ctx.clock.now();
  await database.transaction(async (trx) => {
    const locked = await repo.lockPost(trx, database.dialect, unit.id, post.id);
    if (!locked) throw new NotFoundError('Post');
    const t = applyEvent(stateOf(locked), event, now);
    if (locked.closedAt !== null) throw new ConflictError('already_closed', 'The post is already closed');
    const expiresAt = locked.expiresAt !== null && locked.expiresAt < now ? locked.expiresAt : now;
    await writeStep(ctx, trx, locked, {
      transition: t,
      author: authorOf(actor),
      audit,
      auditAction: 'post.close',
      details: { title: locked.title, note },
      now,
      patch: { closedAt: now, closeNote: note, expiresAt },
      reason: note,
    });
  });
  return presentOne(ctx, post.id);
}

/** Who a post reaches: the unit's followers, or each member of its groups once; per channel. */
export async function previewRecipients(ctx: AppContext, actor: Actor, id: string): Promise<Recipients> {
  const { post, unit } = await requirePost(ctx, actor, id, 'post.read');
  const db = ctx.database.db;
  const toGroups = post.audience === 'groups';
  const groupIds = toGroups ? ((await repo.groupsOfPosts(db, [post.id])).get(post.id) ?? []).map((g) => g.id) : [];
  const followers = toGroups ? 0 : await groupsRepo.countFollowers(db, unit.id);
  const groupMembers = await groupsRepo.countDistinctMembers(db, unit.id, groupIds);
  const total = followers + groupMembers;
  // Every recipient reads it in the portal's feed; those with a subscribed browser are also pushed.
  const push = await countPushRecipients(db, post);
  return { followers, groupMembers, total, byChannel: { web: total, push, zalo: 0 } };
}
