import { createHash } from 'node:crypto';
import type { Attachment } from '../../../contracts/conversations.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { AttachmentRow } from '../../db/schema/index.js';
import { AppError, BadRequestError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { can, canSee, type Actor } from '../accounts/policy.js';
import { residentIdByToken } from '../residents/residents.service.js';
import * as repo from './attachments.repository.js';
import { cleanFileName } from './file-names.js';
import type { ServedFile } from './serve.js';
import type { FileStorage } from './storage.js';
import { reencodeImage } from './images.js';
import { quotaDay, uploadQuotaError } from './quota.js';
import { sniffUpload, type AttachmentKind } from './sniff.js';

export type Audience = 'public' | 'console';
export type Variant = 'original' | 'thumbnail';

/** An upload as it came off the wire, already size-capped. */
export interface Upload {
  data: Buffer;
  name: string;
  contentType: string | undefined;
}

/** Bytes to serve with the headers that go with them. */
export type AttachmentContent = ServedFile;

type Uploader = { residentId: string; officerId?: undefined } | { officerId: string; residentId?: undefined };

/** The Attachment as the API shows it, with URLs for the given audience's download routes. */
export function presentAttachment(row: AttachmentRow, audience: Audience): Attachment {
  const url = `/api/v1/${audience}/attachments/${row.id}`;
  return {
    id: row.id,
    kind: row.kind === 'image' || row.kind === 'audio' ? row.kind : 'file',
    mimeType: row.mimeType,
    name: row.originalName,
    sizeBytes: row.sizeBytes,
    url,
    thumbnailUrl: row.thumbnailKey ? `${url}/thumbnail` : null,
  };
}

function residentId(ctx: AppContext, token: string | undefined): Promise<string | null> {
  return residentIdByToken(ctx, token);
}

/** Units the actor cannot see answer 404; reading their conversations needs conversation.read too. */
function mayRead(actor: Actor, unit: { id: string; path: string }): boolean {
  return canSee(actor, unit) && can(actor, 'conversation.read', unit);
}

/** Counted against an allowance in the upload's transaction; throws to refuse it. */
type Allowance = (trx: Executor, bytes: number) => Promise<void>;

/** An upload checked and ready to store: type from its bytes, images re-encoded without metadata. */
export interface PreparedUpload {
  kind: AttachmentKind;
  mimeType: string;
  /** The client's name, cleaned, with the extension of what is stored. */
  name: string;
  data: Buffer;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
  sha256: string;
}

/** Sniffs an upload's type (415 unless allowed and honestly named) and re-encodes images; stores nothing. */
export async function prepareUpload(upload: Upload): Promise<PreparedUpload> {
  if (upload.data.length === 0) throw new BadRequestError('empty_file', 'The file is empty');
  const type = await sniffUpload(upload.data, upload.name, upload.contentType);
  const image = type.kind === 'image' ? await reencodeImage(upload.data) : null;
  const data = image?.data ?? upload.data;
  return {
    kind: type.kind,
    mimeType: image?.mime ?? type.mime,
    name: cleanFileName(upload.name, image?.ext ?? type.ext, image !== null),
    data,
    thumbnail: image?.thumbnail ?? null,
    width: image?.width ?? null,
    height: image?.height ?? null,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

/**
 * Puts a prepared upload's bytes (and thumbnail) under their keys, then runs `write` (the row's
 * transaction). Nothing half-stored: the bytes go again when the row could not be written.
 */
export async function storePrepared(
  storage: FileStorage,
  prepared: PreparedUpload,
  keys: { storageKey: string; thumbnailKey: string | null },
  write: () => Promise<void>,
): Promise<void> {
  const written: string[] = [];
  try {
    await storage.put(keys.storageKey, prepared.data);
    written.push(keys.storageKey);
    if (prepared.thumbnail && keys.thumbnailKey) {
      await storage.put(keys.thumbnailKey, prepared.thumbnail);
      written.push(keys.thumbnailKey);
    }
    await write();
  } catch (err) {
    await Promise.allSettled(written.map((k) => storage.delete(k)));
    throw err;
  }
}

async function store(
  ctx: AppContext,
  scope: repo.ConversationScope,
  uploader: Uploader,
  upload: Upload,
  allowance?: Allowance,
): Promise<AttachmentRow> {
  const prepared = await prepareUpload(upload);
  const id = newId();
  const storageKey = `${scope.unitId}/${id}`;
  const row: AttachmentRow = {
    id,
    unitId: scope.unitId,
    conversationId: scope.id,
    messageId: null,
    uploaderResidentId: uploader.residentId ?? null,
    uploaderOfficerId: uploader.officerId ?? null,
    kind: prepared.kind,
    mimeType: prepared.mimeType,
    originalName: prepared.name,
    sizeBytes: prepared.data.length,
    storageKey,
    thumbnailKey: prepared.thumbnail ? `${storageKey}-thumb` : null,
    width: prepared.width,
    height: prepared.height,
    sha256: prepared.sha256,
    createdAt: ctx.clock.now(),
  };
  await storePrepared(ctx.storage, prepared, row, () =>
    ctx.database.transaction(async (trx) => {
      await allowance?.(trx, row.sizeBytes);
      await repo.insertAttachment(trx, row);
    }),
  );
  return row;
}

/** Stores a resident's upload to their own conversation (not yet attached to a message). */
export async function uploadAsResident(
  ctx: AppContext,
  token: string | undefined,
  conversationId: string,
  upload: () => Promise<Upload>,
): Promise<Attachment> {
  const resident = await residentId(ctx, token);
  const scope = await repo.findConversationScope(ctx.database.db, conversationId);
  if (!resident || !scope || scope.residentId !== resident) throw new NotFoundError('Conversation');
  // Refuse before reading the body when today's allowance is spent; count in the row's transaction.
  const now = ctx.clock.now();
  const day = quotaDay(now);
  const limits = { files: ctx.config.uploads.perResidentPerDay, bytes: ctx.config.uploads.bytesPerResidentPerDay };
  const used = await repo.uploadsOnDay(ctx.database.db, resident, day);
  if (used.files >= limits.files || used.bytes >= limits.bytes) throw uploadQuotaError(now);
  const allowance: Allowance = async (trx, bytes) => {
    if (!(await repo.countUpload(trx, resident, day, bytes, limits))) throw uploadQuotaError(now);
  };
  return presentAttachment(await store(ctx, scope, { residentId: resident }, await upload(), allowance), 'public');
}

/** Stores an officer's upload to a conversation of a unit they answer for. */
export async function uploadAsOfficer(
  ctx: AppContext,
  actor: Actor,
  conversationId: string,
  upload: () => Promise<Upload>,
): Promise<Attachment> {
  const scope = await repo.findConversationScope(ctx.database.db, conversationId);
  const unit = scope && { id: scope.unitId, path: scope.unitPath };
  if (!scope || !unit || !mayRead(actor, unit)) throw new NotFoundError('Conversation');
  // Supervisors read their subtree's conversations but do not answer in them.
  if (!can(actor, 'conversation.handle', unit))
    throw new AppError('forbidden', 'forbidden', 'Only officers of the unit may send files');
  return presentAttachment(await store(ctx, scope, { officerId: actor.officerId }, await upload()), 'console');
}

async function content(ctx: AppContext, row: repo.AttachmentWithScope, variant: Variant): Promise<AttachmentContent> {
  const key = variant === 'thumbnail' ? row.thumbnailKey : row.storageKey;
  const data = key ? await ctx.storage.get(key) : null;
  if (!data) throw new NotFoundError('Attachment');
  const kind = row.kind === 'image' || row.kind === 'audio' ? row.kind : 'file';
  return { data, mimeType: row.mimeType, name: row.originalName, kind };
}

/** An attachment for the resident who owns its conversation: sent ones (not internal notes) and their own uploads. */
export async function readAsResident(
  ctx: AppContext,
  token: string | undefined,
  attachmentId: string,
  variant: Variant,
): Promise<AttachmentContent> {
  const resident = await residentId(ctx, token);
  const row = await repo.findAttachmentWithScope(ctx.database.db, attachmentId);
  const visible =
    resident !== null &&
    row !== undefined &&
    row.residentId === resident &&
    (row.messageId === null ? row.uploaderResidentId === resident : !row.messageInternal);
  if (!row || !visible) throw new NotFoundError('Attachment');
  return content(ctx, row, variant);
}

/** An attachment for officers who see the conversation's unit; unsent uploads only for the officer who made them. */
export async function readAsOfficer(
  ctx: AppContext,
  actor: Actor,
  attachmentId: string,
  variant: Variant,
): Promise<AttachmentContent> {
  const row = await repo.findAttachmentWithScope(ctx.database.db, attachmentId);
  const visible =
    row !== undefined &&
    mayRead(actor, { id: row.unitId, path: row.unitPath }) &&
    (row.messageId !== null || row.uploaderOfficerId === actor.officerId);
  if (!row || !visible) throw new NotFoundError('Attachment');
  return content(ctx, row, variant);
}

export class InvalidAttachmentError extends BadRequestError {
  constructor(id: string) {
    super('invalid_attachment', `Attachment ${id} cannot be sent with this message`);
  }
}

/**
 * Attaches uploads to a message inside the caller's transaction. Every id must be an unclaimed
 * upload of this conversation by this uploader; otherwise throws 400 `invalid_attachment`.
 */
export async function claimAttachments(
  trx: Executor,
  input: {
    conversationId: string;
    unitId: string;
    messageId: string;
    attachmentIds: string[];
    uploader: { residentId?: string; officerId?: string };
  },
): Promise<void> {
  const ids = [...new Set(input.attachmentIds)];
  if (ids.length === 0) return;
  const { residentId: byResident, officerId: byOfficer } = input.uploader;
  const rows = new Map((await repo.findAttachmentsByIds(trx, ids)).map((r) => [r.id, r]));
  for (const id of ids) {
    const r = rows.get(id);
    const ok =
      r !== undefined &&
      r.conversationId === input.conversationId &&
      r.unitId === input.unitId &&
      r.messageId === null &&
      (byResident !== undefined || byOfficer !== undefined) &&
      (byResident === undefined || r.uploaderResidentId === byResident) &&
      (byOfficer === undefined || r.uploaderOfficerId === byOfficer);
    if (!ok) throw new InvalidAttachmentError(id);
  }
  // The guard on message_id makes a concurrent claim of the same upload lose here.
  const claimed = await repo.claimForMessage(trx, input.conversationId, input.messageId, ids);
  if (claimed !== ids.length) throw new InvalidAttachmentError(ids.join(', '));
}

/** The resident's own sent files among `ids` in a conversation (anyone else's, and unsent uploads, left out). */
export async function sentFilesOfResident(
  db: Executor,
  conversationId: string,
  residentId: string,
  ids: string[],
): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  const rows = await repo.findAttachmentsByIds(db, [...new Set(ids)]);
  return rows.filter(
    (r) => r.conversationId === conversationId && r.messageId !== null && r.uploaderResidentId === residentId,
  );
}

/** Attachment rows of the given messages, keyed by message id (one query; none for no ids). */
export async function attachmentRowsForMessages(
  db: Executor,
  messageIds: string[],
): Promise<Map<string, AttachmentRow[]>> {
  const byMessage = new Map<string, AttachmentRow[]>();
  if (messageIds.length === 0) return byMessage;
  for (const row of await repo.listByMessages(db, [...new Set(messageIds)])) {
    if (!row.messageId) continue;
    const list = byMessage.get(row.messageId) ?? [];
    list.push(row);
    byMessage.set(row.messageId, list);
  }
  return byMessage;
}

/** Attachments of the given messages, keyed by message id, with URLs for the audience. */
export async function attachmentsForMessages(
  db: Executor,
  messageIds: string[],
  audience: Audience = 'public',
): Promise<Map<string, Attachment[]>> {
  const rows = await attachmentRowsForMessages(db, messageIds);
  return new Map([...rows].map(([id, list]) => [id, list.map((r) => presentAttachment(r, audience))]));
}

/** A sent attachment's bytes for a channel that uploads them (Zalo): the unit's own, by id. */
export async function attachmentBytes(
  ctx: AppContext,
  unitId: string,
  attachmentId: string,
): Promise<{ data: Buffer; mimeType: string; name: string }> {
  const row = await repo.findAttachmentWithScope(ctx.database.db, attachmentId);
  if (!row || row.unitId !== unitId) throw new NotFoundError('Attachment');
  const { data, mimeType, name } = await content(ctx, row, 'original');
  return { data, mimeType, name };
}

/**
 * Stores a file a resident sent through a channel (a Zalo photo) in their conversation, checked and
 * re-encoded like a chat upload; returns the attachment's id for the message that claims it.
 */
export async function storeChannelUpload(
  ctx: AppContext,
  conversationId: string,
  residentId: string,
  upload: Upload,
): Promise<string> {
  const scope = await repo.findConversationScope(ctx.database.db, conversationId);
  if (!scope || scope.residentId !== residentId) throw new NotFoundError('Conversation');
  return (await store(ctx, scope, { residentId }, upload)).id;
}
