import {
  MAX_MUTE_MS,
  MUTE_DURATION_MS,
  type ConsoleBoard,
  type ConsoleBoardMessage,
  type Mute,
  type MuteInput,
  type PinnedPost,
  type ReportedMessage,
} from '../../../contracts/board.js';
import type { AuditAction } from '../../../contracts/audit.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { ResidentialGroupRow } from '../../db/schema/index.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { toIso } from '../../lib/time.js';
import type { Action, Actor } from '../accounts/policy.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { requireUnitOf } from '../units/units.service.js';
import { readBoardPhoto } from './board-photos.js';
import { newMessage } from './board.service.js';
import * as present from './board.present.js';
import * as repo from './board.repository.js';
import * as groups from './groups.repository.js';
import { findPost } from './posts.repository.js';

// Officers of the unit on its groups' boards: read everything (hidden messages with their reason),
// write as the unit, hide and unhide, pin the unit's posts and messages, mute members for a time,
// and resolve residents' reports. Every change is audited in its own transaction.

async function requireGroup(
  ctx: AppContext,
  actor: Actor,
  groupId: string,
  action: Action,
): Promise<ResidentialGroupRow> {
  const group = await groups.findGroup(ctx.database.db, groupId);
  await requireUnitOf(ctx, actor, group?.unitId, action, 'Group');
  if (!group) throw new NotFoundError('Group');
  return group;
}

async function requireMessage(ctx: AppContext, actor: Actor, id: string, action: Action) {
  const message = await repo.findMessage(ctx.database.db, id);
  await requireUnitOf(ctx, actor, message?.unitId, action, 'Message');
  if (!message) throw new NotFoundError('Message');
  return message;
}

/** Runs a change and its audit entry in one transaction. */
async function audited(
  ctx: AppContext,
  audit: AuditActor,
  entry: {
    unitId: string;
    action: AuditAction;
    targetId: string;
    /** A message unless the change is about the group (mutes, pinned posts). */
    targetType?: 'board_message' | 'residential_group';
    details?: Record<string, unknown>;
  },
  change: (trx: Executor, now: number) => Promise<void>,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.transaction(async (trx) => {
    await change(trx, now);
    await appendAudit(
      ctx,
      trx,
      audit,
      {
        unitId: entry.unitId,
        action: entry.action,
        targetType: entry.targetType ?? 'board_message',
        targetId: entry.targetId,
        ...(entry.details ? { details: entry.details } : {}),
      },
      now,
    );
  });
}

async function presentMessages(ctx: AppContext, actor: Actor, views: repo.BoardMessageView[]) {
  const reports = await repo.openReportsOf(
    ctx.database.db,
    views.map((v) => v.id),
  );
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.messageId, (counts.get(r.messageId) ?? 0) + 1);
  return views.map((v) => present.presentForConsole(v, actor.officerId, counts.get(v.id) ?? 0));
}

async function presentMessage(ctx: AppContext, actor: Actor, id: string): Promise<ConsoleBoardMessage> {
  const view = await repo.findMessage(ctx.database.db, id);
  if (!view) throw new NotFoundError('Message');
  const [message] = await presentMessages(ctx, actor, [view]);
  if (!message) throw new NotFoundError('Message');
  return message;
}

/** A group's board as officers read it: hidden messages whole, with their reasons and open reports. */
export async function consoleBoard(
  ctx: AppContext,
  actor: Actor,
  groupId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<ConsoleBoard> {
  const group = await requireGroup(ctx, actor, groupId, 'post.read');
  const db = ctx.database.db;
  const before = present.parseBoardCursor(query.cursor);
  const firstPage = before === undefined;
  const [items, pinned, pinnedPosts] = await Promise.all([
    repo.listMessages(db, group.id, { before, limit: query.limit }),
    firstPage ? repo.listPinnedMessages(db, group.id) : [],
    firstPage ? repo.listPinnedPosts(db, group.id) : [],
  ]);
  return {
    pinnedPosts: pinnedPosts.map(present.presentPinnedPost),
    pinnedMessages: await presentMessages(ctx, actor, pinned),
    items: await presentMessages(ctx, actor, items),
    nextCursor: present.nextBoardCursor(items, query.limit),
  };
}

/** An officer writes on the board as the unit ("Công an phường …"). */
export async function writeAsUnit(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  groupId: string,
  text: string,
): Promise<ConsoleBoardMessage> {
  const group = await requireGroup(ctx, actor, groupId, 'group.moderate');
  const row = newMessage(group, { officerId: actor.officerId }, text, ctx.clock.now());
  await audited(ctx, audit, { unitId: group.unitId, action: 'board.post', targetId: row.id }, (trx) =>
    repo.insertMessage(trx, row),
  );
  return presentMessage(ctx, actor, row.id);
}

/** Hides a message from residents with a reason (and unpins it); its open reports are resolved as hidden. */
export async function hideMessage(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  messageId: string,
  reason: string,
  action: AuditAction = 'board.hide',
): Promise<ConsoleBoardMessage> {
  const message = await requireMessage(ctx, actor, messageId, 'group.moderate');
  if (message.hiddenAt !== null) throw new ConflictError('already_hidden', 'The message is hidden already');
  await audited(
    ctx,
    audit,
    { unitId: message.unitId, action, targetId: message.id, details: { reason, groupId: message.groupId } },
    async (trx, now) => {
      await repo.setHidden(trx, message.id, { at: now, by: actor.officerId, reason });
      if (message.pinnedAt !== null) await repo.setPinned(trx, message.id, null);
      await repo.resolveReports(trx, message.id, { at: now, by: actor.officerId, outcome: 'hidden' });
    },
  );
  return presentMessage(ctx, actor, message.id);
}

/** Shows a hidden message to residents again. */
export async function unhideMessage(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  messageId: string,
): Promise<ConsoleBoardMessage> {
  const message = await requireMessage(ctx, actor, messageId, 'group.moderate');
  if (message.hiddenAt === null) throw new ConflictError('not_hidden', 'The message is not hidden');
  await audited(
    ctx,
    audit,
    { unitId: message.unitId, action: 'board.unhide', targetId: message.id, details: { groupId: message.groupId } },
    (trx) => repo.setHidden(trx, message.id, null),
  );
  return presentMessage(ctx, actor, message.id);
}

/** Pins or unpins a message the unit wrote (residents' messages are not pinned). */
export async function setMessagePinned(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  messageId: string,
  pinned: boolean,
): Promise<ConsoleBoardMessage> {
  const message = await requireMessage(ctx, actor, messageId, 'group.moderate');
  if (pinned && message.authorOfficerId === null) {
    throw new ConflictError('not_pinnable', "Only the unit's own messages and posts are pinned");
  }
  if (pinned && message.hiddenAt !== null) throw new ConflictError('hidden', 'A hidden message cannot be pinned');
  if (pinned === (message.pinnedAt !== null)) return presentMessage(ctx, actor, message.id);
  await audited(
    ctx,
    audit,
    {
      unitId: message.unitId,
      action: pinned ? 'board.pin' : 'board.unpin',
      targetId: message.id,
      details: { groupId: message.groupId },
    },
    (trx, now) => repo.setPinned(trx, message.id, pinned ? { at: now, by: actor.officerId } : null),
  );
  return presentMessage(ctx, actor, message.id);
}

/** Pins a published post of the unit addressed to the whole unit or to this group. */
export async function pinPost(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  groupId: string,
  postId: string,
): Promise<PinnedPost> {
  const group = await requireGroup(ctx, actor, groupId, 'group.moderate');
  const post = await findPost(ctx.database.db, postId);
  if (!post || post.unitId !== group.unitId) throw new NotFoundError('Post');
  if (post.status !== 'published') throw new ConflictError('not_published', 'Only published posts are pinned');
  if (post.audience !== 'unit' && !(await repo.postAddressedTo(ctx.database.db, post.id, group.id))) {
    throw new ConflictError('not_addressed', 'The post is not addressed to this group');
  }
  await audited(
    ctx,
    audit,
    {
      unitId: group.unitId,
      action: 'board.pin',
      targetId: group.id,
      targetType: 'residential_group',
      details: { postId: post.id },
    },
    (trx, now) =>
      repo.insertPostPin(trx, {
        groupId: group.id,
        postId: post.id,
        unitId: group.unitId,
        pinnedBy: actor.officerId,
        pinnedAt: now,
      }),
  );
  const pinned = (await repo.listPinnedPosts(ctx.database.db, group.id)).find((p) => p.id === post.id);
  if (!pinned) throw new NotFoundError('Post');
  return present.presentPinnedPost(pinned);
}

/** Unpins a post from the board; 404 when it was not pinned there. */
export async function unpinPost(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  groupId: string,
  postId: string,
): Promise<{ ok: true }> {
  const group = await requireGroup(ctx, actor, groupId, 'group.moderate');
  await audited(
    ctx,
    audit,
    {
      unitId: group.unitId,
      action: 'board.unpin',
      targetId: group.id,
      targetType: 'residential_group',
      details: { postId },
    },
    async (trx) => {
      if (!(await repo.deletePostPin(trx, group.id, postId))) throw new NotFoundError('Pin');
    },
  );
  return { ok: true };
}

/** The board's pinned posts (for the console's pin list). */
export async function listPinnedPosts(
  ctx: AppContext,
  actor: Actor,
  groupId: string,
): Promise<{ items: PinnedPost[] }> {
  const group = await requireGroup(ctx, actor, groupId, 'post.read');
  return { items: (await repo.listPinnedPosts(ctx.database.db, group.id)).map(present.presentPinnedPost) };
}

function presentMute(m: repo.MuteView): Mute {
  return {
    residentId: m.residentId,
    displayName: m.displayName,
    until: toIso(m.until) ?? '',
    reason: m.reason,
    mutedAt: toIso(m.mutedAt) ?? '',
  };
}

/** Members muted on the board now. */
export async function listMutes(ctx: AppContext, actor: Actor, groupId: string): Promise<{ items: Mute[] }> {
  const group = await requireGroup(ctx, actor, groupId, 'post.read');
  return { items: (await repo.listMutes(ctx.database.db, group.id, ctx.clock.now())).map(presentMute) };
}

/** Mutes a member for 1 h, 24 h, 7 days or until a time (replacing an earlier mute). */
export async function muteMember(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  groupId: string,
  input: MuteInput,
): Promise<Mute> {
  const group = await requireGroup(ctx, actor, groupId, 'group.moderate');
  const member = await groups.findMember(ctx.database.db, group.unitId, group.id, input.residentId);
  if (!member) throw new NotFoundError('Member');
  const now = ctx.clock.now();
  const until = input.duration ? now + MUTE_DURATION_MS[input.duration] : Date.parse(input.until ?? '');
  if (!(until > now) || until - now > MAX_MUTE_MS) {
    throw new BadRequestError('invalid_until', 'until: must be in the future and within a year');
  }
  await audited(
    ctx,
    audit,
    {
      unitId: group.unitId,
      action: 'board.mute',
      targetId: group.id,
      targetType: 'residential_group',
      details: { residentId: member.residentId, until: toIso(until), reason: input.reason },
    },
    (trx) =>
      repo.upsertMute(trx, {
        groupId: group.id,
        residentId: member.residentId,
        unitId: group.unitId,
        until,
        reason: input.reason,
        mutedBy: actor.officerId,
        mutedAt: now,
      }),
  );
  return presentMute({
    ...member,
    groupId: group.id,
    until,
    reason: input.reason,
    mutedBy: actor.officerId,
    mutedAt: now,
  });
}

/** Lets a muted member write again; 404 when they are not muted. */
export async function unmuteMember(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  groupId: string,
  residentId: string,
): Promise<{ ok: true }> {
  const group = await requireGroup(ctx, actor, groupId, 'group.moderate');
  await audited(
    ctx,
    audit,
    {
      unitId: group.unitId,
      action: 'board.unmute',
      targetId: group.id,
      targetType: 'residential_group',
      details: { residentId },
    },
    async (trx, now) => {
      if (!(await repo.deleteMute(trx, group.id, residentId, now))) throw new NotFoundError('Mute');
    },
  );
  return { ok: true };
}

/** Messages of the group with open reports, most recently reported first, each with its reports. */
export async function listReports(
  ctx: AppContext,
  actor: Actor,
  groupId: string,
): Promise<{ items: ReportedMessage[] }> {
  const group = await requireGroup(ctx, actor, groupId, 'post.read');
  const db = ctx.database.db;
  const ids = await repo.reportedMessageIds(db, group.id);
  const views = new Map((await repo.findMessagesByIds(db, ids)).map((v) => [v.id, v]));
  const reports = await repo.openReportsOf(db, ids);
  const messages = await presentMessages(
    ctx,
    actor,
    ids.flatMap((id) => views.get(id) ?? []),
  );
  return {
    items: messages.map((message) => ({
      message,
      reports: reports
        .filter((r) => r.messageId === message.id)
        .map((r) => ({
          category: r.category === 'spam' || r.category === 'abuse' || r.category === 'scam' ? r.category : 'other',
          text: r.text,
          createdAt: toIso(r.createdAt) ?? '',
        })),
    })),
  };
}

/** Resolves a message's open reports: hide it (with a reason) or dismiss them. */
export async function resolveReports(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  messageId: string,
  input: { outcome: 'hide' | 'dismiss'; reason?: string | undefined },
): Promise<ConsoleBoardMessage> {
  const message = await requireMessage(ctx, actor, messageId, 'group.moderate');
  const open = await repo.openReportsOf(ctx.database.db, [message.id]);
  if (!open.length) throw new ConflictError('no_open_reports', 'The message has no open reports');
  if (input.outcome === 'hide') {
    if (!input.reason) throw new BadRequestError('reason_required', 'reason: give why the message is hidden');
    return hideMessage(ctx, actor, audit, message.id, input.reason);
  }
  await audited(
    ctx,
    audit,
    {
      unitId: message.unitId,
      action: 'board.reports.dismiss',
      targetId: message.id,
      details: { groupId: message.groupId, reports: open.length },
    },
    async (trx, now) => {
      await repo.resolveReports(trx, message.id, { at: now, by: actor.officerId, outcome: 'dismissed' });
    },
  );
  return presentMessage(ctx, actor, message.id);
}

/** Open reports per group of a unit (badges in the console's group list). */
export async function openReportCounts(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
): Promise<{ items: { groupId: string; open: number }[] }> {
  const unit = await requireUnitOf(ctx, actor, unitId, 'post.read', 'Unit');
  return { items: await repo.openReportCounts(ctx.database.db, unit.id) };
}

/** A message's photo for officers who see its unit (hidden messages too). */
export async function photoForOfficer(
  ctx: AppContext,
  actor: Actor,
  messageId: string,
  variant: 'original' | 'thumbnail',
): Promise<{ data: Buffer; mimeType: string }> {
  const message = await requireMessage(ctx, actor, messageId, 'post.read');
  const data = await readBoardPhoto(ctx, message, variant);
  if (!data) throw new NotFoundError('Photo');
  return { data, mimeType: message.photoMime ?? 'image/jpeg' };
}
