import { MAX_ATTACHMENT_BYTES } from '../../contracts/conversations';
import { MAX_TIP_ATTACHMENTS, type TipAttachment, type TipAttachmentClaim } from '../../contracts/tips';
import { ApiError } from '../api';

// Pure rules of the photos and files a resident adds to a tip or reply (kept apart from React so
// they can be unit-tested). The server decides by the bytes; these only spare a pointless upload.

/** A picked file on its way to the server, or there. */
export interface TipFileItem {
  /** Local id, known before the server's. */
  key: string;
  name: string;
  sizeBytes: number;
  /** A local preview URL for a photo (blob:), revoked when the item goes. */
  previewUrl: string | null;
  status: 'uploading' | 'done' | 'failed';
  /** 0–1 while uploading. */
  progress: number;
  upload: (TipAttachment & { uploadToken: string }) | null;
  /** An i18n key and its values, for a refused file. */
  problem: FileProblem | null;
}

export interface FileProblem {
  key: string;
  values: Record<string, string | number>;
}

/**
 * Splits newly picked files into those to upload and what to tell the resident about the rest:
 * too many (beyond MAX_TIP_ATTACHMENTS with those already kept) or too large.
 */
export function checkPicked(files: readonly File[], kept: number): { accepted: File[]; problems: FileProblem[] } {
  const accepted: File[] = [];
  const problems: FileProblem[] = [];
  let room = MAX_TIP_ATTACHMENTS - kept;
  let overflow = 0;
  for (const file of files) {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      problems.push({ key: 'tips.files.errors.file_too_large', values: { name: file.name, max: 10 } });
    } else if (room <= 0) {
      overflow += 1;
    } else {
      accepted.push(file);
      room -= 1;
    }
  }
  if (overflow > 0) problems.push({ key: 'tips.files.tooMany', values: { max: MAX_TIP_ATTACHMENTS } });
  return { accepted, problems };
}

const KNOWN_UPLOAD_ERRORS = new Set([
  'file_too_large',
  'unsupported_type',
  'unsupported_media_type',
  'type_mismatch',
  'empty_file',
  'invalid_image',
  'image_too_large',
  'rate_limited',
  'network_error',
]);

/** The refusal of one upload in plain words: its problem's code mapped to a message naming the file. */
export function uploadProblem(err: unknown, name: string): FileProblem {
  let code = 'generic';
  if (err instanceof ApiError) {
    if (KNOWN_UPLOAD_ERRORS.has(err.code)) code = err.code === 'unsupported_media_type' ? 'unsupported_type' : err.code;
    else if (err.status === 413) code = 'file_too_large';
    else if (err.status === 415) code = 'unsupported_type';
    else if (err.status === 429) code = 'rate_limited';
  }
  return { key: `tips.files.errors.${code}`, values: { name, max: 10 } };
}

/** What the tip or reply sends: the finished uploads, in the order picked. */
export function claimsOf(items: readonly TipFileItem[]): TipAttachmentClaim[] {
  return items.flatMap((i) =>
    i.status === 'done' && i.upload ? [{ id: i.upload.id, uploadToken: i.upload.uploadToken }] : [],
  );
}

/** Files still counted against the limit (failed ones are shown but take no place). */
export function keptCount(items: readonly TipFileItem[]): number {
  return items.filter((i) => i.status !== 'failed').length;
}

/** Whether a picked file is a photo the browser can preview before it is uploaded. */
export function isPreviewable(file: { type: string }): boolean {
  return /^image\/(jpeg|png|webp|gif)$/.test(file.type);
}
