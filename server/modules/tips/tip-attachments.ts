import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { MAX_TIP_ATTACHMENTS, type TipAttachment } from '../../../contracts/tips.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { TipAttachmentRow } from '../../db/schema/index.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { prepareUpload, storePrepared, type Upload, type Variant } from '../attachments/attachments.service.js';
import type { ServedFile } from '../attachments/serve.js';
import * as repo from './tips.repository.js';

// Photos and files of tips. Uploads are checked like chat attachments (type from the bytes, lying
// types 415, photos re-encoded without EXIF, 10 MB) and stored before the tip is sent, with no
// uploader: the upload answers with a random token (only its hash is kept) that the tip or reply
// sends back to take the file, so nobody can attach another person's upload. Uploads no tip took
// go after a day (sweepUnclaimedTipUploads).

/** How long an upload waits for its tip before the sweep deletes it. */
export const UNCLAIMED_TTL_MS = 24 * 3600_000;

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export function presentTipAttachment(row: TipAttachmentRow): TipAttachment {
  return {
    id: row.id,
    kind: row.kind === 'image' || row.kind === 'audio' ? row.kind : 'file',
    mimeType: row.mimeType,
    name: row.originalName,
    sizeBytes: row.sizeBytes,
    width: row.width,
    height: row.height,
    hasThumbnail: row.thumbnailKey !== null,
  };
}

/** Stores an anonymous upload for a tip to `unitId`; the token is returned once. */
export async function uploadTipAttachment(
  ctx: AppContext,
  unitId: string,
  upload: () => Promise<Upload>,
): Promise<TipAttachment & { uploadToken: string }> {
  const prepared = await prepareUpload(await upload());
  const id = newId();
  const uploadToken = randomBytes(24).toString('base64url');
  const storageKey = `${unitId}/tip-attachments/${id}`;
  const row: TipAttachmentRow = {
    id,
    unitId,
    tipId: null,
    messageId: null,
    kind: prepared.kind,
    mimeType: prepared.mimeType,
    originalName: prepared.name,
    sizeBytes: prepared.data.length,
    storageKey,
    thumbnailKey: prepared.thumbnail ? `${storageKey}-thumb` : null,
    width: prepared.width,
    height: prepared.height,
    sha256: prepared.sha256,
    uploadTokenHash: tokenHash(uploadToken),
    createdAt: ctx.clock.now(),
  };
  await storePrepared(ctx.storage, prepared, row, () =>
    ctx.database.transaction((trx) => repo.insertAttachment(trx, row)),
  );
  return { ...presentTipAttachment(row), uploadToken };
}

export class InvalidTipAttachmentError extends BadRequestError {
  constructor(id: string) {
    super('invalid_attachment', `attachments: ${id} is not an upload this tip may take`);
  }
}

/**
 * Gives uploads to a tip (messageId null) or to a reporter's reply, inside the caller's transaction.
 * Each must be unclaimed and come with its own upload token; a tip takes only uploads made for its
 * unit, while a reply (whose reporter may not know where the tip was transferred) takes any and
 * brings them to the tip's unit. Otherwise 400 `invalid_attachment`, and the caller rolls back.
 */
export async function claimTipAttachments(
  trx: Executor,
  claims: { id: string; uploadToken: string }[] | undefined,
  to: { tipId: string; unitId: string; messageId: string | null },
): Promise<void> {
  if (!claims?.length) return;
  const ids = claims.map((c) => c.id);
  if (new Set(ids).size !== ids.length || ids.length > MAX_TIP_ATTACHMENTS) {
    throw new BadRequestError('invalid_attachment', 'attachments: each upload once, at most 5');
  }
  const rows = new Map((await repo.findAttachmentsByIds(trx, ids)).map((r) => [r.id, r]));
  for (const claim of claims) {
    const r = rows.get(claim.id);
    const tokenOk =
      r !== undefined && timingSafeEqual(Buffer.from(tokenHash(claim.uploadToken)), Buffer.from(r.uploadTokenHash));
    const ok = r !== undefined && tokenOk && r.tipId === null && (to.messageId !== null || r.unitId === to.unitId);
    if (!ok) throw new InvalidTipAttachmentError(claim.id);
  }
  if ((await repo.claimAttachments(trx, ids, to)) !== ids.length) throw new InvalidTipAttachmentError(ids.join(', '));
}

/** A tip's files: those sent with the tip, and those of each reply by message id. */
export async function tipAttachments(
  db: Executor,
  tipId: string,
): Promise<{ ofTip: TipAttachment[]; byMessage: Map<string, TipAttachment[]> }> {
  const ofTip: TipAttachment[] = [];
  const byMessage = new Map<string, TipAttachment[]>();
  for (const row of await repo.listAttachments(db, tipId)) {
    if (row.messageId === null) ofTip.push(presentTipAttachment(row));
    else byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), presentTipAttachment(row)]);
  }
  return { ofTip, byMessage };
}

/** A file of the given tip (the caller has checked who may open the tip); 404 for any other. */
export async function readTipAttachment(
  ctx: AppContext,
  tipId: string,
  row: TipAttachmentRow | undefined,
  variant: Variant,
): Promise<ServedFile> {
  if (!row || row.tipId !== tipId) throw new NotFoundError('Attachment');
  const key = variant === 'thumbnail' ? row.thumbnailKey : row.storageKey;
  const data = key ? await ctx.storage.get(key) : null;
  if (!data) throw new NotFoundError('Attachment');
  const kind = row.kind === 'image' || row.kind === 'audio' ? row.kind : 'file';
  return { data, mimeType: row.mimeType, name: row.originalName, kind };
}

const BATCH = 200;

/**
 * Deletes uploads no tip took within a day (a resident who picked a photo and never sent the tip):
 * the rows first, skipping any a tip claimed meanwhile, then their files after the commit.
 */
export async function sweepUnclaimedTipUploads(ctx: AppContext): Promise<number> {
  const before = ctx.clock.now() - UNCLAIMED_TTL_MS;
  let deleted = 0;
  for (;;) {
    const candidates = await repo.listUnclaimedAttachments(ctx.database.db, before, BATCH);
    if (!candidates.length) break;
    const gone = await ctx.database.transaction((trx) =>
      repo.deleteUnclaimedAttachments(
        trx,
        candidates.map((c) => c.id),
      ),
    );
    const keys = gone.flatMap((r) => (r.thumbnailKey ? [r.storageKey, r.thumbnailKey] : [r.storageKey]));
    await Promise.all(keys.map((key) => ctx.storage.delete(key)));
    deleted += gone.length;
    if (candidates.length < BATCH) break;
  }
  return deleted;
}
