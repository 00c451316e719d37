import type { AppContext } from '../../context.js';
import { BadRequestError } from '../../lib/errors.js';
import type { Upload } from '../attachments/attachments.service.js';
import { reencodeImage } from '../attachments/images.js';
import { sniffUpload, UnsupportedTypeError } from '../attachments/sniff.js';

// A board message's one photo: the type read from the bytes, re-encoded without metadata (EXIF
// positions, camera serials) like chat photos, stored with its thumbnail under the unit's board.

export interface StoredBoardPhoto {
  /** The message's photo columns. */
  columns: { photoKey: string; photoThumbKey: string; photoMime: string; photoWidth: number; photoHeight: number };
  sizeBytes: number;
  /** Removes the bytes again (the message could not be written). */
  discard(): Promise<void>;
}

/** Sniffs, re-encodes and stores a board photo; 415 for anything but a photo (whatever its name says). */
export async function storeBoardPhoto(
  ctx: AppContext,
  unitId: string,
  messageId: string,
  upload: Upload,
): Promise<StoredBoardPhoto> {
  if (upload.data.length === 0) throw new BadRequestError('empty_file', 'The file is empty');
  const type = await sniffUpload(upload.data, upload.name, upload.contentType);
  if (type.kind !== 'image') throw new UnsupportedTypeError();
  const image = await reencodeImage(upload.data);
  const photoKey = `board/${unitId}/${messageId}`;
  const photoThumbKey = `${photoKey}-thumb`;
  const stored: string[] = [];
  const discard = async () => {
    await Promise.allSettled(stored.map((k) => ctx.storage.delete(k)));
  };
  try {
    await ctx.storage.put(photoKey, image.data);
    stored.push(photoKey);
    await ctx.storage.put(photoThumbKey, image.thumbnail);
    stored.push(photoThumbKey);
  } catch (err) {
    await discard();
    throw err;
  }
  return {
    columns: { photoKey, photoThumbKey, photoMime: image.mime, photoWidth: image.width, photoHeight: image.height },
    sizeBytes: image.data.length,
    discard,
  };
}

/** A stored photo's bytes (the original or its thumbnail), or null when they are gone. */
export async function readBoardPhoto(
  ctx: AppContext,
  row: { photoKey: string | null; photoThumbKey: string | null },
  variant: 'original' | 'thumbnail',
): Promise<Buffer | null> {
  const key = variant === 'thumbnail' ? row.photoThumbKey : row.photoKey;
  return key ? ctx.storage.get(key) : null;
}
