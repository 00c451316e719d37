import type { Board, BoardMessage, ReportCategory } from '../../../contracts/board.js';
import { photoCaptionSchema } from '../../../contracts/board.js';
import type { AppContext } from '../../context.js';
import type { BoardMessageRow, ResidentialGroupRow } from '../../db/schema/index.js';
import { AppError, BadRequestError, ConflictError, NotFoundError, TooManyRequestsError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { toIso } from '../../lib/time.js';
import { countUpload, uploadsOnDay } from '../attachments/attachments.repository.js';
import type { Upload } from '../attachments/attachments.service.js';
import { quotaDay, uploadQuotaError } from '../attachments/quota.js';
import { checkText } from '../../lib/text-input.js';
import { readBoardPhoto, storeBoardPhoto } from './board-photos.js';
import * as present from './board.present.js';
import * as repo from './board.repository.js';
import * as groups from './groups.repository.js';

// Members of a residential group on its board: read, write (text, one photo), report. Anyone who
// is not a member gets 404, as if the board did not exist. Residents' own writes are not audited
// (like their conversation messages); officers' moderation is (board-moderation.service.ts).

/** 403 for a muted member, saying until when. */
export class MutedError extends AppError {
  constructor(until: number) {
    const at = toIso(until) ?? '';
    super('forbidden', 'muted', `You may read this board but not write on it until ${at}`);
    this.extensions = { until: at };
  }
}

/** The group when the resident is a member of it; 404 otherwise. */
async function requireMembership(
  ctx: AppContext,
  residentId: string | null,
  groupId: string,
): Promise<ResidentialGroupRow> {
  const group = await groups.findGroup(ctx.database.db, groupId);
  const member =
    group && residentId ? await groups.findMember(ctx.database.db, group.unitId, group.id, residentId) : undefined;
  if (!group || !member) throw new NotFoundError('Group');
  return group;
}

/** The group's board as a member reads it: pins first (on the first page), then newest first. */
export async function readBoard(
  ctx: AppContext,
  residentId: string | null,
  groupId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<Board> {
  const group = await requireMembership(ctx, residentId, groupId);
  const reader = residentId ?? '';
  const db = ctx.database.db;
  const before = present.parseBoardCursor(query.cursor);
  const firstPage = before === undefined;
  const [items, pinnedMessages, pinnedPosts, mute, unit] = await Promise.all([
    repo.listMessages(db, group.id, { before, limit: query.limit }),
    firstPage ? repo.listPinnedMessages(db, group.id) : [],
    firstPage ? repo.listPinnedPosts(db, group.id) : [],
    repo.activeMute(db, group.id, reader, ctx.clock.now()),
    db.selectFrom('units').select('displayName').where('id', '=', group.unitId).executeTakeFirst(),
  ]);
  return {
    group: { id: group.id, name: group.name, unitName: unit?.displayName ?? '' },
    pinnedPosts: pinnedPosts.map(present.presentPinnedPost),
    pinnedMessages: pinnedMessages.map((m) => present.presentForResident(m, reader)),
    items: items.map((m) => present.presentForResident(m, reader)),
    nextCursor: present.nextBoardCursor(items, query.limit),
    mutedUntil: toIso(mute?.until ?? null),
  };
}

/** Refuses a write by a muted member (403 with until when) or one writing too fast (429). */
async function mayWrite(ctx: AppContext, group: ResidentialGroupRow, residentId: string): Promise<void> {
  const now = ctx.clock.now();
  const mute = await repo.activeMute(ctx.database.db, group.id, residentId, now);
  if (mute) throw new MutedError(mute.until);
  const wait = ctx.boardBurst.hit(residentId, now);
  if (wait > 0) throw new TooManyRequestsError('too_fast', 'You are writing too fast; wait a moment', wait / 1000);
}

/** A new, visible, unpinned message without a photo, by a member or (an officer) as the unit. */
export function newMessage(
  group: ResidentialGroupRow,
  author: { residentId: string } | { officerId: string },
  text: string,
  now: number,
): BoardMessageRow {
  return {
    id: newId(),
    unitId: group.unitId,
    groupId: group.id,
    authorResidentId: 'residentId' in author ? author.residentId : null,
    authorOfficerId: 'officerId' in author ? author.officerId : null,
    text,
    photoKey: null,
    photoThumbKey: null,
    photoMime: null,
    photoWidth: null,
    photoHeight: null,
    hiddenAt: null,
    hiddenBy: null,
    hideReason: null,
    pinnedAt: null,
    pinnedBy: null,
    createdAt: now,
  };
}

async function presentOne(ctx: AppContext, id: string, residentId: string): Promise<BoardMessage> {
  const view = await repo.findMessage(ctx.database.db, id);
  if (!view) throw new NotFoundError('Message');
  return present.presentForResident(view, residentId);
}

/** A member writes a text message on the group's board. */
export async function writeMessage(
  ctx: AppContext,
  residentId: string | null,
  groupId: string,
  text: string,
): Promise<BoardMessage> {
  const group = await requireMembership(ctx, residentId, groupId);
  const resident = residentId ?? '';
  await mayWrite(ctx, group, resident);
  const row = newMessage(group, { residentId: resident }, text, ctx.clock.now());
  await ctx.database.transaction((trx) => repo.insertMessage(trx, row));
  return presentOne(ctx, row.id, resident);
}

/** The caption sent with a photo, checked as the edge checks JSON text (NUL, surrogates, bidi). */
function parseCaption(raw: string | undefined): string {
  const checked = checkText(raw ?? '', 'body.text', true);
  if (!checked.ok)
    throw new BadRequestError('validation_failed', `${checked.problem.path}: ${checked.problem.message}`);
  const parsed = photoCaptionSchema.safeParse(typeof checked.value === 'string' ? checked.value : '');
  if (!parsed.success) throw new BadRequestError('validation_failed', 'body.text: too long');
  return parsed.data;
}

/**
 * A member writes a photo (with an optional caption) on the board. Membership, mute, pace and the
 * day's upload allowance are checked before the body is read; the allowance is counted with the row.
 */
export async function writePhotoMessage(
  ctx: AppContext,
  residentId: string | null,
  groupId: string,
  read: () => Promise<{ upload: Upload; fields: Record<string, string> }>,
): Promise<BoardMessage> {
  const group = await requireMembership(ctx, residentId, groupId);
  const resident = residentId ?? '';
  await mayWrite(ctx, group, resident);
  const now = ctx.clock.now();
  const day = quotaDay(now);
  const limits = { files: ctx.config.uploads.perResidentPerDay, bytes: ctx.config.uploads.bytesPerResidentPerDay };
  const used = await uploadsOnDay(ctx.database.db, resident, day);
  if (used.files >= limits.files || used.bytes >= limits.bytes) throw uploadQuotaError(now);
  const { upload, fields } = await read();
  const row = newMessage(group, { residentId: resident }, parseCaption(fields.text), now);
  const photo = await storeBoardPhoto(ctx, group.unitId, row.id, upload);
  try {
    await ctx.database.transaction(async (trx) => {
      if (!(await countUpload(trx, resident, day, photo.sizeBytes, limits))) throw uploadQuotaError(now);
      await repo.insertMessage(trx, { ...row, ...photo.columns });
    });
  } catch (err) {
    await photo.discard();
    throw err;
  }
  return presentOne(ctx, row.id, resident);
}

/** A member reports a message of the board (once per message); hidden messages are not there to report. */
export async function reportMessage(
  ctx: AppContext,
  residentId: string | null,
  messageId: string,
  input: { category: ReportCategory; text?: string | undefined },
): Promise<{ reported: true }> {
  const message = await repo.findMessage(ctx.database.db, messageId);
  if (!message) throw new NotFoundError('Message');
  const group = await requireMembership(ctx, residentId, message.groupId).catch(() => {
    throw new NotFoundError('Message');
  });
  if (message.hiddenAt !== null) throw new NotFoundError('Message');
  const inserted = await ctx.database.transaction((trx) =>
    repo.insertReport(trx, {
      id: newId(),
      unitId: group.unitId,
      groupId: group.id,
      messageId: message.id,
      residentId: residentId ?? '',
      category: input.category,
      text: input.text ? input.text : null,
      createdAt: ctx.clock.now(),
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
    }),
  );
  if (!inserted) throw new ConflictError('already_reported', 'You have reported this message already');
  return { reported: true };
}

/** A message's photo for a member of its group; nothing of a hidden message. */
export async function photoForResident(
  ctx: AppContext,
  residentId: string | null,
  messageId: string,
  variant: 'original' | 'thumbnail',
): Promise<{ data: Buffer; mimeType: string }> {
  const message = await repo.findMessage(ctx.database.db, messageId);
  const member =
    message && residentId
      ? await groups.findMember(ctx.database.db, message.unitId, message.groupId, residentId)
      : undefined;
  const data = message && member && message.hiddenAt === null ? await readBoardPhoto(ctx, message, variant) : null;
  if (!message || !data) throw new NotFoundError('Photo');
  return { data, mimeType: message.photoMime ?? 'image/jpeg' };
}
