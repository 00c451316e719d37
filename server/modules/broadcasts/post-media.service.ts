import {
  MAX_POST_MEDIA_OF,
  POST_MEDIA_KINDS,
  type PostMedia,
  type PostMediaKind,
} from '../../../contracts/broadcasts.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { PostMediaRow } from '../../db/schema/index.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { canSee, can, type Actor } from '../accounts/policy.js';
import { prepareUpload, storePrepared, type Upload, type Variant } from '../attachments/attachments.service.js';
import type { ServedFile } from '../attachments/serve.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { requireUnit } from '../units/units.service.js';
import * as unitsRepo from '../units/units.repository.js';
import { mayReadPost } from './feed.service.js';
import { kindOf, presentMedia } from './post-media.present.js';
import { requirePublisher } from './post-writes.js';
import * as repo from './post-media.repository.js';
import * as postsRepo from './posts.repository.js';

// Images, an audio clip and files of posts. Uploads are checked and stored like chat attachments
// (type from the bytes, photos re-encoded without metadata); a post takes them when it is written,
// and they are public only while they are in a published post's current content.

/** Stores an officer's image, audio clip or file for a post of a unit they write for (not yet in a post). */
export async function uploadPostMedia(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  unitId: string,
  upload: () => Promise<Upload>,
): Promise<PostMedia> {
  const unit = await requireUnit(ctx, actor, unitId, 'post.write');
  requirePublisher(unit, []);
  const prepared = await prepareUpload(await upload());
  const id = newId();
  const storageKey = `${unit.id}/post-media/${id}`;
  const now = ctx.clock.now();
  const row: PostMediaRow = {
    id,
    unitId: unit.id,
    postId: null,
    uploaderId: actor.officerId,
    kind: prepared.kind,
    mimeType: prepared.mimeType,
    originalName: prepared.name,
    sizeBytes: prepared.data.length,
    storageKey,
    thumbnailKey: prepared.thumbnail ? `${storageKey}-thumb` : null,
    width: prepared.width,
    height: prepared.height,
    sha256: prepared.sha256,
    position: null,
    createdAt: now,
  };
  await storePrepared(ctx.storage, prepared, row, () =>
    ctx.database.transaction(async (trx) => {
      await repo.insertMedia(trx, row);
      const details = { kind: row.kind, name: row.originalName, sizeBytes: row.sizeBytes, sha256: row.sha256 };
      await appendAudit(
        ctx,
        trx,
        audit,
        { unitId: unit.id, action: 'post.media_upload', targetType: 'post_media', targetId: id, details },
        now,
      );
    }),
  );
  return presentMedia(row, 'console');
}

export class InvalidMediaError extends BadRequestError {
  constructor(id: string) {
    super('invalid_media', `mediaIds: ${id} is not an upload of this unit that this post may take`);
  }
}

/**
 * Makes `ids` the post's media, in order, inside the caller's transaction. Each must be a medium of
 * the post already, or an upload of the unit by `uploaderId` that no post took; at most 10 images,
 * 1 audio clip and 5 files; an audio clip needs its transcript, and a transcript its clip.
 */
export async function setPostMedia(
  trx: Executor,
  post: { id: string; unitId: string },
  input: { ids: string[]; uploaderId: string; audioTranscript: string | null },
): Promise<void> {
  const rows = new Map((await repo.findMediaByIds(trx, input.ids)).map((r) => [r.id, r]));
  const counts: Record<PostMediaKind, number> = { image: 0, audio: 0, file: 0 };
  for (const id of input.ids) {
    const r = rows.get(id);
    const mayTake =
      r !== undefined &&
      r.unitId === post.unitId &&
      (r.postId === post.id || (r.postId === null && r.uploaderId === input.uploaderId));
    if (!r || !mayTake) throw new InvalidMediaError(id);
    counts[kindOf(r)] += 1;
  }
  for (const kind of POST_MEDIA_KINDS) {
    if (counts[kind] > MAX_POST_MEDIA_OF[kind]) {
      throw new BadRequestError('too_many_media', `mediaIds: at most ${MAX_POST_MEDIA_OF[kind]} of kind ${kind}`);
    }
  }
  if (counts.audio > 0 && !input.audioTranscript) {
    throw new BadRequestError('transcript_required', 'audioTranscript: say what the audio clip says');
  }
  if (counts.audio === 0 && input.audioTranscript) {
    throw new BadRequestError('transcript_without_audio', 'audioTranscript: only with an audio clip');
  }
  await repo.clearPositions(trx, post.unitId, post.id);
  for (const [position, id] of input.ids.entries()) {
    // The guard on post_id makes a concurrent take of the same upload by another post lose here.
    if (!(await repo.placeMedia(trx, post.unitId, post.id, id, position))) throw new InvalidMediaError(id);
  }
}

async function served(ctx: AppContext, row: PostMediaRow, variant: Variant): Promise<ServedFile> {
  const key = variant === 'thumbnail' ? row.thumbnailKey : row.storageKey;
  const data = key ? await ctx.storage.get(key) : null;
  if (!data) throw new NotFoundError('Media');
  return { data, mimeType: row.mimeType, name: row.originalName, kind: kindOf(row) };
}

/** A medium for officers who read the unit's posts; an upload no post took only for its uploader. */
export async function readConsoleMedia(
  ctx: AppContext,
  actor: Actor,
  id: string,
  variant: Variant,
): Promise<ServedFile> {
  const row = await repo.findMedia(ctx.database.db, id);
  const unit = row && (await unitsRepo.findUnitById(ctx.database.db, row.unitId));
  const visible =
    row !== undefined &&
    unit !== undefined &&
    canSee(actor, unit) &&
    can(actor, 'post.read', unit) &&
    (row.postId !== null || row.uploaderId === actor.officerId);
  if (!row || !visible) throw new NotFoundError('Media');
  return served(ctx, row, variant);
}

/** A medium of a post the resident (or visitor) may read, while it is in the post and the post is not retracted. */
export async function readPublicMedia(
  ctx: AppContext,
  residentId: string | null,
  id: string,
  variant: Variant,
): Promise<ServedFile> {
  const row = await repo.findMedia(ctx.database.db, id);
  if (!row?.postId || row.position === null) throw new NotFoundError('Media');
  const post = await postsRepo.findPost(ctx.database.db, row.postId);
  if (!post || post.status === 'retracted' || !(await mayReadPost(ctx, post, residentId))) {
    throw new NotFoundError('Media');
  }
  return served(ctx, row, variant);
}
